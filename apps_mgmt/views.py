from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from console.lib.compression import keep_uncompressed
from console.lib.errors import DomainError
from console.lib.http import client_ip
from console.lib.shown_once import keep_once, take_once
from partners.models import Partner
from partners.permissions import get_membership, get_partner_for_member
from partners.roles import Permission

from . import selectors, services
from .forms import AppForm, ImportForm, RegenerateForm, WhitelistForm
from .menu import app_menu
from .models import App
from .permissions import get_app_for_member


@login_required
def app_list(request: HttpRequest) -> HttpResponse:
    membership = get_membership(request)
    partner = membership.partner if membership else None
    if partner is None and request.user.is_staff:
        return redirect("staff_apps:list")  # staff oversee every partner's apps there
    if partner is None or partner.status != Partner.Status.ACTIVE:
        return render(
            request,
            "apps_mgmt/list.html",
            {
                "partner": partner,
                "not_active": True,
            },
        )
    apps = list(selectors.partner_apps(partner))
    for app in apps:
        app.menu = app_menu(app)  # type: ignore[attr-defined]
    return render(
        request,
        "apps_mgmt/list.html",
        {
            "partner": partner,
            "apps": apps,
            "max_apps": settings.MAX_LIVE_APPS,
            "at_limit": len(apps) >= settings.MAX_LIVE_APPS,
        },
    )


def _active_partner_for_writer(request: HttpRequest, need: Permission) -> Partner | None:
    partner = get_partner_for_member(request, need=need)
    if partner.status != Partner.Status.ACTIVE:
        messages.error(request, gettext("Your account can have apps once its registration is approved and active."))
        return None
    return partner


@login_required
def app_create(request: HttpRequest) -> HttpResponse:
    partner = _active_partner_for_writer(request, Permission.CREATE_APP)
    if partner is None:
        return redirect("apps:list")
    form = AppForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            issued = services.app_create(
                partner=partner,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                actor=request.user,  # type: ignore[arg-type]
                ip=client_ip(request),
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            return _secret_issued(request, issued, notice="created")
    count = App.objects.filter(partner=partner, status__in=App.OCCUPYING_STATUSES).count()
    return render(
        request,
        "apps_mgmt/create.html",
        {"form": form, "at_limit": count >= settings.MAX_LIVE_APPS, "max_apps": settings.MAX_LIVE_APPS},
        status=400 if form.errors else 200,
    )


@login_required
def app_import(request: HttpRequest) -> HttpResponse:
    partner = _active_partner_for_writer(request, Permission.IMPORT_APP)
    if partner is None:
        return redirect("apps:list")
    form = ImportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            imported = services.app_import(
                partner=partner,
                fs_id=form.cleaned_data["app_id"],
                client_id=form.cleaned_data["client_id"],
                client_secret=form.cleaned_data["client_secret"],
                actor=request.user,  # type: ignore[arg-type]
                ip=client_ip(request),
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            shops = len(imported.shops.linked)
            messages.success(
                request,
                ngettext(
                    "Imported {app} with {count} shop. Its Client ID and Client Secret are unchanged.",
                    "Imported {app} with {count} shops. Its Client ID and Client Secret are unchanged.",
                    shops,
                ).format(app=imported.app.name, count=shops),
            )
            for shop_id, why in imported.shops.skipped:
                messages.warning(
                    request, gettext("Shop {shop_id} was not linked: {why}.").format(shop_id=shop_id, why=why)
                )
            return redirect("apps:auth", fs_id=imported.app.fs_id)
    return render(request, "apps_mgmt/import.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def app_auth(request: HttpRequest, fs_id: int) -> HttpResponse:
    app = get_app_for_member(request, fs_id)
    issued = take_once(request, _secret_key(app))
    if issued is None:
        return _auth_page(request, app)
    return _auth_page(request, app, secret=issued["secret"], notice=issued["notice"])


def _secret_key(app: App) -> str:
    return f"client-secret:{app.pk}"


def _secret_issued(request: HttpRequest, issued: services.IssuedApp, *, notice: str) -> HttpResponse:
    """Redirect to the app's page, which shows the new secret once: a reload issues nothing
    more. The secret waits in the session only until that page is read."""
    keep_once(request, _secret_key(issued.app), {"secret": issued.client_secret, "notice": notice})
    return redirect("apps:auth", fs_id=issued.app.fs_id)


def _auth_page(
    request: HttpRequest, app: App, *, secret: str = "", notice: str = "", status: int = 200, **forms: Any
) -> HttpResponse:
    in_grace = bool(app.previous_secret_expires_at and app.previous_secret_expires_at > timezone.now())
    context = {
        "app": app,
        "menu": app_menu(app, current="apps:auth"),
        "secret": secret,
        "notice": notice,
        "in_grace": in_grace,
        "shop_count": selectors.app_active_shop_count(app),
        "regenerate_form": forms.get("regenerate_form") or RegenerateForm(),
        "whitelist_form": forms.get("whitelist_form") or WhitelistForm.for_entries(app.ip_whitelist),
        "num_proxies": settings.NUM_PROXIES,
    }
    response = render(request, "apps_mgmt/auth.html", context, status=status)
    # The page may carry a secret in clear: keep it out of every cache and the back/forward history,
    # and uncompressed (BREACH, console/lib/compression.py).
    add_never_cache_headers(response)
    keep_uncompressed(response)
    return response


@login_required
@require_POST
def client_secret_regenerate(request: HttpRequest, fs_id: int) -> HttpResponse:
    app = get_app_for_member(request, fs_id, need=Permission.REGENERATE_SECRET)
    form = RegenerateForm(request.POST)
    if not form.is_valid():
        return _auth_page(request, app, regenerate_form=form, status=400)
    _, grace = services.GRACE_CHOICES[form.cleaned_data["grace"]]
    notice = "regenerated" if app.has_secret else "generated"
    issued = services.client_secret_regenerate(
        app=app,
        grace=grace,
        actor=request.user,  # type: ignore[arg-type]
        ip=client_ip(request),
    )
    return _secret_issued(request, issued, notice=notice)


@login_required
@require_POST
def app_whitelist_update(request: HttpRequest, fs_id: int) -> HttpResponse:
    app = get_app_for_member(request, fs_id, need=Permission.EDIT_APP)
    form = WhitelistForm(request.POST)
    if not form.is_valid():
        return _auth_page(request, app, whitelist_form=form, status=400)
    app = services.app_whitelist_update(
        app=app,
        text=form.cleaned_data["whitelist"],
        actor=request.user,  # type: ignore[arg-type]
        ip=client_ip(request),
    )
    if app.ip_whitelist:
        messages.success(
            request,
            gettext("IP whitelist saved: {len} entries. Other client IPs are refused.").format(
                len=len(app.ip_whitelist)
            ),
        )
    else:
        messages.success(request, gettext("IP whitelist cleared: calls from any IP are accepted."))
    return redirect("apps:auth", fs_id=app.fs_id)


@login_required
def app_delete(request: HttpRequest, fs_id: int) -> HttpResponse:
    app = get_app_for_member(request, fs_id, need=Permission.DELETE_APP)
    if request.method == "POST":
        try:
            services.app_delete(app=app, actor=request.user, ip=client_ip(request))  # type: ignore[arg-type]
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, gettext("{name} was deleted. Its credentials no longer work.").format(name=app.name)
            )
        return redirect("apps:list")
    return render(request, "apps_mgmt/delete.html", {"app": app, "menu": app_menu(app)})
