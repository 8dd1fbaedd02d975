"""The shop owner's decision, from the signed link in the consent email.

Reading (the GET of the confirmation page) and deciding (its POST) run the
same checks; only deciding changes anything, under a lock, so a link works
once even when clicked twice at the same moment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps_mgmt.models import App
from audit.models import AuditEvent
from console.lib.errors import DomainError
from partners.models import Partner
from shops import emails
from shops.models import ShopLink
from shops.signals import shop_link_approved
from shops.tokens import TokenExpired, TokenInvalid, read_consent_token

from .links import shop_link_transition

Status = ShopLink.Status
DECISIONS = {"approve": Status.ACTIVE, "reject": Status.REJECTED}


class ConsentLinkError(DomainError):
    """Why a consent link can't be used; `title` heads the page the owner sees."""

    def __init__(self, title: str | Promise, message: str | Promise) -> None:
        super().__init__(message)
        self.title = title


@dataclass(frozen=True)
class ConsentOutcome:
    link: ShopLink
    approved: bool
    activated: bool


INVALID = ConsentLinkError(
    _("This link is not valid"),
    _("The link is incomplete or was changed. Open it again from the email, copying the whole address."),
)


def consent_invitation_read(*, token: str, now: datetime | None = None) -> ShopLink:
    """The invitation a token stands for, if it can still be decided. Changes nothing."""
    link_id, nonce = _read(token)
    link = ShopLink.objects.select_related("shop", "partner").filter(pk=link_id).first()
    if link is None:
        raise INVALID
    _check(link, nonce, now or timezone.now())
    return link


def shop_link_decide(*, token: str, decision: str, ip: str | None, now: datetime | None = None) -> ConsentOutcome:
    """Approve or reject a link for the shop owner. The time and IP are recorded,
    the partner's super admin is emailed, and an approval that meets the
    partner's requirement activates the account (`shop_link_approved`)."""
    if decision not in DECISIONS:
        raise ConsentLinkError(gettext("Choose Approve or Reject"), gettext("Use one of the two buttons on the page."))
    link_id, nonce = _read(token)
    now = now or timezone.now()
    with transaction.atomic():
        partner_id = ShopLink.objects.filter(pk=link_id).values_list("partner_id", flat=True).first()
        if partner_id is None:
            raise INVALID
        # Partner row first, then the link: the order every shop service locks
        # in, so two owners of one partner deciding at once queue here and the
        # second sees the first's activation.
        partner = Partner.objects.select_for_update().get(pk=partner_id)
        link = ShopLink.objects.select_for_update(of=("self",)).select_related("shop").get(pk=link_id)
        link.partner = partner
        _check(link, nonce, now)
        approved = DECISIONS[decision] == Status.ACTIVE
        if approved:
            _refuse_if_taken(link)
            if partner.status == Partner.Status.ACTIVE and link.app_id is None:
                link.app = App.objects.filter(partner=partner, status=App.Status.LIVE).order_by("created_at").first()
        link.decided_at = now
        link.decided_ip = ip
        try:
            with transaction.atomic():
                shop_link_transition(
                    link=link,
                    status=DECISIONS[decision],
                    actor=None,
                    ip=ip,
                    actor_label=link.shop.owner_email,
                    actor_type=AuditEvent.ActorType.SHOP_OWNER,
                )
        except IntegrityError:  # another partner's link to this shop was approved a moment earlier
            raise _taken() from None
        # registration/ answers whether this approval activated the account.
        answers = shop_link_approved.send(sender=ShopLink, link=link, actor=None) if approved else []
        activated = any(answer is True for _, answer in answers)
        link.refresh_from_db(fields=["app"])
        emails.send_consent_decision(link, activated=activated)
    return ConsentOutcome(link=link, approved=approved, activated=activated)


def _read(token: str) -> tuple[int, str]:
    try:
        return read_consent_token(token)
    except TokenExpired:
        raise _expired() from None
    except TokenInvalid:
        raise INVALID from None


def _check(link: ShopLink, nonce: str, now: datetime) -> None:
    if link.status == Status.REMOVED:
        raise ConsentLinkError(
            gettext("This request was withdrawn"),
            gettext("{partner} no longer asks to manage {shop}. Nothing was changed.").format(
                partner=link.partner, shop=link.shop.name
            ),
        )
    if not nonce or nonce != link.invite_nonce:
        raise ConsentLinkError(
            gettext("This link was replaced"),
            gettext("{partner} sent a newer invitation for {shop}. Use the link in the most recent email.").format(
                partner=link.partner, shop=link.shop.name
            ),
        )
    if link.status in {Status.ACTIVE, Status.REJECTED}:
        when = date_format(timezone.localtime(link.decided_at), "j M Y H:i") if link.decided_at else ""
        if link.status == Status.ACTIVE:
            message = gettext("The request from {partner} for {shop} was approved on {when}. A link works once.")
        else:
            message = gettext("The request from {partner} for {shop} was rejected on {when}. A link works once.")
        raise ConsentLinkError(
            gettext("This link was already used"), message.format(partner=link.partner, shop=link.shop.name, when=when)
        )
    if link.is_past_expiry(now):
        raise _expired()
    if link.status != Status.INVITED:
        raise INVALID


def _refuse_if_taken(link: ShopLink) -> None:
    if ShopLink.objects.filter(shop_id=link.shop_id, status=Status.ACTIVE).exclude(pk=link.pk).exists():
        raise _taken()


def _taken() -> ConsentLinkError:
    return ConsentLinkError(
        gettext("This shop is managed by another partner"),
        gettext(
            "A shop is managed by one partner at a time. Remove the other partner's access first, then ask "
            "for a new invitation. Nothing was changed."
        ),
    )


def _expired() -> ConsentLinkError:
    return ConsentLinkError(
        gettext("This link has expired"),
        gettext("Invitations are valid for a limited time. Ask the partner to send a new one. Nothing was changed."),
    )
