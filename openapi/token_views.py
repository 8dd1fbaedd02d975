"""POST /token (client credentials) and POST /token/introspect (RFC 7662)."""

from __future__ import annotations

import hmac
import json
import logging
import time
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils import timezone
from django.utils.translation import gettext_noop
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions
from rest_framework.parsers import FormParser
from rest_framework.request import Request
from rest_framework.views import APIView

from calllogs.recorder import record
from calllogs.recording import call_record
from console.lib.http import client_ip

from . import serializers
from .api import request_id_for
from .oauth import token_response
from .selectors import access_token_find

_NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}
_FORMS = ("", "application/x-www-form-urlencoded", "multipart/form-data")
log = logging.getLogger(__name__)


class _PlainView(APIView):
    """An APIView only so the OpenAPI document describes it: DRF's
    negotiation, authentication and throttling are skipped."""

    # Tokopedia's messages, in English whatever the caller's Accept-Language (accounts.middleware).
    always_english = True
    authentication_classes: list[Any] = []
    permission_classes: list[Any] = []
    throttle_classes: list[Any] = []
    parser_classes = [FormParser]

    @staticmethod
    def max_body_bytes() -> int:
        return int(settings.OPENAPI_MAX_BODY_BYTES)

    @classmethod
    def body_too_large(cls, request: HttpRequest, limit: int) -> HttpResponse:
        """Refused before the body is read (console/lib/body_limit.py), as RFC 6749's error JSON."""
        description = f"The request body is larger than {limit} bytes."
        response = JsonResponse({"error": "invalid_request", "error_description": description}, status=413)
        response["X-Request-Id"] = request_id_for(request)
        for name, value in _NO_STORE.items():
            response[name] = value
        return response

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        self.format_kwarg = None
        self.started_at = timezone.now()
        self.started = time.perf_counter()
        content_type = request.META.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
        if content_type not in _FORMS and request._request.body.strip():
            raise exceptions.UnsupportedMediaType(content_type, "Send the form as application/x-www-form-urlencoded.")
        try:
            request._request.POST  # noqa: B018 - parse now, so a broken form is the client's 400, not our 500
        except MultiPartParserError:
            raise exceptions.ParseError("The multipart form can't be read.") from None

    def handle_exception(self, exc: Exception) -> HttpResponse:  # type: ignore[override]
        # RFC 6749's error JSON for whatever goes wrong, never the framework's page.
        if isinstance(exc, exceptions.MethodNotAllowed):
            response = JsonResponse(
                {"error": "invalid_request", "error_description": f"Use {', '.join(self.allowed_methods)}."},
                status=405,
            )
            response["Allow"] = ", ".join(self.allowed_methods)
            return response
        if isinstance(exc, exceptions.APIException):
            return JsonResponse(
                {"error": "invalid_request", "error_description": str(exc.detail)}, status=exc.status_code
            )
        log.exception("Token endpoint failed")
        return JsonResponse({"error": "server_error", "error_description": "Please try again later."}, status=500)

    def finalize_response(  # type: ignore[override]
        self, request: Request, response: HttpResponse, *args: Any, **kwargs: Any
    ) -> HttpResponse:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[arg-type]
        response["X-Request-Id"] = request_id = request_id_for(request._request)
        for name, value in _NO_STORE.items():
            response[name] = value
        app = self.observed.get("app") if hasattr(self, "observed") else None
        if app is not None and hasattr(self, "started"):
            # Into the app's Log History: the issued token is redacted from the stored body.
            record(
                call_record(
                    request._request,
                    response,
                    app_id=app.pk,
                    at=self.started_at,
                    latency_ms=(time.perf_counter() - self.started) * 1000,
                    request_id=request_id,
                    error_code=_oauth_error(response),
                    client_ip=client_ip(request._request),
                )
            )
        return response


