"""An active partner asks staff to change its company data (SPEC section 2b).

The Owner proposes new values and, if they wish, new PDFs; staff approve or
reject with a reason, as they review a registration. The account stays
active throughout and its apps are untouched: only approval writes the
partner row.
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from accounts.models import User
from audit.services import audit_changes, audit_record
from console.lib.errors import DomainError
from partners.models import Partner, PartnerDocument
from partners.permissions import member_authorize
from partners.roles import Permission
from registration import emails
from registration.documents import pdf_discard
from registration.models import CompanyChange

from . import document_store


class CompanyChangeError(DomainError):
    pass


def _current(partner: Partner) -> dict[str, Any]:
    return {field: getattr(partner, field) for field in CompanyChange.FIELDS}


@transaction.atomic
def company_change_request(
    *,
    partner: Partner,
    company: dict[str, Any],
    uploads: dict[str, UploadedFile] | None = None,
    note: str = "",
    actor: User,
) -> CompanyChange:
    """Send the changed company fields (and any new PDF) to staff review."""
    partner = Partner.objects.select_for_update().get(pk=partner.pk)
    member_authorize(actor=actor, partner=partner, need=Permission.CHANGE_COMPANY)
    if partner.status != Partner.Status.ACTIVE:
        raise CompanyChangeError(
            gettext("Company data changes are for active accounts; use the registration until then.")
        )
    if CompanyChange.objects.filter(partner=partner, status=CompanyChange.Status.PENDING).exists():
        raise CompanyChangeError(gettext("A change is already waiting for review. Withdraw it to send another."))
    before = _current(partner)
    proposed = {
        field: company[field] for field in CompanyChange.FIELDS if field in company and company[field] != before[field]
    }
    if not proposed and not uploads:
        raise CompanyChangeError(
            gettext("Nothing differs from the current company data: change a field or add a new PDF.")
        )
    change = CompanyChange(
        partner=partner,
        requested_by=actor,
        requested_at=timezone.now(),
        proposed=proposed,
        before={field: before[field] for field in proposed},
        note=note.strip(),
    )
    stored: list[str] = []
    try:
        for kind, upload in (uploads or {}).items():
            document = document_store(partner=partner, kind=kind, upload=upload, actor=actor)
            stored.append(document.storage_name)
            setattr(change, kind, document)
        with transaction.atomic():
            change.save()
    except IntegrityError:  # another request got there first
        pdf_discard(stored)
        raise CompanyChangeError(
            gettext("A change is already waiting for review. Withdraw it to send another.")
        ) from None
    except Exception:
        pdf_discard(stored)  # their rows roll back with this transaction: the files go too
        raise
    audit_record(
        actor=actor,
        action="company_change.requested",
        target=change,
        partner=partner,
        changes=audit_changes(change.before, proposed),
        data={"documents": [kind for kind in (uploads or {})], "note": change.note},
    )
    return change


def _pending(change: CompanyChange) -> CompanyChange:
    change = CompanyChange.objects.select_for_update().select_related("partner").get(pk=change.pk)
    if change.status != CompanyChange.Status.PENDING:
        raise CompanyChangeError(
            gettext("This change is {change}: nothing to decide.").format(change=change.get_status_display().lower())
        )
    return change


@transaction.atomic
def company_change_withdraw(*, change: CompanyChange, actor: User) -> CompanyChange:
    change = _pending(change)
    member_authorize(actor=actor, partner=change.partner, need=Permission.CHANGE_COMPANY)
    change.status, change.decided_at = CompanyChange.Status.WITHDRAWN, timezone.now()
    change.save(update_fields=["status", "decided_at"])
    audit_record(actor=actor, action="company_change.withdrawn", target=change, partner=change.partner)
    return change


@transaction.atomic
def company_change_approve(*, change: CompanyChange, actor: User) -> Partner:
    """Staff approve: the new values and PDFs replace the old ones; the Owners are emailed."""
    change = _pending(change)
    partner = Partner.objects.select_for_update().get(pk=change.partner_id)
    before = _current(partner) | {kind: _document_name(getattr(partner, kind)) for kind in _kinds(change)}
    for field, value in change.proposed.items():
        setattr(partner, field, value)
    for kind in _kinds(change):
        setattr(partner, kind, getattr(change, kind))
    partner.save()
    after = _current(partner) | {kind: _document_name(getattr(partner, kind)) for kind in _kinds(change)}
    change.status, change.decided_at, change.decided_by = CompanyChange.Status.APPROVED, timezone.now(), actor
    change.save(update_fields=["status", "decided_at", "decided_by"])
    audit_record(
        actor=actor,
        action="company_change.approved",
        target=change,
        partner=partner,
        changes=audit_changes(before, after),
    )
    emails.company_change_decided(change=change)
    return partner


@transaction.atomic
def company_change_reject(*, change: CompanyChange, actor: User, reason: str) -> CompanyChange:
    reason = reason.strip()
    if not reason:
        raise CompanyChangeError(gettext("Give the reason for rejecting: the partner reads it to correct the request."))
    change = _pending(change)
    change.status, change.decided_at, change.decided_by = CompanyChange.Status.REJECTED, timezone.now(), actor
    change.reason = reason
    change.save(update_fields=["status", "decided_at", "decided_by", "reason"])
    audit_record(
        actor=actor, action="company_change.rejected", target=change, partner=change.partner, data={"reason": reason}
    )
    emails.company_change_decided(change=change)
    return change


def _kinds(change: CompanyChange) -> list[str]:
    return [kind for kind in PartnerDocument.Kind.values if getattr(change, f"{kind}_id") is not None]


def _document_name(document: PartnerDocument | None) -> str | None:
    return document.original_name if document is not None else None
