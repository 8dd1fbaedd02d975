"""Every change to a shop link goes through here: one transition, one audit row.

Split by concern so each file reads in one sitting:
- `links`: the lifecycle (invite, resend, add, remove, expire);
- `consent`: the shop owner's decision from the emailed link;
- `legacy`: an imported legacy app's shop mappings.

The partner account becoming active when owners approve is registration's
(registration/activation.py), told through `shops.signals.shop_link_approved`.
"""

from __future__ import annotations

from .consent import ConsentLinkError, ConsentOutcome, consent_invitation_read, shop_link_decide
from .links import (
    RESEND_LIMIT,
    RESEND_WINDOW,
    ShopLinkStateError,
    ShopsRefused,
    shop_link_invite,
    shop_link_remove,
    shop_link_resend,
    shop_link_transition,
    shop_links_add,
    shop_links_expire,
    shop_links_invite_drafts,
    shop_links_remove_for_app,
)

__all__ = [
    "RESEND_LIMIT",
    "RESEND_WINDOW",
    "ConsentLinkError",
    "ConsentOutcome",
    "ShopLinkStateError",
    "ShopsRefused",
    "consent_invitation_read",
    "shop_link_decide",
    "shop_link_invite",
    "shop_link_remove",
    "shop_link_resend",
    "shop_link_transition",
    "shop_links_add",
    "shop_links_expire",
    "shop_links_invite_drafts",
    "shop_links_remove_for_app",
]
