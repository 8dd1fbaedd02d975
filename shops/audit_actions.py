"""How the shops area's audit actions read in the log (audit/labels.py)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

LABELS: dict[str, str | Promise] = {
    "shop_link.draft": _("Drafted a shop"),
    "shop_link.invited": _("Asked a shop owner for consent"),
    "shop_link.active": _("A shop was linked"),
    "shop_link.rejected": _("A shop owner declined"),
    "shop_link.expired": _("A consent request expired"),
    "shop_link.removed": _("Removed a shop"),
}
