"""The partner's registration, steps 1 to 4 (SPEC section 1), and its documents."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from console.lib.body_limit import max_body_bytes
from console.lib.errors import DomainError
from console.lib.storage import STORAGE_ERRORS, open_stream
from partners.models import Partner, PartnerDocument
from partners.permissions import actor_of, get_membership, get_partner_for_member
from partners.roles import Permission

from . import services
from .documents import DocumentStorageError, private_storage
from .forms import CompanyForm, ShopsForm, TermsForm, upload_body_bytes
from .progress import STEP_ORDER, progress_steps
from .selectors import (
    Progress,
    application_rounds,
    current_terms,
    draft_links,
    draft_shops_problem,
    registration_progress,
)

logger = logging.getLogger(__name__)


def not_started(request: HttpRequest) -> bool:
    """A signed-in user with no registration yet: a later step's URL leads to the start.
    Staff never register (they get the 404 every outsider gets)."""
    return get_membership(request) is None and not request.user.is_staff


def _guard(request: HttpRequest, step: str) -> tuple[Partner, Progress] | HttpResponse:
    """The partner and its progress, or a redirect: to the status page once submitted,
    to the first incomplete step when an earlier one is still to do."""
    if not_started(request):
        return redirect("registration:index")  # step 1 starts there
    partner = get_partner_for_member(request, need=Permission.CHANGE_COMPANY)
    if not partner.is_editable:
        return redirect("registration:status")
    progress = registration_progress(partner)
    first = progress.first_incomplete or "submit"
    if STEP_ORDER.index(step) > STEP_ORDER.index(first):
        messages.info(request, gettext("Complete this step first."))
        return redirect(f"registration:{first}")
    return partner, progress


@login_required
def index(request: HttpRequest) -> HttpResponse:
    membership = get_membership(request)
    if membership is None:
        return render(request, "registration/start.html", {"staff": request.user.is_staff})
    partner = membership.partner
    if not partner.is_editable:
        return redirect("registration:status")
    if not membership.allows(Permission.CHANGE_COMPANY):
        messages.info(
            request, gettext("The registration is filled in by your account's Owner; you can follow it from here.")
        )
        return redirect("home")
    return redirect(f"registration:{registration_progress(partner).first_incomplete or 'submit'}")


@login_required
@require_POST
def start(request: HttpRequest) -> HttpResponse:
    try:
        services.application_start(user=actor_of(request))
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("registration:index")
    return redirect("registration:company")


@max_body_bytes(upload_body_bytes)
@login_required
def company(request: HttpRequest) -> HttpResponse:
    guarded = _guard(request, "company")
    if isinstance(guarded, HttpResponse):
        return guarded
    partner, progress = guarded
    if request.method == "POST":
        form = CompanyForm(request.POST, request.FILES, partner=partner)
        if form.is_valid():
            try:
                services.application_company_save(
                    partner=partner,
                    actor=actor_of(request),
                    company=form.company(),
                    uploads=form.uploads(),
                )
            except DocumentStorageError as error:
                # Nothing of this save was kept: each PDF chosen must be chosen again; the typed answers stay.
                for kind in form.uploads():
                    form.add_error(kind, str(error))
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                return redirect("registration:terms")
        else:
            if _keep_accepted_pdfs(request, partner, form):
                partner.refresh_from_db()
                form.describe_documents(partner)
        progress = registration_progress(partner)
    else:
        form = CompanyForm(partner=partner)
    return _render_step(request, "registration/company.html", partner, progress, "company", {"form": form})


def _keep_accepted_pdfs(request: HttpRequest, partner: Partner, form: CompanyForm) -> list[str]:
    """A PDF that passed its checks is kept even when another field is refused:
    a browser can't re-fill a file input, so the partner would otherwise upload it again."""
    kept = []
    for kind, upload in form.uploads().items():
        try:
            services.application_document_save(partner=partner, kind=kind, upload=upload, actor=actor_of(request))
        except DomainError as error:
            form.add_error(kind, str(error))
        else:
            kept.append(upload.name or kind)
    if kept:
        messages.info(
            request, gettext("Kept {files}. Fix the fields marked below.").format(files=gettext(" and ").join(kept))
        )
    return kept


