"""API Playground: pick an endpoint, fill its parameters, send it as the app, read the answer and its code."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from apps_mgmt.menu import app_menu
from apps_mgmt.models import App
from apps_mgmt.permissions import get_app_for_member
from calllogs.selectors import log_detail
from console.lib.http import client_ip
from partners.permissions import actor_of, get_membership
from partners.roles import Permission, refusal

from . import selectors, services
from .catalogue import Endpoint, catalogue
from .forms import Hints, PlaygroundInvalid, example_body, form_fields, initial_values, request_prepare, values_of
from .from_log import call_form
from .models import PlaygroundCall
from .snippets import request_snippets, token_snippet

MENU = "playground:index"


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isascii() and value.isdigit() and len(value) < 19 else None


def _endpoint(operation: str | None) -> Endpoint:
    cat = catalogue()
    return (cat.find(operation) if operation else None) or cat.first


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def log_history_url(app: App, call: PlaygroundCall | None) -> str:
    """The call's entry in Log History, which records it with the source "playground"."""
    if call is None:
        return ""
    return f"{reverse('calllogs:list', kwargs={'fs_id': app.fs_id})}?request_id={call.request_id}"


def _page(
    request: HttpRequest,
    app: App,
    endpoint: Endpoint,
    *,
    values: dict[str, str] | None = None,
    body: str | None = None,
    errors: dict[str, str] | None = None,
    result: PlaygroundCall | None = None,
    save_name: str = "",
    status: int = 200,
) -> HttpResponse:
    # Only what this endpoint's form offers is read: a flat, small number of queries.
    shops = selectors.shop_choices(app) if endpoint.uses("shop_id") else []
    orders = selectors.order_choices(app) if endpoint.uses("order_id") else []
    if values is None or body is None:
        product_id = selectors.first_product_id(app) if endpoint.body_schema and endpoint.uses("product_id") else None
        hints = Hints(
            fs_id=app.fs_id,
            shop_id=shops[0].value if shops else None,
            order_id=orders[0].value if orders else None,
            product_id=product_id,
        )
        values = initial_values(endpoint, hints) if values is None else values
        body = example_body(endpoint, hints) if body is None else body
    errors = errors or {}
    snippets = []
    if not errors:
        try:
            prepared = request_prepare(app=app, endpoint=endpoint, values=values, body=body)
        except PlaygroundInvalid:
            prepared = None
        if prepared is not None:
            snippets = request_snippets(endpoint.method, _base_url(request) + prepared.url, prepared.body)
    membership = get_membership(request)
    can_send = bool(membership and membership.allows(Permission.USE_PLAYGROUND))
    context = {
        "app": app,
        "menu": app_menu(app, current=MENU),
        "groups": catalogue().groups,
        "endpoint": endpoint,
        "fields": form_fields(endpoint, values, errors, shops, orders),
        "body": body,
        "errors": errors,
        "body_error": errors.get("body", ""),
        "snippets": snippets,
        "token_snippet": token_snippet(_base_url(request), app.client_id),
        "result": result,
        "result_body": _pretty(result),
        "log_url": log_history_url(app, result),
        "history": selectors.history(app=app, user=actor_of(request)) if can_send else [],
        "saved": selectors.saved_requests(app=app),
        "can_send": can_send,
        "refusal": "" if can_send or membership is None else refusal(membership.role, Permission.USE_PLAYGROUND),
        "save_name": save_name,
        # Each saved request's delete URL is this plus "saved/<pk>/delete/" (urls.py): one reverse, not one a row.
        "page_url": reverse(MENU, args=[app.fs_id]),
    }
    response = render(request, "playground/index.html", context, status=status)
    add_never_cache_headers(response)
    return response


def _pretty(call: PlaygroundCall | None) -> str:
    if call is None:
        return ""
    if "json" in call.content_type and not call.response_truncated:
        try:
            return json.dumps(json.loads(call.response_body), indent=2, ensure_ascii=False)
        except ValueError:
            pass
    return call.response_body


@login_required
@require_GET
def playground_choose(request: HttpRequest) -> HttpResponse:
    """`?op=` chosen elsewhere (the API reference): the member's one app's playground, or a choice of apps."""
    operation = catalogue().find(request.GET.get("op", ""))
    query = f"?op={operation.operation}" if operation else ""
    membership = get_membership(request)
    apps = selectors.member_apps(membership.partner_id) if membership else []
    if len(apps) == 1:
        return redirect(f"{reverse(MENU, args=[apps[0].fs_id])}{query}")
    if not apps:
        messages.info(request, gettext("The API Playground calls the Open API as one of your apps: create one first."))
        return redirect("apps:list")
    links = [(app, f"{reverse(MENU, args=[app.fs_id])}{query}") for app in apps]
    return render(request, "playground/choose.html", {"links": links, "endpoint": operation})


