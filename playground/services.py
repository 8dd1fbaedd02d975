"""Every write of the API Playground: sending a request, saving one for the team, deleting a saved one."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from accounts.models import User
from apps_mgmt.models import App
from audit.services import audit_record
from console.lib.errors import DomainError
from openapi.services import access_token_issue
from partners.permissions import member_authorize
from partners.roles import Permission

from .dispatch import Answer, open_api_call
from .forms import Prepared
from .models import PlaygroundCall, SavedRequest
from .selectors import HISTORY_SIZE

log = logging.getLogger(__name__)

MAX_STORED_BODY = 256 * 1024
_TOKEN_REFUSED = (b'"AUTH_TOKEN_INVALID"', b'"AUTH_TOKEN_EXPIRED"')


@dataclass(frozen=True)
class Origin:
    """Where the member's page was served: the in-process call gets the same host and scheme, and their IP."""

    host: str
    scheme: str
    ip: str


def _token_key(app: App) -> str:
    return f"playground:token:{app.pk}"


def _playground_token(app: App, *, fresh: bool = False) -> str:
    """A bearer token for the app's playground calls, issued by the console itself.

    The Client Secret is stored hashed, so the console can't send it to
    POST /token; it issues the token POST /token would, for the member it has
    already authorised. Kept in the cache (server-side) a little less long than
    it lives, so each call doesn't add a token; it never reaches the browser.
    """
    key = _token_key(app)
    if not fresh:
        try:
            kept = cache.get(key)
        except Exception:  # noqa: BLE001 - a cache outage costs one more token, not the call
            kept = None
        if kept:
            return str(kept)
    ttl = settings.PLAYGROUND_TOKEN_TTL
    token = access_token_issue(app=app, scope="playground", ttl=ttl).token
    try:
        cache.set(key, token, timeout=max(ttl - 300, ttl // 2))
    except Exception:  # noqa: BLE001 - as above
        log.warning("Could not keep the playground token of app %s in the cache", app.pk)
    return token


def _mask(token: str) -> str:
    return f"Bearer ••••••••{token[-4:]}"


def _send(app: App, prepared: Prepared, origin: Origin, request_id: str, token: str) -> Answer:
    headers = {"Authorization": f"Bearer {token}", "X-Request-Id": request_id}
    if prepared.body is not None:
        headers["Content-Type"] = "application/json"
    return open_api_call(
        method=prepared.endpoint.method,
        url=prepared.url,
        headers=headers,
        body=(prepared.body or "").encode(),
        host=origin.host,
        scheme=origin.scheme,
        remote_addr=origin.ip,
    )


def playground_send(*, app: App, actor: User, prepared: Prepared, origin: Origin) -> PlaygroundCall:
    """Call the Open API as the app, keep the exchange in the member's history, and audit it.

    The call goes through the Open API's own view in this process
    (dispatch.py): it counts against the app's rate limit and is recorded
    like any other. An answer is kept whatever it says; an error is the API's.
    """
    member_authorize(actor=actor, partner=app.partner, need=Permission.USE_PLAYGROUND)
    request_id = uuid.uuid4().hex
    token = _playground_token(app)
    answer = _send(app, prepared, origin, request_id, token)
    if answer.status == 401 and any(code in answer.body for code in _TOKEN_REFUSED):
        # The kept token was revoked or outlived: one more try with a new one.
        token = _playground_token(app, fresh=True)
        answer = _send(app, prepared, origin, request_id, token)
    request_headers = [["Authorization", _mask(token)], ["X-Request-Id", request_id]]
    if prepared.body is not None:
        request_headers.append(["Content-Type", "application/json"])
    body = answer.body[:MAX_STORED_BODY].decode("utf-8", errors="replace")
    with transaction.atomic():
        call = PlaygroundCall.objects.create(
            app=app,
            user=actor,
            operation=prepared.endpoint.operation,
            method=prepared.endpoint.method,
            url=prepared.url,
            values=prepared.values,
            body=prepared.body or "",
            request_headers=request_headers,
            status=answer.status,
            latency_ms=round(answer.latency_ms, 2),
            request_id=dict(answer.headers).get("X-Request-Id", request_id),
            response_headers=[list(pair) for pair in answer.headers],
            response_body=body,
            response_truncated=len(answer.body) > MAX_STORED_BODY,
        )
        audit_record(
            actor=actor,
            action="playground.send",
            target=app,
            partner=app.partner,
            data={"method": call.method, "url": call.url, "status": call.status, "request_id": call.request_id},
            ip=origin.ip,
        )
        _history_prune(app=app, user=actor)
    return call


def _history_prune(*, app: App, user: User) -> None:
    """Keep the member's last HISTORY_SIZE calls of the app."""
    old = list(
        PlaygroundCall.objects.filter(app=app, user=user).values_list("pk", flat=True)[
            HISTORY_SIZE : HISTORY_SIZE + 100
        ]
    )
    if old:
        PlaygroundCall.objects.filter(pk__in=old).delete()


class SavedRequestInvalid(DomainError):
    pass


def saved_request_create(
    *, app: App, actor: User, name: str, prepared: Prepared, ip: str | None = None
) -> SavedRequest:
    """Save a request the schema accepts under a name, for every member of the partner."""
    member_authorize(actor=actor, partner=app.partner, need=Permission.USE_PLAYGROUND)
    name = name.strip()
    if not name:
        raise SavedRequestInvalid(gettext("Give the request a name."))
    try:
        with transaction.atomic():
            saved = SavedRequest.objects.create(
                app=app,
                name=name[:100],
                operation=prepared.endpoint.operation,
                values=prepared.values,
                body=prepared.body or "",
                created_by=actor,
            )
            audit_record(
                actor=actor,
                action="playground.saved_request_create",
                target=app,
                partner=app.partner,
                data={"name": saved.name, "operation": saved.operation},
                ip=ip,
            )
    except IntegrityError:
        raise SavedRequestInvalid(
            gettext("A saved request of this app is already named “{name}”.").format(name=name)
        ) from None
    return saved


def saved_request_delete(*, saved: SavedRequest, actor: User, ip: str | None = None) -> None:
    app = saved.app
    member_authorize(actor=actor, partner=app.partner, need=Permission.USE_PLAYGROUND)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="playground.saved_request_delete",
            target=app,
            partner=app.partner,
            data={"name": saved.name, "operation": saved.operation},
            ip=ip,
        )
        saved.delete()
