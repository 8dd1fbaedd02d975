"""The partner account becomes active once enough shop owners have approved.

Seller: its one shop active; Third Party Enabler: at least 3 (the minimum of
eligibility.SHOP_LIMITS). Activation creates the default app and puts every
shop link the partner holds outside an app (active, pending, expired,
rejected, removed) into it, so nothing is lost from sight: pending owners who
approve later land in the default app, as the partner would expect.
"""

from __future__ import annotations

from typing import Any

from accounts.models import User
from apps_mgmt.models import App
from apps_mgmt.services import app_create
from audit.services import audit_record
from partners.models import Partner
from shops.eligibility import SHOP_LIMITS
from shops.models import ShopLink


def partner_activate_if_ready(*, partner: Partner, actor: User | None) -> App | None:
    """Activate an approved partner that meets its requirement; the default app, or None.

    The caller holds the partner row (select_for_update) in its transaction,
    so two approvals at the same moment activate once and create one app.
    """
    if partner.status != Partner.Status.APPROVED:
        return None
    fewest = SHOP_LIMITS.get(partner.member_type, (1, 1))[0]
    active = ShopLink.objects.filter(partner=partner, status=ShopLink.Status.ACTIVE).count()
    if active < fewest:
        return None
    partner.status = Partner.Status.ACTIVE
    partner.save(update_fields=["status", "updated_at"])
    name = f"{partner.company_name[:80] or 'Partner'} default app"
    app = app_create(
        partner=partner,
        name=name,
        description="Created when the account became active, with the shops whose owners approved.",
        actor=actor,
        # Nobody is there to be shown a secret: the partner generates the first in Authentication Management.
        with_secret=False,
    ).app
    attached = ShopLink.objects.filter(partner=partner, app__isnull=True).update(app=app)
    audit_record(
        actor=actor,
        action="partner.activate",
        target=partner,
        partner=partner,
        data={"fs_id": app.fs_id, "active_shops": active, "links_attached": attached},
    )
    return app


def on_shop_link_approved(sender: Any, *, link: ShopLink, actor: User | None, **kwargs: Any) -> bool:
    """`shops.signals.shop_link_approved`: True when the approval activated the account."""
    return partner_activate_if_ready(partner=link.partner, actor=actor) is not None
