"""Invitations: sent by Owners and Admins, accepted once, by the invited address only, within TEAM_INVITATION_TTL."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from audit.services import audit_record
from partners.models import Partner, PartnerMember
from partners.permissions import member_authorize
from partners.roles import Permission
from teams import emails
from teams.models import Invitation
from teams.tokens import TokenExpired, TokenInvalid, invitation_token, read_invitation_token

from ._common import InvitationUnusable, IssuedInvitation, TeamError, _address_owner, _grantable, _lock


def _issue(*, partner: Partner, email: str, role: str, actor: User | None, now: datetime) -> IssuedInvitation:
    sent_today = Invitation.objects.filter(partner=partner, created_at__gte=now - timedelta(days=1)).count()
    limit: int = settings.TEAM_INVITATIONS_PER_DAY
    if sent_today >= limit:
        raise TeamError(
            gettext(
                "Your account sent {limit} invitations in the last 24 hours, the most it may. Try again tomorrow."
            ).format(limit=limit)
        )
    invitation = Invitation.objects.create(
        partner=partner,
        email=email,
        role=role,
        nonce=secrets.token_hex(16),
        invited_by=actor,
        created_at=now,
        expires_at=now + timedelta(seconds=settings.TEAM_INVITATION_TTL),
    )
    url = invitation_url(invitation)
    emails.invitation(invitation=invitation, url=url)
    return IssuedInvitation(invitation=invitation, url=url)


def invitation_url(invitation: Invitation) -> str:
    return settings.SITE_URL + reverse("teams:join", kwargs={"token": invitation_token(invitation)})


@transaction.atomic
def invitation_create(
    *, partner: Partner, email: str, role: str, actor: User | None, ip: str | None = None
) -> IssuedInvitation:
    """Email `email` a link to join the team with `role` (up to the inviter's own)."""
    partner = _lock(partner)
    actor_role = member_authorize(actor=actor, partner=partner, need=Permission.MANAGE_TEAM)
    _grantable(actor_role, role, pgettext("only an Owner can … an Owner", "invite"))
    email = email.strip().lower()
    holder = _address_owner(email)
    if holder is not None:
        existing = PartnerMember.objects.filter(user=holder).first()
        if existing is not None and existing.partner_id == partner.pk:
            raise TeamError(gettext("{email} is already on your team.").format(email=email))
        if existing is not None:
            raise TeamError(
                gettext(
                    "{email} already belongs to another partner account, and a person belongs to one account only. Ask them to leave it first, or invite another address."
                ).format(email=email)
            )
    if Invitation.objects.filter(partner=partner, email=email, status=Invitation.Status.PENDING).exists():
        raise TeamError(
            gettext("{email} already has a pending invitation: resend it from the list below.").format(email=email)
        )
    issued = _issue(partner=partner, email=email, role=role, actor=actor, now=timezone.now())
    audit_record(
        actor=actor,
        action="invitation.create",
        target=issued.invitation,
        partner=partner,
        data={"email": email, "role": role},
        ip=ip,
    )
    return issued


def _pending(partner: Partner, invitation: Invitation) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk, partner=partner)
    if invitation.status != Invitation.Status.PENDING:
        raise TeamError(
            gettext("The invitation to {email} is {invitation}.").format(
                email=invitation.email, invitation=invitation.get_status_display().lower()
            )
        )
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation, actor: User | None, ip: str | None = None) -> IssuedInvitation:
    """A new link with a new expiry; the old link stops working (and says it was replaced)."""
    partner = _lock(invitation.partner)
    actor_role = member_authorize(actor=actor, partner=partner, need=Permission.MANAGE_TEAM)
    old = _pending(partner, invitation)
    _grantable(actor_role, old.role, pgettext("only an Owner can … an Owner", "invite"))
    now = timezone.now()
    old.status, old.ended_at = Invitation.Status.REPLACED, now
    old.save(update_fields=["status", "ended_at"])
    issued = _issue(partner=partner, email=old.email, role=old.role, actor=actor, now=now)
    audit_record(
        actor=actor,
        action="invitation.resend",
        target=issued.invitation,
        partner=partner,
        data={"email": old.email, "role": old.role, "replaces": old.pk},
        ip=ip,
    )
    return issued


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor: User | None, ip: str | None = None) -> Invitation:
    partner = _lock(invitation.partner)
    actor_role = member_authorize(actor=actor, partner=partner, need=Permission.MANAGE_TEAM)
    invitation = _pending(partner, invitation)
    _grantable(actor_role, invitation.role, pgettext("only an Owner can … an Owner", "revoke the invitation of"))
    invitation.status, invitation.ended_at = Invitation.Status.REVOKED, timezone.now()
    invitation.save(update_fields=["status", "ended_at"])
    audit_record(
        actor=actor,
        action="invitation.revoke",
        target=invitation,
        partner=partner,
        data={"email": invitation.email, "role": invitation.role},
        ip=ip,
    )
    return invitation


