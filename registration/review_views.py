"""Staff review of submitted applications (SPEC section 5). Non-staff get a 404."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from console.lib.errors import DomainError
from console.lib.staff import staff_required
from partners.models import Partner
from partners.permissions import actor_of
from shops.models import ShopLink

from . import services
from .forms import RejectForm
from .models import CompanyChange
from .selectors import (
    application_events,
    application_rounds,
    company_change_queue,
    company_change_rows,
    recent_decisions,
    review_queue,
)
from .services import company_change as changes


@staff_required
def queue(request: HttpRequest) -> HttpResponse:
    context = {"queue": review_queue(), "changes": company_change_queue(), "recent": recent_decisions()}
    return render(request, "registration/review/queue.html", context)


@staff_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, get_object_or_404(_partners(), pk=pk), RejectForm())


def _partners() -> QuerySet[Partner]:
    return Partner.objects.select_related("super_admin", "business_certificate", "company_profile", "terms_version")


def _render_detail(request: HttpRequest, partner: Partner, reject_form: RejectForm) -> HttpResponse:
    links = list(
        ShopLink.objects.filter(partner=partner, app=None).select_related("shop").order_by("status", "shop__domain")
    )
    context = {
        "partner": partner,
        "links": links,
        "rounds": application_rounds(partner),
        "events": application_events(partner),
        "reject_form": reject_form,
    }
    return render(request, "registration/review/detail.html", context)


@staff_required
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    partner = get_object_or_404(Partner, pk=pk)
    try:
        services.application_approve(partner=partner, actor=actor_of(request))
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("review:detail", pk=pk)
    messages.success(
        request, gettext("Approved {partner}. The shop owners are being asked for consent.").format(partner=partner)
    )
    return redirect("review:queue")


@staff_required
@require_POST
def reject(request: HttpRequest, pk: int) -> HttpResponse:
    partner = get_object_or_404(_partners(), pk=pk)
    form = RejectForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, partner, form)
    try:
        services.application_reject(partner=partner, actor=actor_of(request), reason=form.cleaned_data["reason"])
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("review:detail", pk=pk)
    messages.success(request, gettext("Rejected {partner}. They were emailed the reason.").format(partner=partner))
    return redirect("review:queue")


def _change(pk: int) -> CompanyChange:
    return get_object_or_404(
        CompanyChange.objects.select_related(
            "partner__business_certificate", "partner__company_profile", "requested_by", "decided_by"
        ).select_related("business_certificate", "company_profile"),
        pk=pk,
    )


def _render_change(request: HttpRequest, change: CompanyChange, reject_form: RejectForm) -> HttpResponse:
    change.rows = company_change_rows(change)  # type: ignore[attr-defined]
    context = {"change": change, "partner": change.partner, "reject_form": reject_form}
    return render(request, "registration/review/change.html", context, status=400 if reject_form.errors else 200)


@staff_required
def change_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_change(request, _change(pk), RejectForm())


@staff_required
@require_POST
def change_approve(request: HttpRequest, pk: int) -> HttpResponse:
    change = _change(pk)
    try:
        changes.company_change_approve(change=change, actor=actor_of(request))
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("review:change", pk=pk)
    messages.success(
        request,
        gettext("Approved the change of {partner}'s company data. Its Owners were emailed.").format(
            partner=change.partner
        ),
    )
    return redirect("review:queue")


@staff_required
@require_POST
def change_reject(request: HttpRequest, pk: int) -> HttpResponse:
    change = _change(pk)
    form = RejectForm(request.POST)
    if not form.is_valid():
        return _render_change(request, change, form)
    try:
        changes.company_change_reject(change=change, actor=actor_of(request), reason=form.cleaned_data["reason"])
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("review:change", pk=pk)
    messages.success(
        request,
        gettext("Rejected the change of {partner}'s company data. Its Owners were emailed the reason.").format(
            partner=change.partner
        ),
    )
    return redirect("review:queue")