@login_required
@require_GET
def playground(request: HttpRequest, fs_id: int) -> HttpResponse:
    app = get_app_for_member(request, fs_id)
    call_id, saved_id = _int(request.GET.get("call")), _int(request.GET.get("saved"))
    if call_id is not None:
        call = selectors.call_of(app=app, user=actor_of(request), pk=call_id)
        if call is None:
            raise Http404("No such request in your history")
        return _page(request, app, _endpoint(call.operation), values=dict(call.values), body=call.body, result=call)
    if saved_id is not None:
        saved = selectors.saved_request_of(app=app, pk=saved_id)
        if saved is None:
            raise Http404("No such saved request")
        return _page(request, app, _endpoint(saved.operation), values=dict(saved.values), body=saved.body)
    if "log" in request.GET:
        # A call from the app's Log History, back in the form (not sent until the member sends it).
        logged = log_detail(app, request.GET["log"])
        endpoint = catalogue().route(logged.method, logged.path_template)
        if endpoint is None:
            raise Http404("The API Playground doesn't offer this endpoint")
        values, body = call_form(endpoint, logged)
        return _page(request, app, endpoint, values=values, body=body)
    return _page(request, app, _endpoint(request.GET.get("op")))


def _posted(request: HttpRequest, app: App) -> tuple[Endpoint, dict[str, str], str]:
    """The endpoint and values a form posted, or those of the history entry it re-runs."""
    rerun = _int(request.POST.get("rerun"))
    if rerun is not None:
        call = selectors.call_of(app=app, user=actor_of(request), pk=rerun)
        if call is None:
            raise Http404("No such request in your history")
        return _endpoint(call.operation), dict(call.values), call.body
    endpoint = catalogue().find(request.POST.get("operation", ""))
    if endpoint is None:
        raise PlaygroundInvalid({"operation": gettext("Choose an endpoint of the Open API.")})
    return endpoint, values_of(request.POST, endpoint), request.POST.get("body", "")


def _invalid(request: HttpRequest, app: App, post: QueryDict, invalid: PlaygroundInvalid) -> HttpResponse:
    endpoint = _endpoint(post.get("operation"))
    values = values_of(post, endpoint)
    return _page(
        request,
        app,
        endpoint,
        values=values,
        body=post.get("body", ""),
        errors=invalid.errors,
        save_name=post.get("name", ""),
        status=400,
    )


@login_required
@require_POST
def playground_send(request: HttpRequest, fs_id: int) -> HttpResponse:
    app = get_app_for_member(request, fs_id, need=Permission.USE_PLAYGROUND)
    try:
        endpoint, values, body = _posted(request, app)
        prepared = request_prepare(app=app, endpoint=endpoint, values=values, body=body)
    except PlaygroundInvalid as invalid:
        return _invalid(request, app, request.POST, invalid)
    origin = services.Origin(host=request.get_host(), scheme=request.scheme or "http", ip=client_ip(request))
    call = services.playground_send(app=app, actor=actor_of(request), prepared=prepared, origin=origin)
    return redirect(f"{reverse('playground:index', args=[app.fs_id])}?call={call.pk}#result")


@login_required
@require_POST
def saved_request_create(request: HttpRequest, fs_id: int) -> HttpResponse:
    app = get_app_for_member(request, fs_id, need=Permission.USE_PLAYGROUND)
    try:
        endpoint, values, body = _posted(request, app)
        prepared = request_prepare(app=app, endpoint=endpoint, values=values, body=body)
        saved = services.saved_request_create(
            app=app,
            actor=actor_of(request),
            name=request.POST.get("name", ""),
            prepared=prepared,
            ip=client_ip(request),
        )
    except PlaygroundInvalid as invalid:
        return _invalid(request, app, request.POST, invalid)
    except services.SavedRequestInvalid as refused:
        return _invalid(request, app, request.POST, PlaygroundInvalid({"name": str(refused)}))
    messages.success(request, gettext("Saved “{name}” for everyone on your team.").format(name=saved.name))
    return redirect(f"{reverse('playground:index', args=[app.fs_id])}?saved={saved.pk}")


@login_required
@require_POST
def saved_request_delete(request: HttpRequest, fs_id: int, pk: int) -> HttpResponse:
    app = get_app_for_member(request, fs_id, need=Permission.USE_PLAYGROUND)
    saved = selectors.saved_request_of(app=app, pk=pk)
    if saved is None:
        raise Http404("No such saved request")
    services.saved_request_delete(saved=saved, actor=actor_of(request), ip=client_ip(request))
    messages.success(request, gettext("Deleted the saved request “{name}”.").format(name=saved.name))
    return redirect("playground:index", fs_id=app.fs_id)
