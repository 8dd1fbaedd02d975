"""POST /token: the OAuth2 client-credentials grant, on oauthlib.

oauthlib is the engine of django-oauth-toolkit; we use it directly rather than
through DOT because DOT would need its own Application model mirroring App
(with PBKDF2-hashed secrets, slow on every token request) and it keeps the
token itself in its AccessToken table. Here clients authenticate against
App.check_secret (keyed HMAC, constant-time) and tokens are stored as SHA-256
digests in openapi.AccessToken. oauthlib still does the protocol: grant
routing, parameter checks and RFC 6749 error responses.
"""

from __future__ import annotations

import base64
import binascii
import logging
from typing import Any
from urllib.parse import unquote_plus, urlencode

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from oauthlib.common import Request as OAuthRequest
from oauthlib.oauth2 import BackendApplicationServer, RequestValidator
from oauthlib.oauth2.rfc6749 import errors

from apps_mgmt.models import App
from console.lib.http import client_ip

from . import fastpath, services
from .services import access_token_issue

log = logging.getLogger(__name__)

DEFAULT_SCOPES = ["open_api"]


class AppSuspended(errors.InvalidClientError):
    description = "This app is suspended or deleted; its credentials no longer work."


class IpNotAllowed(errors.UnauthorizedClientError):
    def __init__(self, ip: str, request: OAuthRequest) -> None:
        super().__init__(description=f"Client IP {ip} is not in this app's IP whitelist.", request=request)


class TooManyFailures(errors.OAuth2Error):
    """Past OPENAPI_TOKEN_FAILURES failed authentications for this client id or IP: wait."""

    error = "temporarily_unavailable"
    status_code = 429

    def __init__(self, wait: int, request: OAuthRequest) -> None:
        self.wait = wait
        super().__init__(description=f"Too many failed client authentications; try again in {wait} s.", request=request)

    @property
    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.wait)}


def _basic_credentials(header: str) -> tuple[str, str] | None:
    """client_id and secret from `Basic base64(id:secret)`; None when absent or malformed.

    RFC 6749 2.3.1 form-encodes both before base64; Tokopedia's clients don't.
    Our ids and secrets contain no characters that encoding changes, so
    decoding is harmless either way.
    """
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "basic" or not value.strip():
        return None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    client_id, sep, secret = decoded.partition(":")
    if not sep:
        return None
    return unquote_plus(client_id), unquote_plus(secret)


class AppValidator(RequestValidator):
    """Authenticates clients as apps (apps_mgmt.App) and stores tokens hashed."""

    def authenticate_client(self, request: OAuthRequest, *args: Any, **kwargs: Any) -> bool:
        credentials = _basic_credentials(request.headers.get("Authorization", ""))
        if credentials is None and "Authorization" not in request.headers:
            # RFC 6749 also allows the credentials in the form body.
            credentials = (request.client_id or "", request.client_secret or "")
        if credentials is None or not credentials[0] or not credentials[1]:
            return False
        client_id, secret = credentials
        ip: str = request.extra_credentials["client_ip"]
        # Failures are counted per client id and per IP (in the database, see
        # fastpath.failures_count). Past the limit every answer is 429, right
        # secret or not, so a guess can't be confirmed: the token INSERT
        # checks the limit itself, and the answers that would tell a right
        # secret apart (suspended, outside the whitelist) check it first.
        subjects = (f"client:{client_id[:64]}", f"ip:{ip}")
        request.failure_subjects = subjects
        app = fastpath.app_by_client_id(client_id) if len(client_id) <= 64 and len(secret) <= 256 else None
        if app is not None:
            # The app whose Client ID this is, for its Log History (refused requests too).
            request.extra_credentials["observed"]["app"] = app
        now = timezone.now()
        if app is None or not app.check_secret(secret):
            if fastpath.failures_count(subjects, now=now) > settings.OPENAPI_TOKEN_FAILURES:
                raise TooManyFailures(fastpath.failures_wait(subjects, now=now), request)
            return False
        if not app.is_live or not app.ip_allowed(ip):
            wait = fastpath.failures_wait(subjects, now=now)
            if wait:
                raise TooManyFailures(wait, request)
            if not app.is_live:
                raise AppSuspended(request=request)
            # Only after the secret: outside the whitelist, a known client with
            # a wrong secret looks like an unknown one (401), not like this.
            raise IpNotAllowed(ip, request)
        request.client = app
        request.client_id = app.client_id
        return True

    def validate_grant_type(
        self, client_id: str, grant_type: str, client: App, request: OAuthRequest, *args: Any, **kwargs: Any
    ) -> bool:
        return grant_type == "client_credentials"

    def get_default_scopes(self, client_id: str, request: OAuthRequest, *args: Any, **kwargs: Any) -> list[str]:
        return DEFAULT_SCOPES

    def validate_scopes(
        self, client_id: str, scopes: list[str], client: App, request: OAuthRequest, *args: Any, **kwargs: Any
    ) -> bool:
        return set(scopes) <= set(DEFAULT_SCOPES)

    def save_bearer_token(self, token: dict[str, Any], request: OAuthRequest, *args: Any, **kwargs: Any) -> None:
        # The token generator below already stored the digest; nothing to add.
        return None


