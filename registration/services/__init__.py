"""Every change to a registration goes through here (SPEC section 1, steps 1 to 4).

Views, admin actions and tests call these functions; each one locks the
partner row, checks the state, writes an audit record and queues its emails
to be sent after the commit.
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
from partners.models import Partner, PartnerDocument, PartnerMember, TermsVersion
from registration import emails
from registration.documents import pdf_check, pdf_discard, pdf_store
from registration.models import ApplicationRound
from registration.selectors import current_terms, draft_links, registration_progress
from shops.eligibility import DomainVerdict, domains_check, shop_count_error
from shops.models import ShopLink
from shops.services import shop_links_invite_drafts

COMPANY_FIELDS = ("company_name", "pic_name", "pic_phone", "website", "member_type", "system")


class ApplicationStateError(DomainError):
    """The registration is not in a state that allows this change."""


class ShopsRefused(DomainError):
    """The shop list breaks a rule; `verdicts` say which line and why."""

    def __init__(self, message: str, verdicts: list[DomainVerdict]) -> None:
        super().__init__(message)
        self.verdicts = verdicts


def _locked(partner: Partner) -> Partner:
    """Re-read the partner under a row lock: concurrent requests for one registration queue here."""
    return Partner.objects.select_for_update().get(pk=partner.pk)


def _editable(partner: Partner) -> None:
    if not partner.is_editable:
        raise ApplicationStateError(
            gettext("The registration is {partner}; it can't be changed now.").format(
                partner=partner.get_status_display().lower()
            )
        )


@transaction.atomic
def application_start(*, user: User) -> Partner:
    """The signed-in user opens a registration and becomes its super admin."""
    User.objects.select_for_update().get(pk=user.pk)  # one registration per person, even on a double click
    if user.is_staff:
        # Staff review partners: one who owned a partner could approve their own company.
        raise ApplicationStateError(
            gettext("Staff accounts can't register a partner. Sign up with another address to try it.")
        )
    if PartnerMember.objects.filter(user=user).exists():
        raise ApplicationStateError(gettext("You already belong to a partner account."))
    partner = Partner.objects.create(super_admin=user)
    PartnerMember.objects.create(partner=partner, user=user, role=PartnerMember.Role.OWNER)
    audit_record(actor=user, action="application.started", target=partner, partner=partner)
    return partner


@transaction.atomic
def application_document_save(*, partner: Partner, kind: str, upload: UploadedFile, actor: User) -> PartnerDocument:
    """Check a PDF (DocumentRefused names the failed rule), store it privately and attach it."""
    partner = _locked(partner)
    _editable(partner)
    document = document_store(partner=partner, kind=kind, upload=upload, actor=actor)
    setattr(partner, kind, document)
    partner.save(update_fields=[kind, "updated_at"])
    return document


def document_store(*, partner: Partner, kind: str, upload: UploadedFile, actor: User) -> PartnerDocument:
    """Check and store a PDF as the partner's, without putting it in use (call inside a transaction).

    The registration attaches it at once; a company data change only once staff approve.
    """
    checked = pdf_check(upload)
    storage_name = pdf_store(upload=upload, partner_id=partner.pk, kind=kind)
    try:
        document = PartnerDocument.objects.create(
            partner=partner,
            kind=kind,
            storage_name=storage_name,
            original_name=(upload.name or "document.pdf")[-255:],
            size=checked.size,
            pages=checked.pages,
            sha256=checked.sha256,
            uploaded_by=actor,
        )
        audit_record(
            actor=actor,
            action="application.document_uploaded",
            target=document,
            partner=partner,
            data={"kind": kind, "name": document.original_name, "size": checked.size, "pages": checked.pages},
        )
    except (DomainError, IntegrityError):
        pdf_discard([storage_name])  # the file must not outlive a row that never existed
        raise
    return document


@transaction.atomic
def application_company_save(
    *, partner: Partner, actor: User, company: dict[str, Any], uploads: dict[str, UploadedFile] | None = None
) -> Partner:
    """Step 1: the company form. `company` holds COMPANY_FIELDS; `uploads` new PDFs by kind."""
    stored: list[str] = []
    try:
        for kind, upload in (uploads or {}).items():
            stored.append(
                application_document_save(partner=partner, kind=kind, upload=upload, actor=actor).storage_name
            )
        partner = _locked(partner)
        _editable(partner)
        before = {field: getattr(partner, field) for field in COMPANY_FIELDS}
        changed = {field: company[field] for field in COMPANY_FIELDS if before[field] != company[field]}
        for field, value in changed.items():
            setattr(partner, field, value)
        partner.save()
        if changed:
            audit_record(
                actor=actor,
                action="application.company_saved",
                target=partner,
                partner=partner,
                changes=audit_changes({field: before[field] for field in changed}, changed),
            )
    except Exception:
        pdf_discard(stored)  # the transaction rolls back their rows: the files go too
        raise
    return partner


@transaction.atomic
def application_terms_accept(*, partner: Partner, terms: TermsVersion, actor: User) -> Partner:
    """Step 2: record which Terms and Conditions version was accepted, and when."""
    partner = _locked(partner)
    _editable(partner)
    if not partner.company_complete:
        raise ApplicationStateError(gettext("Complete the company form first."))
    current = current_terms()
    if current is None or current.pk != terms.pk:
        raise ApplicationStateError(
            gettext("A newer version of the Terms and Conditions was published: read it and agree again.")
        )
    partner.terms_version = terms
    partner.terms_accepted_at = timezone.now()
    partner.save(update_fields=["terms_version", "terms_accepted_at", "updated_at"])
    audit_record(
        actor=actor,
        action="application.terms_accepted",
        target=partner,
        partner=partner,
        data={"version": terms.version},
    )
    return partner


@transaction.atomic
def application_shops_set(*, partner: Partner, text: str, actor: User) -> list[ShopLink]:
    """Step 3: replace the drafted shops with the domains in `text` (one a line).

    The partner row stays locked from the check to the insert, so two requests
    racing each other can't both pass the limit check and add their lists.
    """
    partner = _locked(partner)
    _editable(partner)
    verdicts = domains_check(partner=partner, member_type=partner.member_type, text=text)
    refused = [verdict for verdict in verdicts if not verdict.ok]
    if refused:
        lines = ", ".join(str(verdict.line) for verdict in refused)
        raise ShopsRefused(gettext("Fix the shop domains on line {lines}.").format(lines=lines), verdicts)
    if problem := shop_count_error(member_type=partner.member_type, count=len(verdicts)):
        raise ShopsRefused(problem, verdicts)
    ShopLink.objects.filter(partner=partner, app=None, status=ShopLink.Status.DRAFT).delete()
    links = ShopLink.objects.bulk_create(
        [ShopLink(partner=partner, shop=verdict.shop, status=ShopLink.Status.DRAFT) for verdict in verdicts]
    )
    partner.shops_saved_at = timezone.now()
    partner.save(update_fields=["shops_saved_at", "updated_at"])
    audit_record(
        actor=actor,
        action="application.shops_set",
        target=partner,
        partner=partner,
        data={"domains": [verdict.domain for verdict in verdicts]},
    )
    return links


@transaction.atomic
def application_submit(*, partner: Partner, actor: User) -> ApplicationRound:
    """Step 4: send the registration to staff. A rejected partner resubmits the same way."""
    partner = _locked(partner)
    _editable(partner)
    progress = registration_progress(partner)
    if progress.first_incomplete is not None:
        raise ApplicationStateError(gettext("Complete steps 1 to 3 before you submit."))
    now = timezone.now()
    application_round = ApplicationRound.objects.create(
        partner=partner,
        number=partner.rounds.count() + 1,
        submitted_at=now,
        submitted_by=actor,
        snapshot=_snapshot(partner),
    )
    partner.status = Partner.Status.SUBMITTED
    partner.submitted_at = now
    partner.save(update_fields=["status", "submitted_at", "updated_at"])
    audit_record(
        actor=actor,
        action="application.submitted",
        target=partner,
        partner=partner,
        data={"round": application_round.number},
    )
    emails.application_received(partner=partner, application_round=application_round)
    return application_round


def _pending_round(partner: Partner) -> ApplicationRound:
    if partner.status != Partner.Status.SUBMITTED:
        raise ApplicationStateError(
            gettext("This application is {partner}, not waiting for review: nothing to decide.").format(
                partner=partner.get_status_display().lower()
            )
        )
    return partner.rounds.select_for_update().get(decision=ApplicationRound.Decision.PENDING)


@transaction.atomic
def application_approve(*, partner: Partner, actor: User) -> Partner:
    """Staff approve: the drafted shops' owners are invited, the partner is emailed."""
    partner = _locked(partner)
    application_round = _pending_round(partner)
    application_round.decision = ApplicationRound.Decision.APPROVED
    application_round.decided_at = timezone.now()
    application_round.decided_by = actor
    application_round.save(update_fields=["decision", "decided_at", "decided_by"])
    partner.status = Partner.Status.APPROVED
    partner.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="application.approved",
        target=partner,
        partner=partner,
        data={"round": application_round.number},
    )
    shop_links_invite_drafts(partner=partner, actor=actor)
    emails.application_approved(partner=partner)
    return partner


