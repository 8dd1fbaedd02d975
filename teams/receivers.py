"""Receivers of the lower floors' signals (connected in TeamsConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from audit.models import AuditEvent
from audit.services import audit_record
from console.lib.http import client_ip
from partners.models import PartnerMember


def audit_refused_sign_in(sender: Any, *, request: HttpRequest, email: str, reason: str, **kwargs: Any) -> None:
    """A refused sign-in to a member's address goes in their account's log: Owners
    see someone trying their people's passwords. Addresses of nobody's member are
    left out (there is no account to tell, and it would log every typo)."""
    membership = PartnerMember.objects.select_related("partner").filter(user__email=email).first()
    if membership is None:
        return
    audit_record(
        actor=None,
        actor_type=AuditEvent.ActorType.USER,
        actor_label=email,
        action="member.sign_in_refused",
        target=membership,
        partner=membership.partner,
        data={"reason": reason},
        ip=client_ip(request) if request is not None else None,
        refused=True,
    )
