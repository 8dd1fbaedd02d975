"""The one way views reach an app: anyone outside its partner gets a 404, a
member whose role lacks the permission a 403 (partners/roles.py).

    app = get_app_for_member(request, fs_id)                                     # to look at it
    app = get_app_for_member(request, fs_id, need=Permission.REGENERATE_SECRET)  # to change it

`write=True` is the older spelling of `need=Permission.EDIT_APP`.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest

from partners.permissions import get_membership, require_membership
from partners.roles import Permission

from .models import App


def get_app_for_member(request: HttpRequest, fs_id: int, *, need: Permission | None = None, write: bool = False) -> App:
    membership = get_membership(request)
    if membership is None:
        raise Http404("No such app")
    try:
        app = App.objects.select_related("partner").get(
            partner_id=membership.partner_id, fs_id=fs_id, status__in=[App.Status.LIVE, App.Status.SUSPENDED]
        )
    except App.DoesNotExist:
        raise Http404("No such app") from None
    # After the lookup: another account's App ID is a 404 whatever one's role.
    require_membership(request, need=need or (Permission.EDIT_APP if write else Permission.VIEW))
    return app
