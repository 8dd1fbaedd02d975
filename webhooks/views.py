"""Webhook Settings: URLs, secret, test events, endpoint health, the delivery log."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from apps_mgmt.menu import app_menu
from apps_mgmt.models import App
from apps_mgmt.permissions import get_app_for_member
from console.lib.compression import keep_uncompressed
from console.lib.errors import DomainError
from console.lib.http import client_ip
from console.lib.shown_once import keep_once, take_once
from partners.permissions import actor_of, get_membership
from partners.roles import Permission

from . import selectors, services, signing
from .events import Event
from .forms import DeliveryFilterForm, EndpointsForm, RecoverForm, SecretForm, TestEventForm

MENU = "webhooks:settings"


def _can_write(request: HttpRequest) -> bool:
    membership = get_membership(request)
    return bool(membership and membership.allows(Permission.EDIT_WEBHOOKS))


def _can_see_secret(request: HttpRequest) -> bool:
    membership = get_membership(request)
    return bool(membership and membership.allows(Permission.VIEW_SECRETS))


def _settings_page(
    request: HttpRequest, app: App, *, status: int = 200, secret: str = "", **forms: Any
) -> HttpResponse:
    rows = selectors.endpoint_rows(app)
    stored = selectors.app_has_secret(app)
    can_write = _can_write(request)
    initial = {row.field: row.endpoint.url for row in rows if row.endpoint is not None}
    context = {
        "app": app,
        "menu": app_menu(app, current=MENU),
        "can_write": can_write,
        "rows": rows,
        "stored_secret": stored,
        # A secret in clear only for members who may see it, and only on request.
        "secret": secret if _can_see_secret(request) else "",
        "whsec": signing.whsec(secret) if secret and _can_see_secret(request) else "",
        "endpoints_form": forms.get("endpoints_form") or EndpointsForm(initial=initial),
        "secret_form": forms.get("secret_form") or SecretForm(),
        "test_form": forms.get("test_form")
        or TestEventForm(initial={"event": next((row.event for row in rows if row.endpoint and row.endpoint.url), "")}),
        "recover_form": forms.get("recover_form") or RecoverForm.default(),
        "configured": [row for row in rows if row.endpoint is not None and row.endpoint.url],
    }
    response = render(request, "webhooks/settings.html", context, status=status)
    add_never_cache_headers(response)
    keep_uncompressed(response)  # it may show the secret (BREACH, console/lib/compression.py)
    return response


@login_required
def webhook_settings(request: HttpRequest, fs_id: int) -> HttpResponse:
    if request.method != "POST":
        app = get_app_for_member(request, fs_id)
        # Right after a secret change, this one read shows it (the POST redirected here).
        just_set = take_once(request, _secret_key(app)) is not None and _can_see_secret(request)
        secret = (services.webhook_secret_reveal(app=app) or "") if just_set else ""
        return _settings_page(request, app, secret=secret)
    app = get_app_for_member(request, fs_id, need=Permission.EDIT_WEBHOOKS)
    form = EndpointsForm(request.POST)
    if not form.is_valid():
        return _settings_page(request, app, endpoints_form=form, status=400)
    try:
        services.webhook_endpoints_register(app=app, urls=form.urls(), actor=actor_of(request), ip=client_ip(request))
    except services.WebhookSettingsInvalid as invalid:
        for field, message in invalid.errors.items():
            form.add_error(field if field in form.fields else None, message)
        return _settings_page(request, app, endpoints_form=form, status=400)
    messages.success(request, gettext("Webhook URLs saved. New events go to these URLs from now on."))
    return redirect("webhooks:settings", fs_id=app.fs_id)


@login_required
@require_POST
def webhook_secret_set(request: HttpRequest, fs_id: int) -> HttpResponse:
    app = get_app_for_member(request, fs_id, need=Permission.EDIT_WEBHOOKS)
    form = SecretForm(request.POST)
    if not form.is_valid():
        return _settings_page(request, app, secret_form=form, status=400)
    chosen = form.cleaned_data["secret"] or None
    try:
        result = services.webhook_secret_set(app=app, secret=chosen, actor=actor_of(request), ip=client_ip(request))
    except services.WebhookSettingsInvalid as invalid:
        form.add_error("secret", invalid.errors.get("webhook_secret", str(invalid)))
        return _settings_page(request, app, secret_form=form, status=400)
    if result.previous_until:
        messages.success(
            request,
            gettext(
                "Webhook secret changed. Until {until} each delivery is also signed with the previous one "
                "(webhook-signature carries both)."
            ).format(until=date_format(timezone.localtime(result.previous_until), "j M Y H:i")),
        )
    else:
        messages.success(request, gettext("Webhook secret set. Every delivery is signed with it."))
    # The page the redirect leads to shows the secret once (read from its encrypted
    # store, never put in a URL or the session): a reload changes nothing.
    keep_once(request, _secret_key(app), {})
    return redirect("webhooks:settings", fs_id=app.fs_id)


def _secret_key(app: App) -> str:
    return f"webhook-secret:{app.pk}"


@login_required
@require_POST
def webhook_secret_reveal(request: HttpRequest, fs_id: int) -> HttpResponse:
    app = get_app_for_member(request, fs_id, need=Permission.VIEW_SECRETS)
    return _settings_page(request, app, secret=services.webhook_secret_reveal(app=app) or "")


@login_required
@require_POST
def webhook_test_send(request: HttpRequest, fs_id: int) -> HttpResponse:
    app = get_app_for_member(request, fs_id, need=Permission.EDIT_WEBHOOKS)
    form = TestEventForm(request.POST)
    if not form.is_valid():
        return _settings_page(request, app, test_form=form, status=400)
    try:
        delivery = services.webhook_test_send(
            app=app, event=form.cleaned_data["event"], actor=actor_of(request), ip=client_ip(request)
        )
    except DomainError as error:
        form.add_error("event", str(error))
        return _settings_page(request, app, test_form=form, status=400)
    messages.success(
        request,
        gettext("Test {delivery} event queued to {url}.").format(
            delivery=delivery.get_event_display().lower(), url=delivery.url
        ),
    )
    return redirect("webhooks:delivery", fs_id=app.fs_id, webhook_id=delivery.webhook_id)


@login_required
@require_POST
def webhook_endpoint_enable(request: HttpRequest, fs_id: int, event: str) -> HttpResponse:
    app = get_app_for_member(request, fs_id, need=Permission.EDIT_WEBHOOKS)
    endpoint = next((row.endpoint for row in selectors.endpoint_rows(app) if row.event == event), None)
    if endpoint is None or endpoint.is_enabled:
        messages.info(request, gettext("That endpoint is not disabled."))
    else:
        services.webhook_endpoint_enable(endpoint=endpoint, actor=actor_of(request), ip=client_ip(request))
        messages.success(
            request,
            gettext("{label} endpoint re-enabled. Recover its failed deliveries below to send them again.").format(
                label=Event(event).label
            ),
        )
    return redirect("webhooks:settings", fs_id=app.fs_id)


@login_required
def delivery_list(request: HttpRequest, fs_id: int) -> HttpResponse:
    app = get_app_for_member(request, fs_id)
    filters = DeliveryFilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    page = selectors.deliveries_page(
        app, event=chosen.get("event", ""), status=chosen.get("status", ""), page=request.GET.get("page", 1)
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "webhooks/deliveries.html",
        {
            "app": app,
            "menu": app_menu(app, current=MENU),
            "filters": filters,
            "page": page,
            "query": query.urlencode(),
            "can_write": _can_write(request),
            "recover_form": RecoverForm.default(),
        },
    )


@login_required
def delivery_detail(request: HttpRequest, fs_id: int, webhook_id: str) -> HttpResponse:
    app = get_app_for_member(request, fs_id)
    delivery = selectors.delivery_of_app(app, webhook_id)
    body = delivery.message.payload.get("body", "")
    try:
        pretty = json.dumps(json.loads(body), indent=2, ensure_ascii=False)
    except ValueError:
        pretty = body
    return render(
        request,
        "webhooks/delivery.html",
        {
            "app": app,
            "menu": app_menu(app, current=MENU),
            "delivery": delivery,
            "attempts": list(delivery.attempts.all()),
            "body": pretty,
            "can_write": _can_write(request),
        },
    )


@login_required
@require_POST
def delivery_redeliver(request: HttpRequest, fs_id: int, webhook_id: str) -> HttpResponse:
    app = get_app_for_member(request, fs_id, need=Permission.EDIT_WEBHOOKS)
    delivery = selectors.delivery_of_app(app, webhook_id)
    try:
        services.webhook_delivery_redeliver(delivery=delivery, actor=actor_of(request), ip=client_ip(request))
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            gettext("Delivery {webhook_id} queued again, with the same webhook-id.").format(
                webhook_id=delivery.webhook_id
            ),
        )
    return redirect("webhooks:delivery", fs_id=app.fs_id, webhook_id=delivery.webhook_id)


@login_required
@require_POST
def deliveries_recover(request: HttpRequest, fs_id: int) -> HttpResponse:
    app = get_app_for_member(request, fs_id, need=Permission.EDIT_WEBHOOKS)
    form = RecoverForm(request.POST)
    if not form.is_valid():
        return _settings_page(request, app, recover_form=form, status=400)
    count = services.webhook_deliveries_recover(
        app=app, since=form.cleaned_data["since"], actor=actor_of(request), ip=client_ip(request)
    )
    if count:
        messages.success(
            request,
            ngettext("{count} failed delivery queued again.", "{count} failed deliveries queued again.", count).format(
                count=count
            ),
        )
    else:
        messages.info(request, gettext("No delivery failed since then: nothing to send again."))
    return redirect("webhooks:deliveries", fs_id=app.fs_id)