_UNUSABLE = {
    Invitation.Status.ACCEPTED: ("accepted", _("This invitation was already accepted: each link works once.")),
    Invitation.Status.REVOKED: (
        "revoked",
        _("This invitation was revoked. Ask the person who invited you for a new one."),
    ),
    Invitation.Status.REPLACED: (
        "replaced",
        _("A newer invitation replaced this one: use the link in the most recent email."),
    ),
}
EXPIRED = _("This invitation has expired. Ask the person who invited you to resend it.")
INVALID = _("This invitation link isn't valid. Check that you copied the whole link from the email.")


def invitation_read(*, token: str, lock: bool = False) -> Invitation:
    """The pending invitation a link stands for, or InvitationUnusable saying why not."""
    try:
        invitation_id, nonce = read_invitation_token(token)
    except TokenExpired:
        raise InvitationUnusable(EXPIRED, "expired") from None
    except TokenInvalid:
        raise InvitationUnusable(INVALID, "invalid") from None
    rows = Invitation.objects.select_related("partner", "invited_by")
    invitation = (rows.select_for_update(of=("self",)) if lock else rows).filter(pk=invitation_id).first()
    if invitation is None or not secrets.compare_digest(invitation.nonce, nonce):
        raise InvitationUnusable(INVALID, "invalid")
    if invitation.status in _UNUSABLE:
        reason, message = _UNUSABLE[Invitation.Status(invitation.status)]
        raise InvitationUnusable(message, reason, invitation)
    if invitation.is_expired():
        raise InvitationUnusable(EXPIRED, "expired", invitation)
    return invitation


def user_has_verified(user: User, email: str) -> bool:
    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


def invitation_accept(*, token: str, user: User, ip: str | None = None) -> PartnerMember:
    """The invited person joins the team. Only a signed-in user whose verified
    address is the invited one may; a user belongs to one partner at most."""
    try:
        with transaction.atomic():
            invitation = invitation_read(token=token, lock=True)
            if not user_has_verified(user, invitation.email):
                raise InvitationUnusable(
                    gettext(
                        "This invitation is for another email address. Sign in as {mask_email} (or sign up with it) to accept it."
                    ).format(mask_email=mask_email(invitation.email)),
                    "other_person",
                    invitation,
                )
            current = PartnerMember.objects.filter(user=user).select_related("partner").first()
            if current is not None:
                raise InvitationUnusable(
                    gettext(
                        "You already belong to {partner}; a person belongs to one partner account only. Leave it first, then open this link again."
                    ).format(partner=current.partner),
                    "other_partner",
                    invitation,
                )
            partner = _lock(invitation.partner)
            try:
                with transaction.atomic():
                    member = PartnerMember.objects.create(
                        partner=partner, user=user, role=invitation.role, invited_by=invitation.invited_by
                    )
            except IntegrityError:  # joined another account a moment ago, in another request
                raise InvitationUnusable(
                    gettext("You already belong to a partner account."), "other_partner", invitation
                ) from None
            invitation.status, invitation.ended_at, invitation.accepted_by = (
                Invitation.Status.ACCEPTED,
                timezone.now(),
                user,
            )
            invitation.save(update_fields=["status", "ended_at", "accepted_by"])
            audit_record(
                actor=user,
                action="member.join",
                target=member,
                partner=partner,
                data={"email": user.email, "role": member.role, "invitation": invitation.pk},
                ip=ip,
            )
            emails.member_added(member=member)
            return member
    except InvitationUnusable as refusal:
        # Someone holding a link that isn't theirs, or a used one: the account's Owners see it.
        if refusal.invitation is not None and refusal.reason in {"other_person", "accepted", "revoked"}:
            audit_record(
                actor=user,
                action="invitation.accept_refused",
                target=refusal.invitation,
                partner=refusal.invitation.partner,
                data={"reason": refusal.reason, "email": refusal.invitation.email},
                ip=ip,
                refused=True,
            )
        raise


def mask_email(email: str) -> str:
    """b***@acme.co.id: enough to recognise one's own address, not to learn someone else's."""
    name, _, domain = email.partition("@")
    return f"{name[:1]}***@{domain}"