@login_required
def terms(request: HttpRequest) -> HttpResponse:
    guarded = _guard(request, "terms")
    if isinstance(guarded, HttpResponse):
        return guarded
    partner, progress = guarded
    current = current_terms()
    form = TermsForm(request.POST or None, initial={"terms_version": current.pk if current else None})
    if request.method == "POST" and current is not None and form.is_valid():
        try:
            if form.cleaned_data["terms_version"] != current.pk:
                raise services.ApplicationStateError(
                    gettext("A newer version of the Terms and Conditions was published: read it and agree again.")
                )
            services.application_terms_accept(partner=partner, terms=current, actor=actor_of(request))
        except DomainError as error:
            messages.error(request, str(error))
            form = TermsForm(initial={"terms_version": current.pk})
        else:
            return redirect("registration:shops")
    context = {"form": form, "terms": current, "accepted": progress.terms}
    return _render_step(request, "registration/terms.html", partner, progress, "terms", context)


@login_required
def shops(request: HttpRequest) -> HttpResponse:
    guarded = _guard(request, "shops")
    if isinstance(guarded, HttpResponse):
        return guarded
    partner, progress = guarded
    links = draft_links(partner)
    verdicts = None
    if request.method == "POST":
        form = ShopsForm(request.POST)
        if form.is_valid():
            text = form.cleaned_data["domains"]
            if request.POST.get("action") == "check":
                from shops.eligibility import domains_check

                verdicts = domains_check(partner=partner, member_type=partner.member_type, text=text)
            else:
                try:
                    services.application_shops_set(partner=partner, text=text, actor=actor_of(request))
                except services.ShopsRefused as refusal:
                    verdicts = refusal.verdicts
                    form.add_error(None, str(refusal))
                except DomainError as error:
                    form.add_error(None, str(error))
                else:
                    return redirect("registration:submit")
    else:
        form = ShopsForm(initial={"domains": "\n".join(link.shop.domain for link in links)})
    context = {
        "form": form,
        "links": links,
        "verdicts": verdicts,
        "problem": draft_shops_problem(partner, links) if links else None,
        "seller": partner.member_type == Partner.MemberType.SELLER,
    }
    return _render_step(request, "registration/shops.html", partner, progress, "shops", context)


@login_required
def submit(request: HttpRequest) -> HttpResponse:
    guarded = _guard(request, "submit")
    if isinstance(guarded, HttpResponse):
        return guarded
    partner, progress = guarded
    if request.method == "POST":
        try:
            services.application_submit(partner=partner, actor=actor_of(request))
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, gettext("Your registration is submitted. We emailed you a confirmation."))
            return redirect("registration:status")
    context = {"links": draft_links(partner), "rounds": application_rounds(partner)}
    return _render_step(request, "registration/submit.html", partner, progress, "submit", context)


@login_required
def status(request: HttpRequest) -> HttpResponse:
    if not_started(request):
        return redirect("registration:index")
    partner = get_partner_for_member(request)
    if partner.status == Partner.Status.DRAFT:
        return redirect("registration:index")
    if partner.status in {Partner.Status.APPROVED, Partner.Status.ACTIVE}:
        return redirect("registration:seller_approval")  # step 5 carries on from there
    context = {"rounds": application_rounds(partner), "links": draft_links(partner)}
    return _render_step(request, "registration/status.html", partner, registration_progress(partner), "status", context)


def _render_step(
    request: HttpRequest, template: str, partner: Partner, progress: Progress, current: str, context: dict[str, Any]
) -> HttpResponse:
    context = {"partner": partner, "steps": progress_steps(partner, progress, current), **context}
    return render(request, template, context)


@login_required
def document(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A partner's PDF, to its members and to staff only; never from a public URL."""
    doc = get_object_or_404(PartnerDocument.objects.select_related("partner"), pk=pk)
    user = request.user
    if not user.is_staff:
        membership = get_membership(request)
        if membership is None or membership.partner_id != doc.partner_id:
            raise Http404("No such document")
    # Staff preview in the browser; everyone else downloads. Either way the
    # browser must not guess another type than PDF. The file is streamed from
    # the store through this view, never redirected to (docs/production.md).
    inline = user.is_staff and request.GET.get("inline") == "1"
    try:
        stream, size = open_stream(private_storage(), doc.storage_name)
    except FileNotFoundError as missing:
        raise Http404("No such document") from missing
    except STORAGE_ERRORS:
        logger.exception("Reading document %s from the store failed", doc.pk)
        return render(request, "registration/document_unavailable.html", {"document": doc}, status=503)
    response = FileResponse(
        stream, as_attachment=not inline, filename=doc.original_name, content_type="application/pdf"
    )
    response.block_size = 64 * 1024
    response["Content-Length"] = str(size)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