class TokenView(_PlainView):
    @extend_schema(
        operation_id="token",
        tags=["Authentication"],
        summary=gettext_noop("Get an access token (client credentials)"),
        description=gettext_noop(
            "Authenticate with `Authorization: Basic base64(client_id:client_secret)` (or `client_id` and "
            "`client_secret` in the form). `grant_type=client_credentials` may be in the query, as "
            "Tokopedia's clients send it, or in the form body, as RFC 6749 clients do."
        ),
        request={"application/x-www-form-urlencoded": serializers.TokenRequest},
        auth=[{"basicAuth": []}, {}],  # type: ignore[list-item]
        responses={
            200: serializers.TokenResponse,
            400: OpenApiResponse(serializers.OAuthError, description="invalid_request, unsupported_grant_type, ..."),
            401: OpenApiResponse(serializers.OAuthError, description="invalid_client"),
            415: OpenApiResponse(
                serializers.OAuthError, description=gettext_noop("invalid_request: the body isn't a form")
            ),
            429: OpenApiResponse(
                serializers.OAuthError,
                description=gettext_noop(
                    "temporarily_unavailable: too many failed authentications for this client id or IP"
                ),
            ),
        },
    )
    def post(self, request: Request) -> HttpResponse:
        self.observed: dict[str, Any] = {}
        headers, body, status = token_response(request._request, self.observed)
        response = HttpResponse(body, status=status, content_type="application/json")
        for name, value in headers.items():
            if name.lower() != "content-type":
                response[name] = value
        return response


class TokenSlashView(TokenView):
    """POST /token/ as well: some clients add the slash. Left out of the document (same operation)."""

    schema = None


class IntrospectView(_PlainView):
    @extend_schema(
        operation_id="token_introspect",
        tags=["Authentication"],
        summary=gettext_noop("Token introspection (RFC 7662), for an API gateway"),
        description=gettext_noop("Authenticate with `Authorization: Bearer <OPENAPI_INTROSPECTION_TOKEN>`."),
        request={"application/x-www-form-urlencoded": serializers.IntrospectionRequest},
        responses={
            200: serializers.IntrospectionResponse,
            400: OpenApiResponse(serializers.OAuthError, description="invalid_request"),
            401: OpenApiResponse(serializers.OAuthError, description="invalid_token"),
            415: OpenApiResponse(
                serializers.OAuthError, description=gettext_noop("invalid_request: the body isn't a form")
            ),
        },
    )
    def post(self, request: Request) -> HttpResponse:
        if not _gateway_authenticated(request._request):
            response = JsonResponse(
                {"error": "invalid_token", "error_description": "Gateway credential required."}, status=401
            )
            response["WWW-Authenticate"] = 'Bearer realm="Open API introspection", error="invalid_token"'
            return response
        token = request._request.POST.get("token", "")
        if not token:
            return JsonResponse({"error": "invalid_request", "error_description": "token is required."}, status=400)
        return JsonResponse(introspect(token))


def _oauth_error(response: HttpResponse) -> str:
    """RFC 6749's `error` of a refused token request, as its Log History error code."""
    if response.status_code < 400:
        return ""
    try:
        return str(json.loads(response.content).get("error", ""))[:64]
    except (ValueError, AttributeError):
        return ""


def _gateway_authenticated(request: HttpRequest) -> bool:
    expected: str = settings.OPENAPI_INTROSPECTION_TOKEN
    scheme, _, credential = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    # An empty setting switches introspection off rather than letting anyone in.
    return (
        bool(expected)
        and scheme.lower() == "bearer"
        and hmac.compare_digest(credential.strip().encode(), expected.encode())
    )


def introspect(token: str) -> dict[str, Any]:
    """RFC 7662's answer for a token: inactive unless unexpired, unrevoked and its app live."""
    row = access_token_find(token) if len(token) <= 256 else None
    if row is None or not row.is_active() or not row.app.is_live:
        return {"active": False}
    return {
        "active": True,
        "client_id": row.app.client_id,
        "exp": int(row.expires_at.timestamp()),
        "iat": int(row.created_at.timestamp()),
        "token_type": "Bearer",
        "fs_id": row.app.fs_id,
        "scope": row.scope,
    }


def bench_bare(request: HttpRequest) -> HttpResponse:
    """A bare JSON view for benchmarks/run.py: the floor the Open API is measured against."""
    if not settings.OPENAPI_BENCH_VIEW:
        return JsonResponse({"error": "not found"}, status=404)
    return JsonResponse({"ok": True, "time": time.time(), "now": timezone.now().isoformat()})
