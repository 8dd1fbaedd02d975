"""Reads for the registration journey and the staff review."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from audit.models import AuditEvent
from partners.models import Partner, TermsVersion
from shops.eligibility import domains_check, shop_count_error
from shops.models import ShopLink

from .models import ApplicationRound, CompanyChange


def current_terms() -> TermsVersion | None:
    """The newest published Terms and Conditions (a version may be scheduled ahead)."""
    return TermsVersion.objects.filter(published_at__lte=timezone.now()).order_by("-published_at", "-id").first()


def draft_links(partner: Partner) -> list[ShopLink]:
    return list(
        ShopLink.objects.filter(partner=partner, app=None, status=ShopLink.Status.DRAFT)
        .select_related("shop")
        .order_by("shop__domain")
    )


def draft_shops_problem(partner: Partner, links: list[ShopLink] | None = None) -> str | None:
    """Why the drafted shops can't be submitted as they stand, or None.

    Checked again at every step (not only when saved): the member type may
    have changed in step 1 since, or a shop may have closed.
    """
    if partner.shops_saved_at is None:
        return gettext("Add your shops.")
    links = draft_links(partner) if links is None else links
    if problem := shop_count_error(member_type=partner.member_type, count=len(links)):
        return problem
    verdicts = domains_check(
        partner=partner, member_type=partner.member_type, text="\n".join(link.shop.domain for link in links)
    )
    refused = [f"{verdict.domain}: {verdict.error}" for verdict in verdicts if not verdict.ok]
    return gettext("Check your shops: {problems}").format(problems="; ".join(refused)) if refused else None


@dataclass(frozen=True)
class Progress:
    company: bool
    terms: bool
    shops: bool

    @property
    def first_incomplete(self) -> str | None:
        """URL name of the first step still to do, or None when all three are done."""
        for done, name in ((self.company, "company"), (self.terms, "terms"), (self.shops, "shops")):
            if not done:
                return name
        return None


def registration_progress(partner: Partner, *, terms: TermsVersion | None = None) -> Progress:
    terms = terms if terms is not None else current_terms()
    company = partner.company_complete
    accepted = company and terms is not None and partner.terms_version_id == terms.pk
    return Progress(company=company, terms=accepted, shops=accepted and draft_shops_problem(partner) is None)


def review_queue() -> QuerySet[Partner]:
    """Submitted applications, oldest first, with what the queue shows in one query."""
    return (
        Partner.objects.filter(status=Partner.Status.SUBMITTED)
        .select_related("super_admin")
        .annotate(
            # distinct: joined with the rounds, each shop would count once per round.
            shop_count=Count("shop_links", filter=Q(shop_links__status=ShopLink.Status.DRAFT), distinct=True),
            round_count=Count("rounds", distinct=True),
        )
        .order_by("submitted_at", "id")
    )


def recent_decisions(limit: int = 10) -> QuerySet[ApplicationRound]:
    return (
        ApplicationRound.objects.exclude(decision=ApplicationRound.Decision.PENDING)
        .select_related("partner", "decided_by")
        .order_by("-decided_at")[:limit]
    )


def application_rounds(partner: Partner) -> list[ApplicationRound]:
    return list(partner.rounds.select_related("submitted_by", "decided_by").order_by("-number"))


def application_events(partner: Partner) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(partner=partner, action__startswith="application.").order_by("-created_at", "-id")
    )


def company_change_rows(change: CompanyChange) -> list[tuple[str, str, str]]:
    """(label, before, after) of each field a change proposes, in the form's order, with Partner's labels."""
    choices = {"system": dict(Partner.System.choices)}
    rows = []
    for field in CompanyChange.FIELDS:
        if field in change.proposed:
            label = str(getattr(Partner._meta.get_field(field), "verbose_name", field))
            names = choices.get(field, {})
            before, after = change.before.get(field, ""), change.proposed[field]
            rows.append((label, str(names.get(before, before)), str(names.get(after, after))))
    return rows


def company_changes(partner: Partner, limit: int = 10) -> list[CompanyChange]:
    changes = list(
        CompanyChange.objects.filter(partner=partner)
        .select_related("requested_by", "business_certificate", "company_profile")
        .order_by("-requested_at", "-id")[:limit]
    )
    for change in changes:
        change.rows = company_change_rows(change)  # type: ignore[attr-defined]
    return changes


def company_change_queue() -> QuerySet[CompanyChange]:
    """Company data changes waiting for staff, oldest first."""
    return (
        CompanyChange.objects.filter(status=CompanyChange.Status.PENDING)
        .select_related("partner", "requested_by")
        .order_by("requested_at", "id")
    )


def staff_partner_search(*, query: str = "", status: str = "") -> QuerySet[Partner]:
    """Staff's partner list: every account, newest first, with its live apps and active shops
    (distinct counts: the two joins would otherwise multiply each other)."""
    partners = Partner.objects.select_related("super_admin").annotate(
        live_apps=Count("apps", filter=Q(apps__status="live"), distinct=True),
        active_shops=Count("shop_links", filter=Q(shop_links__status=ShopLink.Status.ACTIVE), distinct=True),
    )
    if status in Partner.Status.values:
        partners = partners.filter(status=status)
    query = query.strip()
    if query:
        partners = partners.filter(Q(company_name__icontains=query) | Q(super_admin__email__icontains=query))
    return partners.order_by("-created_at", "-id")
