"""Reads for the team pages."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from apps_mgmt.models import App
from partners.models import Partner, PartnerMember
from partners.roles import Role

from .models import Invitation

_ROLE_ORDER = {role.value: n for n, role in enumerate(Role)}


def team_members(partner: Partner) -> list[PartnerMember]:
    """Everyone on the team, Owners first, then by when they joined: one query."""
    members = list(
        PartnerMember.objects.filter(partner=partner).select_related("user", "invited_by").order_by("created_at", "id")
    )
    return sorted(members, key=lambda member: _ROLE_ORDER.get(member.role, 99))


def pending_invitations(partner: Partner) -> list[Invitation]:
    invitations = list(
        Invitation.objects.filter(partner=partner, status=Invitation.Status.PENDING)
        .select_related("invited_by")
        .order_by("-created_at", "-id")
    )
    now = timezone.now()
    for invitation in invitations:
        invitation.expired = invitation.is_expired(now)  # type: ignore[attr-defined]
    return invitations


def transferable_members(partner: Partner, me: PartnerMember) -> QuerySet[PartnerMember]:
    return (
        PartnerMember.objects.filter(partner=partner).exclude(pk=me.pk).select_related("user").order_by("user__email")
    )


def partner_app_choices(partner_id: int | None) -> list[tuple[int, str]]:
    """(App ID, name) of the account's apps, deleted ones too: their history stays in the log."""
    apps = App.objects.order_by("name", "fs_id")
    if partner_id is not None:
        apps = apps.filter(partner_id=partner_id)
    return list(apps.values_list("fs_id", "name"))
