"""Roles change, members leave or are removed, ownership moves; an account always keeps an Owner."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, pgettext

from accounts.models import User
from audit.services import audit_changes, audit_record
from partners.models import Partner, PartnerMember
from partners.permissions import member_authorize
from partners.roles import Permission, Role
from teams import emails
from teams.models import Invitation

from ._common import TeamError, _grantable, _keep_an_owner, _keep_contact_an_owner, _lock, _member


@transaction.atomic
def member_role_change(*, member: PartnerMember, role: str, actor: User | None, ip: str | None = None) -> PartnerMember:
    partner = _lock(member.partner)
    actor_role = member_authorize(actor=actor, partner=partner, need=Permission.MANAGE_TEAM)
    member = _member(partner, member)
    _grantable(actor_role, member.role, pgettext("only an Owner can … an Owner", "change the role of"))
    _grantable(actor_role, role, pgettext("only an Owner can … an Owner", "make someone"))
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
        raise TeamError(gettext("To take yourself off the team, use Leave the team."))
    _grantable(actor_role, member.role, pgettext("only an Owner can … an Owner", "remove"))
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
        raise TeamError(gettext("Only an Owner can transfer ownership."))
    if to.pk == me.pk:
        raise TeamError(gettext("Choose another member: you already own the account."))
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
