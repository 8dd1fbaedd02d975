"""How the shops area's audit actions read in the log (audit/labels.py)."""

from __future__ import annotations

LABELS = {
    "shop_link.draft": "Drafted a shop",
    "shop_link.invited": "Asked a shop owner for consent",
    "shop_link.active": "A shop was linked",
    "shop_link.rejected": "A shop owner declined",
    "shop_link.expired": "A consent request expired",
    "shop_link.removed": "Removed a shop",
}
