"""Every change to a shop link goes through here: one transition, one audit row."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from audit.services import audit_record
from console.lib.errors import DomainError
from registration.models import Partner

from .models import ShopLink


class ShopLinkStateError(DomainError):
    pass


def shop_link_transition(*, link: ShopLink, status: str, actor: User | None, ip: str | None = None) -> ShopLink:
    """Move a link along its lifecycle (ShopLink.TRANSITIONS), or refuse."""
    if not link.can_become(status):
        raise ShopLinkStateError(
            f"{link.shop.name} is {link.get_status_display().lower()}; it can't become {status} from there."
        )
    previous = link.status
    link.status = status
    link.save(update_fields=["status", "invited_at", "expires_at", "decided_at", "decided_ip", "updated_at"])
    audit_record(
        actor=actor,
        action=f"shop_link.{status}",
        target=link,
        partner=link.partner,
        data={"shop_id": link.shop.shop_id, "domain": link.shop.domain, "from": previous},
        ip=ip,
    )
    return link


@transaction.atomic
def shop_links_invite_drafts(*, partner: Partner, actor: User | None) -> list[ShopLink]:
    """Invite the owners of every drafted shop (called when staff approve the application)."""
    now = timezone.now()
    links = list(
        ShopLink.objects.select_for_update()
        .select_related("shop", "partner")
        .filter(partner=partner, status=ShopLink.Status.DRAFT)
    )
    for link in links:
        link.invited_at = now
        link.expires_at = now + timedelta(seconds=settings.SHOP_CONSENT_TTL)
        shop_link_transition(link=link, status=ShopLink.Status.INVITED, actor=actor)
    return links
