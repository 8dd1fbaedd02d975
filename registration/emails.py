"""The registration's emails, one function each (templates in registration/templates/emails/)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from console.lib.mail import queue_email
from partners.models import Partner
from partners.selectors import owner_emails

from .models import ApplicationRound, CompanyChange


def _status_url() -> str:
    return settings.SITE_URL + reverse("registration:status")


def application_received(*, partner: Partner, application_round: ApplicationRound) -> None:
    queue_email(
        template="application_received",
        to=[partner.super_admin.email],
        context={"company_name": partner.company_name, "round": application_round.number, "status_url": _status_url()},
    )


def application_approved(*, partner: Partner) -> None:
    queue_email(
        template="application_approved",
        to=[partner.super_admin.email],
        context={
            "company_name": partner.company_name,
            "status_url": _status_url(),
            "support_desk_url": settings.SUPPORT_DESK_URL,
        },
    )


def application_rejected(*, partner: Partner, reason: str) -> None:
    queue_email(
        template="application_rejected",
        to=[partner.super_admin.email],
        context={
            "company_name": partner.company_name,
            "reason": reason,
            "status_url": _status_url(),
            "company_url": settings.SITE_URL + reverse("registration:company"),
        },
    )


def company_change_decided(*, change: CompanyChange) -> None:
    """To the account's Owners: staff approved or rejected the company data change."""
    queue_email(
        template="company_change_decided",
        to=owner_emails(change.partner),
        context={
            "company_name": change.partner.company_name,
            "approved": change.status == CompanyChange.Status.APPROVED,
            "reason": change.reason,
            "profile_url": settings.SITE_URL + reverse("company:profile"),
        },
    )
