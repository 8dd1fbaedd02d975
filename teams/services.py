"""Every change to a partner's team: invitations, roles, removals, ownership.

Each service locks the partner row first, so two changes to one team queue
one behind the other: that is what keeps "there is always an Owner" true when
two Owners demote each other, or both leave, at the same moment. Then it
checks the actor's role through partners.permissions, writes an audit row and
queues its emails after the commit.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from audit.services import audit_changes, audit_record
from console.lib.errors import DomainError
from partners.models import Partner, PartnerMember
from partners.permissions import member_authorize
from partners.roles import Permission, Role, can_grant

from . import emails
from .models import Invitation
from .tokens import TokenExpired, TokenInvalid, invitation_token, read_invitation_token


class TeamError(DomainError):
    """A team change that isn't allowed, with what to do instead."""


class InvitationUnusable(DomainError):
    """An invitation link that can't be used; `reason` says which case, for the page."""

    def __init__(self, message: str, reason: str, invitation: Invitation | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.invitation = invitation


LAST_OWNER = (
    "An account always keeps at least one Owner, and {name} is the last one. "
    "Make another member an Owner first (or transfer ownership)."
)


@dataclass(frozen=True)
class IssuedInvitation:
    invitation: Invitation
    url: str


def _lock(partner: Partner) -> Partner:
    return Partner.objects.select_for_update().get(pk=partner.pk)


def _grantable(actor_role: str | None, role: str, verb: str) -> None:
    if role not in Role.values:
        raise TeamError(f"Choose one of the roles: {', '.join(str(label) for label in Role.labels)}.")
    # actor_role None: staff or the console itself, who may grant any role.
    if actor_role is not None and not can_grant(actor_role, role):
        raise TeamError(f"Only an Owner can {verb} an Owner.")


def _owners_besides(partner: Partner, member: PartnerMember) -> int:
    return PartnerMember.objects.filter(partner=partner, role=Role.OWNER).exclude(pk=member.pk).count()


def _keep_an_owner(partner: Partner, member: PartnerMember) -> None:
    """Call under the partner lock, before `member` stops being an Owner."""
    if member.role == Role.OWNER and _owners_besides(partner, member) == 0:
        raise TeamError(LAST_OWNER.format(name=member.user.email))


def _keep_contact_an_owner(partner: Partner, leaving: PartnerMember) -> None:
    """Partner.super_admin is who the marketplace writes to: keep it an Owner."""
    if partner.super_admin_id != leaving.user_id:
        return
    successor = (
        PartnerMember.objects.filter(partner=partner, role=Role.OWNER)
        .exclude(pk=leaving.pk)
        .order_by("created_at", "id")
        .first()
    )
    if successor is not None:
        partner.super_admin_id = successor.user_id
        partner.save(update_fields=["super_admin", "updated_at"])


def _member(partner: Partner, member: PartnerMember) -> PartnerMember:
    """Re-read the member under the partner lock (it may have changed or left meanwhile)."""
    try:
        return PartnerMember.objects.select_related("user").get(pk=member.pk, partner=partner)
    except PartnerMember.DoesNotExist:
        raise TeamError("That person is no longer on the team.") from None


def _address_owner(email: str) -> User | None:
    """The user this address belongs to (their login or any verified address), if any."""
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user
    address = EmailAddress.objects.filter(email__iexact=email, verified=True).select_related("user").first()
    return address.user if address is not None else None


def address_has_account(email: str) -> bool:
    return _address_owner(email) is not None


def _issue(*, partner: Partner, email: str, role: str, actor: User | None, now: datetime) -> IssuedInvitation:
    sent_today = Invitation.objects.filter(partner=partner, created_at__gte=now - timedelta(days=1)).count()
    limit: int = settings.TEAM_INVITATIONS_PER_DAY
    if sent_today >= limit:
        raise TeamError(
            f"Your account sent {limit} invitations in the last 24 hours, the most it may. Try again tomorrow."
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
    _grantable(actor_role, role, "invite")
    email = email.strip().lower()
    holder = _address_owner(email)
    if holder is not None:
        existing = PartnerMember.objects.filter(user=holder).first()
        if existing is not None and existing.partner_id == partner.pk:
            raise TeamError(f"{email} is already on your team.")
        if existing is not None:
            raise TeamError(
                f"{email} already belongs to another partner account, and a person belongs to one account only. "
                "Ask them to leave it first, or invite another address."
            )
    if Invitation.objects.filter(partner=partner, email=email, status=Invitation.Status.PENDING).exists():
        raise TeamError(f"{email} already has a pending invitation: resend it from the list below.")
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
        raise TeamError(f"The invitation to {invitation.email} is {invitation.get_status_display().lower()}.")
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation, actor: User | None, ip: str | None = None) -> IssuedInvitation:
    """A new link with a new expiry; the old link stops working (and says it was replaced)."""
    partner = _lock(invitation.partner)
    actor_role = member_authorize(actor=actor, partner=partner, need=Permission.MANAGE_TEAM)
    old = _pending(partner, invitation)
    _grantable(actor_role, old.role, "invite")
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
    _grantable(actor_role, invitation.role, "revoke the invitation of")
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
    Invitation.Status.ACCEPTED: ("accepted", "This invitation was already accepted: each link works once."),
    Invitation.Status.REVOKED: (
        "revoked",
        "This invitation was revoked. Ask the person who invited you for a new one.",
    ),
    Invitation.Status.REPLACED: (
        "replaced",
        "A newer invitation replaced this one: use the link in the most recent email.",
    ),
}
EXPIRED = "This invitation has expired. Ask the person who invited you to resend it."
INVALID = "This invitation link isn't valid. Check that you copied the whole link from the email."


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
                    f"This invitation is for another email address. Sign in as {mask_email(invitation.email)} "
                    "(or sign up with it) to accept it.",
                    "other_person",
                    invitation,
                )
            current = PartnerMember.objects.filter(user=user).select_related("partner").first()
            if current is not None:
                raise InvitationUnusable(
                    f"You already belong to {current.partner}; a person belongs to one partner account only. "
                    "Leave it first, then open this link again.",
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
                    "You already belong to a partner account.", "other_partner", invitation
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


@transaction.atomic
def member_role_change(*, member: PartnerMember, role: str, actor: User | None, ip: str | None = None) -> PartnerMember:
    partner = _lock(member.partner)
    actor_role = member_authorize(actor=actor, partner=partner, need=Permission.MANAGE_TEAM)
    member = _member(partner, member)
    _grantable(actor_role, member.role, "change the role of")
    _grantable(actor_role, role, "make someone")
    if role == member.role:
        return member
    if role != Role.OWNER:
        _keep_an_owner(partner, member)
        _keep_contact_an_owner(partner, member)
    before = member.role
    member.role = role
    member.save(update_fields=["role"])
    audit_record(
        actor=actor,
        action="member.role_change",
        target=member,
        partner=partner,
        data={"email": member.user.email},
        changes=audit_changes({"role": before}, {"role": role}),
        ip=ip,
    )
    emails.member_role_changed(member=member, before=before, actor=actor)
    return member


@transaction.atomic
def member_remove(*, member: PartnerMember, actor: User | None, ip: str | None = None) -> None:
    partner = _lock(member.partner)
    actor_role = member_authorize(actor=actor, partner=partner, need=Permission.MANAGE_TEAM)
    member = _member(partner, member)
    if actor is not None and member.user_id == actor.pk:
        raise TeamError("To take yourself off the team, use Leave the team.")
    _grantable(actor_role, member.role, "remove")
    _keep_an_owner(partner, member)
    _keep_contact_an_owner(partner, member)
    _end(partner=partner, member=member, actor=actor, action="member.remove", ip=ip)
    emails.member_removed(member=member, actor=actor)


@transaction.atomic
def member_leave(*, member: PartnerMember, ip: str | None = None) -> None:
    """The member takes themself off the team (the last Owner can't)."""
    partner = _lock(member.partner)
    member = _member(partner, member)
    _keep_an_owner(partner, member)
    _keep_contact_an_owner(partner, member)
    _end(partner=partner, member=member, actor=member.user, action="member.leave", ip=ip)


def _end(*, partner: Partner, member: PartnerMember, actor: User | None, action: str, ip: str | None) -> None:
    audit_record(
        actor=actor,
        action=action,
        target=member,
        partner=partner,
        data={"email": member.user.email, "role": member.role},
        ip=ip,
    )
    member.delete()
    # An invitation still pending for the address would let them straight back in.
    Invitation.objects.filter(
        partner=partner, email__iexact=member.user.email, status=Invitation.Status.PENDING
    ).update(status=Invitation.Status.REVOKED, ended_at=timezone.now())


@transaction.atomic
def ownership_transfer(*, partner: Partner, to: PartnerMember, actor: User, ip: str | None = None) -> PartnerMember:
    """The acting Owner makes `to` an Owner and steps down to Admin; `to` becomes the account's contact."""
    partner = _lock(partner)
    member_authorize(actor=actor, partner=partner, need=Permission.TRANSFER_OWNERSHIP)
    to = _member(partner, to)
    me = PartnerMember.objects.select_related("user").filter(partner=partner, user=actor).first()
    if me is None or me.role != Role.OWNER:
        raise TeamError("Only an Owner can transfer ownership.")
    if to.pk == me.pk:
        raise TeamError("Choose another member: you already own the account.")
    before = {"to": to.role, "from": me.role}
    to.role, me.role = Role.OWNER, Role.ADMIN
    to.save(update_fields=["role"])
    me.save(update_fields=["role"])
    partner.super_admin_id = to.user_id
    partner.save(update_fields=["super_admin", "updated_at"])
    audit_record(
        actor=actor,
        action="member.ownership_transfer",
        target=to,
        partner=partner,
        data={"to": to.user.email, "from": actor.email},
        changes=audit_changes(
            {f"role of {to.user.email}": before["to"], f"role of {actor.email}": before["from"]},
            {f"role of {to.user.email}": to.role, f"role of {actor.email}": me.role},
        ),
        ip=ip,
    )
    emails.member_role_changed(member=to, before=before["to"], actor=actor)
    emails.member_role_changed(member=me, before=before["from"], actor=actor)
    return to
