"""`grants` in every template: what the signed-in member's role allows, by permission name.

Lazy, so a page that never asks costs nothing; the membership query is the
one `get_membership` shares across the request.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .permissions import get_membership, grants


def partner_access(request: HttpRequest) -> dict[str, object]:
    return {"grants": SimpleLazyObject(lambda: grants(get_membership(request)))}