def _generate_token(request: OAuthRequest) -> str:
    try:
        issued = access_token_issue(
            app=request.client,
            scope=" ".join(request.scopes or []),
            client_ip=request.extra_credentials["client_ip"],
            subjects=request.failure_subjects,
        )
    except services.TooManyFailures:
        raise TooManyFailures(fastpath.failures_wait(request.failure_subjects, now=timezone.now()), request) from None
    return issued.token


def _tokopedia_fields(token: dict[str, Any], *args: Any, **kwargs: Any) -> dict[str, Any]:
    # Tokopedia's response has exactly access_token, expires_in, token_type;
    # oauthlib also copies in the "extra credentials" (our client IP).
    token.pop("scope", None)
    token.pop("client_ip", None)
    token.pop("observed", None)
    return token


def _expires_in(request: OAuthRequest) -> int:
    return int(settings.OPENAPI_TOKEN_TTL)


_server = BackendApplicationServer(AppValidator(), token_generator=_generate_token, token_expires_in=_expires_in)
_server.grant_types["client_credentials"].register_token_modifier(_tokopedia_fields)


def token_response(request: HttpRequest, observed: dict[str, Any] | None = None) -> tuple[dict[str, str], str, int]:
    """Run the grant for a Django request; (headers, JSON body, status).

    `observed["app"]` is set to the app whose Client ID was presented, when there is one."""
    # Django has already parsed urlencoded or multipart forms; oauthlib gets
    # them re-encoded (duplicates kept: oauthlib refuses a repeated grant_type).
    form = [(key, value) for key, values in request.POST.lists() for value in values]
    # Tokopedia's clients send ?grant_type=client_credentials on a POST, which
    # oauthlib refuses (RFC 6749 wants the form body): move the query's
    # parameters into the body unless the body already has them.
    form += [(key, value) for key, values in request.GET.lists() if key not in request.POST for value in values]
    body = urlencode(form)
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if "HTTP_AUTHORIZATION" in request.META:
        headers["Authorization"] = request.META["HTTP_AUTHORIZATION"]
    # oauthlib passes these keyword arguments to every validator call as
    # attributes of its Request: the client IP for the whitelist.
    try:
        response_headers, response_body, status = _server.create_token_response(
            request.path,
            http_method="POST",
            body=body,
            headers=headers,
            credentials={"client_ip": client_ip(request), "observed": observed if observed is not None else {}},
        )
    except errors.OAuth2Error as error:
        response_headers, response_body, status = error.headers, error.json, error.status_code
    if status == 401:
        # RFC 6749 5.2: answer a failed client authentication with the scheme
        # the client should use (oauthlib writes a Bearer challenge).
        response_headers["WWW-Authenticate"] = 'Basic realm="Open API", charset="UTF-8"'
    return dict(response_headers), response_body, status
