"""The company profile of an active account, and its Owner's requests to change it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from console.lib.body_limit import max_body_bytes
from console.lib.errors import DomainError
from partners.models import Partner, PartnerMember
from partners.permissions import actor_of, require_membership
from partners.roles import Permission

from .forms import CompanyChangeForm, upload_body_bytes
from .models import CompanyChange
from .selectors import company_changes
from .services import company_change as changes


def _active(request: HttpRequest, need: Permission) -> PartnerMember | None:
    membership = require_membership(request, need=need)
    return membership if membership.partner.status == Partner.Status.ACTIVE else None


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    membership = _active(request, Permission.VIEW)
    if membership is None:
        return redirect("registration:index")  # until activation the registration shows the company
    partner = (
        Partner.objects.select_related("business_certificate", "company_profile", "terms_version")
        .filter(pk=membership.partner_id)
        .get()
    )
    history = company_changes(partner)
    pending = next((change for change in history if change.status == CompanyChange.Status.PENDING), None)
    context = {"partner": partner, "history": history, "pending": pending}
    return render(request, "registration/profile.html", context)


@max_body_bytes(upload_body_bytes)
@login_required
@require_http_methods(["GET", "POST"])
def change(request: HttpRequest) -> HttpResponse:
    membership = _active(request, Permission.CHANGE_COMPANY)
    if membership is None:
        return redirect("registration:index")
    partner = membership.partner
    if CompanyChange.objects.filter(partner=partner, status=CompanyChange.Status.PENDING).exists():
        messages.info(request, gettext("A change is already waiting for review. Withdraw it to send another."))
        return redirect("company:profile")
    form = CompanyChangeForm(request.POST or None, request.FILES or None, partner=partner)
    if request.method == "POST" and form.is_valid():
        try:
            changes.company_change_request(
                partner=partner,
                company=form.company(),
                uploads=form.uploads(),
                note=form.cleaned_data["note"],
                actor=actor_of(request),
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, gettext("Your change is sent to our team. Your apps keep working while they review it.")
            )
            return redirect("company:profile")
    status = 400 if form.errors else 200
    return render(request, "registration/profile_change.html", {"form": form, "partner": partner}, status=status)


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request, need=Permission.CHANGE_COMPANY)
    pending = get_object_or_404(CompanyChange, pk=pk, partner=membership.partner)
    try:
        changes.company_change_withdraw(change=pending, actor=actor_of(request))
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, gettext("Your change request is withdrawn; the company data stays as it is."))
    return redirect("company:profile")