@transaction.atomic
def application_reject(*, partner: Partner, actor: User, reason: str) -> Partner:
    """Staff reject with a reason the partner reads; they may correct and resubmit."""
    reason = reason.strip()
    if not reason:
        raise DomainError(gettext("Give the reason for rejecting: the partner reads it to correct the application."))
    partner = _locked(partner)
    application_round = _pending_round(partner)
    application_round.decision = ApplicationRound.Decision.REJECTED
    application_round.decided_at = timezone.now()
    application_round.decided_by = actor
    application_round.reason = reason
    application_round.save(update_fields=["decision", "decided_at", "decided_by", "reason"])
    partner.status = Partner.Status.REJECTED
    partner.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="application.rejected",
        target=partner,
        partner=partner,
        data={"round": application_round.number, "reason": reason},
    )
    emails.application_rejected(partner=partner, reason=reason)
    return partner


@transaction.atomic
def terms_publish(*, version: str, body: str, actor: User | None) -> TermsVersion:
    """Staff publish a new Terms and Conditions version; partners still drafting must agree again."""
    terms = TermsVersion.objects.create(version=version, body=body, published_at=timezone.now(), published_by=actor)
    audit_record(actor=actor, action="terms.published", target=terms, data={"version": version})
    return terms


def _snapshot(partner: Partner) -> dict[str, Any]:
    """What this round submitted, so an older round still reads as it was reviewed."""
    documents = {}
    for kind in PartnerDocument.Kind.values:
        document = getattr(partner, kind)
        documents[kind] = {"id": document.pk, "name": document.original_name} if document else None
    return {
        **{field: getattr(partner, field) for field in COMPANY_FIELDS},
        "documents": documents,
        "terms_version": partner.terms_version.version if partner.terms_version else None,
        "shops": [
            {"domain": link.shop.domain, "name": link.shop.name, "tier": link.shop.get_tier_display()}
            for link in draft_links(partner)
        ],
    }
