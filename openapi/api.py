"""What every Open API endpoint shares: the Tokopedia envelope, bearer tokens,
the fs_id check, the app's rate limit and the X-Request-Id header.

Views subclass OpenApiView (a DRF APIView, so drf-spectacular documents them)
with DRF's own authentication, permission, throttling and content
negotiation switched off: one token lookup and one cache counter per call.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import time
import uuid
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse, QueryDict
from django.utils import timezone
from rest_framework import exceptions, serializers
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.views import APIView

from apps_mgmt.models import App
from calllogs.recorder import record
from calllogs.recording import call_record
from console.lib.http import client_ip
from shops.models import Shop

from . import ratelimit, selectors
from .models import AccessToken

log = logging.getLogger(__name__)

MAX_ID = 2**63 - 1
OK_MESSAGE = "Your request has been processed successfully"
ERROR_MESSAGE = "Your request has been processed, but there are some errors"
_SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


class ApiError(Exception):
    """An error answered in the envelope: status, Tokopedia-style error_code, reason."""

    def __init__(self, status: int, error_code: str, reason: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(reason)
        self.status, self.error_code, self.reason = status, error_code, reason
        self.headers = headers or {}


def unauthorized(error_code: str, reason: str) -> ApiError:
    challenge = f'Bearer realm="Open API", error="invalid_token", error_description="{reason}"'
    return ApiError(401, error_code, reason, {"WWW-Authenticate": challenge})


def shop_forbidden(shop_id: int) -> ApiError:
    return ApiError(403, "RBAC_MDLW_001", f"Shop {shop_id} is not linked to this app.")


def request_id_for(request: HttpRequest) -> str:
    """Echo the caller's X-Request-Id when it is safe to log and return; otherwise a new one."""
    incoming = request.META.get("HTTP_X_REQUEST_ID", "")
    return incoming if _SAFE_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex


def envelope(data: Any, *, started: float, status: int = 200, error_code: str = "", reason: str = "") -> JsonResponse:
    header = {
        "process_time": round(time.perf_counter() - started, 6),
        "messages": ERROR_MESSAGE if error_code else OK_MESSAGE,
        "reason": reason,
        "error_code": error_code,
    }
    response = JsonResponse({"header": header, "data": data}, status=status)
    response.error_code = error_code  # type: ignore[attr-defined]
    return response


def field_errors(detail: Any, prefix: str = "") -> list[str]:
    """DRF's nested error detail as `field: message` lines."""
    if isinstance(detail, dict):
        lines: list[str] = []
        for key, value in detail.items():
            name = prefix if key == "non_field_errors" else f"{prefix}{key}"
            lines += field_errors(value, f"{name}." if isinstance(value, dict) else name)
        return lines
    if isinstance(detail, list):
        return [line for item in detail for line in field_errors(item, prefix)]
    return [f"{prefix}: {detail}" if prefix else str(detail)]


@cache
def _validator(serializer_class: type[serializers.Serializer]) -> serializers.Serializer:
    return serializer_class()


def validated(serializer_class: type[serializers.Serializer], data: Any) -> dict[str, Any]:
    validator = _validator(serializer_class)
    if isinstance(data, QueryDict):
        # DRF reads an empty optional query value as absent; a client that
        # sends `?sku=` meant something, so say what is wrong with it.
        blank = [
            name
            for name, value in data.items()
            if value == "" and name in validator.fields and not getattr(validator.fields[name], "allow_blank", False)
        ]
        if blank:
            raise ApiError(400, "INVALID_PARAMETER", "; ".join(f"{name}: May not be blank." for name in blank))
    try:
        return dict(validator.run_validation(data))
    except exceptions.ValidationError as error:
        raise ApiError(400, "INVALID_PARAMETER", "; ".join(field_errors(error.detail))) from None


@dataclass(frozen=True)
class Caller:
    app: App
    token: AccessToken
    rate: ratelimit.Decision
    # The query's shop_id and that shop if actively linked to the app, read
    # with the token (one query instead of two); None when not asked for.
    shop_id: int | None = None
    shop: Shop | None = None


