"""Reads about partner accounts that other apps share."""

from __future__ import annotations

from .models import Partner, PartnerMember
from .roles import Role


def owner_emails(partner: Partner) -> list[str]:
    """Where an account's Owners are told of what matters (an app deleted, a secret regenerated)."""
    return list(
        PartnerMember.objects.filter(partner=partner, role=Role.OWNER)
        .order_by("created_at", "id")
        .values_list("user__email", flat=True)
    )
