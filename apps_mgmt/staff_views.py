"""Staff's apps overview: every app, searchable; suspend and reinstate with a reason (SPEC section 5)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_POST

from audit.models import AuditEvent
from console.lib.errors import DomainError
from console.lib.staff import staff_required

from . import selectors, services
from .forms import StaffAppSearchForm, StaffReasonForm
from .models import App

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

PAGE_SIZE = 50


@staff_required
def staff_apps(request: HttpRequest) -> HttpResponse:
    form = StaffAppSearchForm(request.GET or None)
    query, status = "", ""
    if form.is_valid():
        query, status = form.cleaned_data["q"], form.cleaned_data["status"]
    page = Paginator(selectors.staff_app_search(query=query, status=status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    kept = request.GET.copy()
    kept.pop("page", None)
    context = {"form": form, "page": page, "query": query, "filtered": bool(query or status), "kept": kept.urlencode()}
    return render(request, "apps_mgmt/staff/list.html", context)


def _staff_app_page(
    request: HttpRequest, app: App, *, form: StaffReasonForm | None = None, status: int = 200
) -> HttpResponse:
    history = AuditEvent.objects.filter(
        target_type="apps_mgmt.app", target_id=str(app.pk), action__in=["app.suspend", "app.reinstate"]
    ).select_related("actor")[:20]
    context = {
        "app": app,
        "form": form or StaffReasonForm(),
        "history": history,
        "active_shops": selectors.app_active_shop_count(app),
    }
    return render(request, "apps_mgmt/staff/detail.html", context, status=status)


@staff_required
def staff_app(request: HttpRequest, fs_id: int) -> HttpResponse:
    app = get_object_or_404(App.objects.select_related("partner", "partner__super_admin"), fs_id=fs_id)
    return _staff_app_page(request, app)


@staff_required
@require_POST
def staff_app_suspend(request: HttpRequest, fs_id: int) -> HttpResponse:
    return _transition(
        request, fs_id, services.app_suspend, gettext_lazy("{app} is suspended: its tokens were revoked.")
    )


@staff_required
@require_POST
def staff_app_reinstate(request: HttpRequest, fs_id: int) -> HttpResponse:
    return _transition(
        request, fs_id, services.app_reinstate, gettext_lazy("{app} is reinstated: it may get new tokens.")
    )


def _transition(request: HttpRequest, fs_id: int, action: services.StaffAction, done: _StrPromise) -> HttpResponse:
    app = get_object_or_404(App.objects.select_related("partner", "partner__super_admin"), fs_id=fs_id)
    form = StaffReasonForm(request.POST)
    if not form.is_valid():
        return _staff_app_page(request, app, form=form, status=400)
    try:
        action(app=app, actor=request.user, reason=form.cleaned_data["reason"])  # type: ignore[arg-type]
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, done.format(app=app.name) + " " + gettext("The account's Owners were emailed the reason.")
        )
    return redirect("staff_apps:detail", fs_id=app.fs_id)