class OpenApiView(APIView):
    # Tokopedia's messages, in English whatever the caller's Accept-Language (accounts.middleware).
    always_english = True
    authentication_classes: list[Any] = []
    permission_classes: list[Any] = []
    throttle_classes: list[Any] = []
    # The document offers JSON bodies only, as Tokopedia's; json_body() reads
    # them whatever Content-Type they come with.
    parser_classes = [JSONParser]
    # The operation id in the OpenAPI document; also names the endpoint's rate limit.
    operation = ""
    # Where the app's fs_id comes from: the URL (fs_id) or the query (?fs_id=).
    fs_id_from_query = False
    # Whether the query may name a shop_id, read along with the token.
    shop_id_in_query = False

    @staticmethod
    def max_body_bytes() -> int:
        return int(settings.OPENAPI_MAX_BODY_BYTES)

    @classmethod
    def body_too_large(cls, request: HttpRequest, limit: int) -> HttpResponse:
        """Refused before the body is read (console/lib/body_limit.py), in the envelope."""
        reason = f"The request body is larger than {limit} bytes."
        return envelope(None, started=time.perf_counter(), status=413, error_code="PAYLOAD_TOO_LARGE", reason=reason)

    caller: Caller
    started: float
    request_id: str

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.started = time.perf_counter()
        self.started_at = timezone.now()
        self.request_id = request_id_for(request)
        self.caller_rate: ratelimit.Decision | None = None
        # The app whose token the call carried, once known (even if the call is then refused): its Log History.
        self.called_app: App | None = None
        self.error_code = ""  # the answer's error_code, for whoever observes the finished call
        return super().dispatch(request, *args, **kwargs)

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        # Skips DRF's content negotiation, versioning, authentication and
        # throttles on purpose: answers are always JSON, and the bearer
        # check plus rate limit below are the whole of access control.
        self.format_kwarg = None
        if request._request.method in ("POST", "PUT", "PATCH"):
            # Read (and keep) the body now, so Log History can show it whichever way the view parses it.
            with contextlib.suppress(RequestDataTooBig):
                request._request.body  # noqa: B018
        raw_fs_id = request.query_params.get("fs_id") if self.fs_id_from_query else kwargs.get("fs_id")
        self.caller = self.authenticate(request, raw_fs_id)

    def authenticate(self, request: Request, raw_fs_id: str | None) -> Caller:
        scheme, _, credential = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
        credential = credential.strip()
        if scheme.lower() != "bearer" or not credential:
            raise unauthorized("AUTH_TOKEN_MISSING", "Send the access token as 'Authorization: Bearer <token>'.")
        shop_id = self.shop_id_hint(request) if self.shop_id_in_query else None
        token, shop = None, None
        if len(credential) <= 256:
            if shop_id is None:
                token = selectors.access_token_find(credential)
            else:
                token, shop = selectors.access_token_find_with_shop(credential, shop_id)
        if token is None:
            raise unauthorized("AUTH_TOKEN_INVALID", "The access token is unknown or revoked; get a new one.")
        app = token.app
        # Said before "revoked": a suspension revokes the app's tokens, and its holder should learn why.
        if not app.is_live:
            raise unauthorized("AUTH_APP_SUSPENDED", "This app is suspended or deleted.")
        if token.revoked_at is not None:
            raise unauthorized("AUTH_TOKEN_INVALID", "The access token is unknown or revoked; get a new one.")
        self.called_app = token.app
        if token.expires_at <= timezone.now():
            raise unauthorized("AUTH_TOKEN_EXPIRED", "The access token has expired; get a new one from /token.")
        fs_id = self.parse_fs_id(raw_fs_id)
        if fs_id != app.fs_id:
            raise unauthorized("AUTH_FS_ID_MISMATCH", f"The access token is not valid for fs_id {fs_id}.")
        ip = client_ip(request)
        if not app.ip_allowed(ip):
            raise ApiError(403, "AUTH_IP_NOT_ALLOWED", f"Client IP {ip} is not in this app's IP whitelist.")
        rate = ratelimit.hit(f"{app.pk}:{self.operation}", ratelimit.policy_for(self.operation))
        self.caller_rate = rate
        if not rate.allowed:
            raise ApiError(
                429,
                "RATE_LIMIT_EXCEEDED",
                f"Over this app's limit of {rate.policy.header()} on this endpoint; retry in {rate.reset_after:.3f} s.",
                {"Retry-After": str(ratelimit.retry_seconds(rate))},
            )
        return Caller(app=app, token=token, rate=rate, shop_id=shop_id, shop=shop)

    @staticmethod
    def shop_id_hint(request: Request) -> int | None:
        """The query's shop_id when it looks like one; the view's serializer still validates it."""
        raw = request.query_params.get("shop_id", "")
        return int(raw) if raw.isascii() and raw.isdigit() and 0 < len(raw) <= 18 else None

    def linked_shop(self, shop_id: int) -> Shop | None:
        """The catalogue shop `shop_id` if it is actively linked to the caller's app."""
        if shop_id == self.caller.shop_id:
            return self.caller.shop
        return selectors.app_shop(self.caller.app, shop_id)

    @staticmethod
    def parse_fs_id(raw: str | None) -> int:
        if raw is None or raw == "":
            raise ApiError(400, "INVALID_PARAMETER", "fs_id: This field is required.")
        if not raw.isascii() or not raw.isdigit() or len(raw) > 19 or not 1 <= int(raw) <= MAX_ID:
            raise ApiError(400, "INVALID_PARAMETER", "fs_id: A valid positive integer is required.")
        return int(raw)

    def handle_exception(self, exc: Exception) -> HttpResponse:  # type: ignore[override]
        response = self._error_response(exc)
        self.error_code = getattr(response, "error_code", "")
        return response

    def _error_response(self, exc: Exception) -> HttpResponse:
        if isinstance(exc, ApiError):
            response = envelope(
                None, started=self.started, status=exc.status, error_code=exc.error_code, reason=exc.reason
            )
            for name, value in exc.headers.items():
                response[name] = value
            return response
        if isinstance(exc, exceptions.ValidationError):
            reason = "; ".join(field_errors(exc.detail))
            return envelope(None, started=self.started, status=400, error_code="INVALID_PARAMETER", reason=reason)
        if isinstance(exc, Http404):
            return envelope(None, started=self.started, status=404, error_code="NOT_FOUND", reason=str(exc))
        if isinstance(exc, exceptions.APIException):
            code = str(exc.default_code).upper()
            response = envelope(
                None, started=self.started, status=exc.status_code, error_code=code, reason=str(exc.detail)
            )
            if isinstance(exc, exceptions.MethodNotAllowed):
                response["Allow"] = ", ".join(self.allowed_methods)
            return response
        # Anything else is a bug or an outage: log it, and answer in the
        # envelope a client can parse rather than the console's HTML page.
        log.exception("Open API call failed: %s %s", self.request.method, self.request.path)
        return envelope(
            None, started=self.started, status=500, error_code="INTERNAL_ERROR", reason="Please try again later."
        )

    def finalize_response(  # type: ignore[override]
        self, request: Request, response: HttpResponse, *args: Any, **kwargs: Any
    ) -> HttpResponse:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[arg-type]
        # Every call ends here, whatever its outcome: the place to observe it.
        response["X-Request-Id"] = self.request_id
        if self.caller_rate is not None:
            for name, value in self.caller_rate.headers().items():
                response[name] = value
        if self.called_app is not None:
            self.record_call(request, response)
        return response

    def record_call(self, request: Request, response: HttpResponse) -> None:
        """Into the app's Log History (buffered: calllogs/recorder.py), with the X-Request-Id answered."""
        caller = getattr(self, "caller", None)
        shop_id = caller.shop_id if caller is not None else None
        if shop_id is None and self.shop_id_in_query:
            shop_id = self.shop_id_hint(request)
        assert self.called_app is not None
        record(
            call_record(
                request._request,
                response,
                app_id=self.called_app.pk,
                at=self.started_at,
                latency_ms=(time.perf_counter() - self.started) * 1000,
                request_id=self.request_id,
                error_code=self.error_code,
                shop_id=shop_id,
                client_ip=client_ip(request._request),
            )
        )

    def ok(self, data: Any) -> JsonResponse:
        return envelope(data, started=self.started)

    def json_body(self, request: Request) -> Any:
        """The request body as JSON, whatever Content-Type it came with (some
        Tokopedia clients send JSON as text/plain or with none); None if empty."""
        raw = request._request.body
        if not raw.strip():
            return None
        try:
            return json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            raise ApiError(400, "INVALID_PARAMETER", "body: Send a JSON document.") from None


def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Unknown paths under the Open API's prefixes: a 404 in the envelope, not the console's page."""
    started = time.perf_counter()
    response = envelope(
        None, started=started, status=404, error_code="NOT_FOUND", reason=f"No endpoint at {request.path}."
    )
    response["X-Request-Id"] = request_id_for(request)
    return response
