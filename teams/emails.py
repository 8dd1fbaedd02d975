"""The team's emails: one function each; labels and dates are rendered in each recipient's language."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from console.lib.mail import queue_email
from partners.models import PartnerMember
from partners.roles import ROLE_SUMMARIES, Role

from .models import Invitation


def _name(user: User | None) -> str | Promise:
    if user is None:
        return _("The marketplace's staff")
    full = user.get_full_name()
    return f"{full} ({user.email})" if full else user.email


def _role(role: str) -> str | Promise:
    # The label itself, lazy: it is rendered in each recipient's language.
    return Role(role).label


def invitation(*, invitation: Invitation, url: str) -> None:
    queue_email(
        template="team_invitation",
        to=[invitation.email],
        context={
            "company": str(invitation.partner),
            "inviter": _name(invitation.invited_by),
            "role": _role(invitation.role),
            "role_summary": ROLE_SUMMARIES[invitation.role],
            "url": url,
            "expires": invitation.expires_at,
        },
    )


def member_added(*, member: PartnerMember) -> None:
    queue_email(
        template="team_member_added",
        to=[member.user.email],
        context={
            "company": str(member.partner),
            "role": _role(member.role),
            "role_summary": ROLE_SUMMARIES[member.role],
            "url": settings.SITE_URL + reverse("home"),
        },
    )


def member_role_changed(*, member: PartnerMember, before: str, actor: User | None) -> None:
    queue_email(
        template="team_role_changed",
        to=[member.user.email],
        context={
            "company": str(member.partner),
            "before": _role(before),
            "role": _role(member.role),
            "role_summary": ROLE_SUMMARIES[member.role],
            "actor": _name(actor),
            "url": settings.SITE_URL + reverse("teams:team"),
        },
    )


def member_removed(*, member: PartnerMember, actor: User | None) -> None:
    queue_email(
        template="team_member_removed",
        to=[member.user.email],
        context={"company": str(member.partner), "actor": _name(actor)},
    )
