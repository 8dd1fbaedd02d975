"""The one way views reach an app: anyone outside its partner gets a 404."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from partners.permissions import get_membership

from .models import App


def get_app_for_member(request: HttpRequest, fs_id: int, *, write: bool = False) -> App:
    membership = get_membership(request)
    if membership is None or (write and not membership.can_write):
        raise Http404("No such app")
    try:
        return App.objects.select_related("partner").get(
            partner_id=membership.partner_id, fs_id=fs_id, status__in=[App.Status.LIVE, App.Status.SUSPENDED]
        )
    except App.DoesNotExist:
        raise Http404("No such app") from None
