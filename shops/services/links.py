"""The shop link lifecycle (ShopLink.TRANSITIONS): invite, resend, add, remove, expire."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from accounts.models import User
from apps_mgmt.models import App
from audit.services import audit_changes, audit_record
from console.lib.errors import DomainError
from console.lib.ratelimit import rate_limit_hit
from partners.models import Partner
from partners.permissions import member_authorize
from partners.roles import Permission
from shops import emails
from shops.eligibility import SHOP_LIMITS, DomainVerdict, domains_check, shop_count_error
from shops.models import ShopLink

Status = ShopLink.Status

# Resending re-mails a shop owner: a few times an hour is plenty, and the cap
# keeps a partner from flooding someone's inbox.
RESEND_LIMIT = 3
RESEND_WINDOW = 3600


class ShopLinkStateError(DomainError):
    pass


class ShopsRefused(DomainError):
    """Add Shop refused: the message, plus the per-line verdicts to show beside the textarea."""

    def __init__(self, message: str, verdicts: list[DomainVerdict]) -> None:
        super().__init__(message)
        self.verdicts = verdicts


def shop_link_transition(
    *,
    link: ShopLink,
    status: str,
    actor: User | None,
    ip: str | None = None,
    actor_label: str = "",
    actor_type: str | None = None,
    data: dict[str, Any] | None = None,
) -> ShopLink:
    """Move a link along its lifecycle (ShopLink.TRANSITIONS), or refuse."""
    if not link.can_become(status):
        raise ShopLinkStateError(
            gettext("{shop} is {link}; it can't become {status} from there.").format(
                shop=link.shop.name, link=link.get_status_display().lower(), status=status
            )
        )
    previous = link.status
    link.status = status
    link.save(
        update_fields=[
            "status",
            "app",
            "invited_at",
            "expires_at",
            "decided_at",
            "decided_ip",
            "invite_nonce",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        action=f"shop_link.{status}",
        target=link,
        partner=link.partner,
        data={"shop_id": link.shop.shop_id, "domain": link.shop.domain, **(data or {})},
        changes=audit_changes({"status": previous}, {"status": status}),
        fs_id=link.app.fs_id if link.app_id is not None and link.app is not None else None,
        ip=ip,
        actor_label=actor_label,
        actor_type=actor_type,
    )
    return link


@transaction.atomic
def shop_link_invite(*, link: ShopLink, actor: User | None, ip: str | None = None) -> ShopLink:
    """(Re-)invite the shop's owner: a fresh nonce and expiry, and the consent email.

    The fresh nonce is what makes any older emailed link for this shop stop working.
    """
    if not link.can_become(Status.INVITED):
        raise ShopLinkStateError(
            gettext("{shop} is {link}; it can't be invited.").format(
                shop=link.shop.name, link=link.get_status_display().lower()
            )
        )
    now = timezone.now()
    link.invited_at = now
    link.expires_at = now + timedelta(seconds=settings.SHOP_CONSENT_TTL)
    link.invite_nonce = secrets.token_hex(16)
    link.decided_at = None
    link.decided_ip = None
    shop_link_transition(link=link, status=Status.INVITED, actor=actor, ip=ip)
    emails.send_consent_request(link)
    return link


@transaction.atomic
def shop_links_invite_drafts(*, partner: Partner, actor: User | None) -> list[ShopLink]:
    """Invite the owners of every drafted shop (called when staff approve the application)."""
    links = list(
        ShopLink.objects.select_for_update(of=("self",))
        .select_related("shop", "partner")
        .filter(partner=partner, status=Status.DRAFT)
    )
    for link in links:
        shop_link_invite(link=link, actor=actor)
    return links


def shop_link_resend(*, link: ShopLink, actor: User | None, ip: str | None = None) -> ShopLink:
    """Send the consent email again (pending, expired or rejected), at most RESEND_LIMIT an hour per link."""
    member_authorize(actor=actor, partner=link.partner, need=Permission.MANAGE_SHOPS)
    limit = rate_limit_hit(f"shops:resend:{link.pk}", limit=RESEND_LIMIT, window=RESEND_WINDOW)
    if limit.exceeded:
        minutes = max(1, round(limit.reset_after / 60))
        raise ShopLinkStateError(
            ngettext(
                "The invitation for {shop} was sent {times} times this hour; try again in {minutes} minute.",
                "The invitation for {shop} was sent {times} times this hour; try again in {minutes} minutes.",
                minutes,
            ).format(shop=link.shop.name, times=RESEND_LIMIT, minutes=minutes)
        )
    return shop_link_invite(link=link, actor=actor, ip=ip)


def shop_links_add(*, partner: Partner, app: App | None, text: str, actor: User | None) -> list[ShopLink]:
    """Add shops by domain and invite their owners, for the partner's step 5 list
    (app=None, partner approved) or for one of its apps (partner active).

    All lines pass or nothing is stored. A shop already on any of the partner's
    lists (not removed) is refused, so a shop sits in one app at a time; a shop
    removed earlier from the same list is re-invited rather than duplicated.
    """
    with transaction.atomic():
        # One add at a time per partner, so the counts below can't be read stale.
        partner = Partner.objects.select_for_update().get(pk=partner.pk)
        member_authorize(actor=actor, partner=partner, need=Permission.MANAGE_SHOPS)
        _require_state(partner, app)
        app_id = app.pk if app is not None else None
        # Test shops (Testing Account) are outside the limits and lists of real shops.
        existing = list(ShopLink.objects.filter(partner=partner, shop__is_test=False).select_related("shop"))
        held = [link for link in existing if link.status != Status.REMOVED]
        verdicts = domains_check(
            partner=partner,
            member_type=partner.member_type,
            text=text,
            skip_shop_ids={link.shop_id for link in held},
        )
        if not verdicts:
            raise ShopsRefused(gettext("Enter at least one shop domain, one per line."), verdicts)
        if any(not verdict.ok for verdict in verdicts):
            raise ShopsRefused(gettext("Some lines can't be added. Fix or delete them and try again."), verdicts)
        in_scope = sum(1 for link in held if link.app_id == app_id)
        if error := too_many_shops_error(member_type=partner.member_type, count=in_scope + len(verdicts)):
            raise ShopsRefused(error, verdicts)
        removed = {link.shop_id: link for link in existing if link.status == Status.REMOVED and link.app_id == app_id}
        links = []
        for verdict in verdicts:
            assert verdict.shop is not None  # ok verdicts always carry their shop
            link = removed.get(verdict.shop.pk) or ShopLink.objects.create(
                partner=partner, app=app, shop=verdict.shop, status=Status.DRAFT
            )
            links.append(shop_link_invite(link=link, actor=actor))
        return links


def too_many_shops_error(*, member_type: str, count: int) -> str | None:
    """Adding is refused above the member type's maximum only: the minimum is
    what activation waits for, and a partner below it must be able to add."""
    most = SHOP_LIMITS.get(member_type, (0, 0))[1]
    return shop_count_error(member_type=member_type, count=count) if count > most else None


def _require_state(partner: Partner, app: App | None) -> None:
    if app is None and partner.status != Partner.Status.APPROVED:
        raise ShopLinkStateError(gettext("Shops can be added here once the application is approved."))
    if app is not None and (app.partner_id != partner.pk or not app.is_live):
        raise ShopLinkStateError(gettext("Shops can only be added to a live app."))


@transaction.atomic
def shop_link_remove(*, link: ShopLink, actor: User | None) -> ShopLink:
    """Stop managing a shop (or withdraw the request). An owner who was asked or
    who had granted access is told by email."""
    member_authorize(actor=actor, partner=link.partner, need=Permission.MANAGE_SHOPS)
    previous = link.status
    link.invite_nonce = ""
    shop_link_transition(link=link, status=Status.REMOVED, actor=actor)
    if previous in {Status.ACTIVE, Status.INVITED} and not link.shop.is_test:  # a test seller has no inbox
        emails.send_shop_removed(link, was_active=previous == Status.ACTIVE)
    return link


def shop_links_remove_for_app(*, app: App, actor: User | None) -> int:
    """Free every shop an app holds or asked for (the app is being deleted). Returns how many.

    Its test shops are not freed but deleted, by testing/ (testing_shops_close)."""
    links = list(
        ShopLink.objects.select_for_update(of=("self",))
        .select_related("shop", "partner")
        .filter(app=app, shop__is_test=False)
        .exclude(status=Status.REMOVED)
    )
    for link in links:
        shop_link_remove(link=link, actor=actor)
    return len(links)


def shop_links_expire(*, now: datetime | None = None, batch: int = 500) -> int:
    """Mark invitations past their expiry as expired (the beat task calls this). Returns how many."""
    now = now or timezone.now()
    due = list(ShopLink.objects.filter(status=Status.INVITED, expires_at__lte=now).values_list("pk", flat=True)[:batch])
    expired = 0
    for pk in due:
        # One short transaction per link: an owner deciding at the same moment
        # holds the row, and whoever is second sees the other's result.
        with transaction.atomic():
            link = (
                ShopLink.objects.select_for_update(of=("self",))
                .select_related("shop", "partner")
                .filter(pk=pk, status=Status.INVITED, expires_at__lte=now)
                .first()
            )
            if link is not None:
                shop_link_transition(link=link, status=Status.EXPIRED, actor=None, actor_label="system")
                expired += 1
    return expired
