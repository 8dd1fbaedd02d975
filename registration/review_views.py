"""Staff review of submitted applications (SPEC section 5). Non-staff get a 404."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from console.lib.errors import DomainError
from partners.models import Partner
from partners.permissions import actor_of
from shops.models import ShopLink

from . import services
from .forms import RejectForm
from .selectors import application_events, application_rounds, recent_decisions, review_queue

View = Callable[..., HttpResponse]


def staff_required(view: View) -> View:
    """The review pages don't exist for anyone but staff (a 404, not a login prompt)."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not request.user.is_staff:
            raise Http404("No such page")
        return view(request, *args, **kwargs)

    return wrapper


@staff_required
def queue(request: HttpRequest) -> HttpResponse:
    return render(request, "registration/review/queue.html", {"queue": review_queue(), "recent": recent_decisions()})


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
    messages.success(request, f"Approved {partner}. The shop owners are being asked for consent.")
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
    messages.success(request, f"Rejected {partner}. They were emailed the reason.")
    return redirect("review:queue")
