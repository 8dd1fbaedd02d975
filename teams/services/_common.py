"""What the team's services share: their errors, the partner lock, and the rules about Owners."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from console.lib.errors import DomainError
from partners.models import Partner, PartnerMember
from partners.roles import Role, can_grant
from teams.models import Invitation


class TeamError(DomainError):
    """A team change that isn't allowed, with what to do instead."""


class InvitationUnusable(DomainError):
    """An invitation link that can't be used; `reason` says which case, for the page."""

    def __init__(self, message: str | Promise, reason: str, invitation: Invitation | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.invitation = invitation


LAST_OWNER = _(
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
        raise TeamError(
            gettext("Choose one of the roles: {value}.").format(value=", ".join(str(label) for label in Role.labels))
        )
    # actor_role None: staff or the console itself, who may grant any role.
    if actor_role is not None and not can_grant(actor_role, role):
        raise TeamError(gettext("Only an Owner can {verb} an Owner.").format(verb=verb))


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
        raise TeamError(gettext("That person is no longer on the team.")) from None


def _address_owner(email: str) -> User | None:
    """The user this address belongs to (their login or any verified address), if any."""
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user
    address = EmailAddress.objects.filter(email__iexact=email, verified=True).select_related("user").first()
    return address.user if address is not None else None


def address_has_account(email: str) -> bool:
    return _address_owner(email) is not None
