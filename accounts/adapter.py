"""allauth hooks: account emails leave through the outbox like every other email, and
allauth reads the client's address as every other part of the console does."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.http import HttpRequest
from django.utils import timezone, translation

from console.lib.http import client_ip
from console.lib.mail import queue_message

from .locale import zone
from .models import User
from .signals import sign_in_refused


@dataclass(frozen=True)
class _Site:
    """What allauth's email templates read as `current_site`."""

    name: str
    domain: str


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        # allauth's context holds the request and the user, which can't cross
        # to a worker: render here, send there. Its templates greet with the
        # site's name ("Hello from …!"): the console's name, and the host served.
        # In the recipient's saved language when they have one, else the page's.
        request = allauth_context.request
        host = request.get_host() if request is not None else urlsplit(settings.SITE_URL).netloc
        context = {"email": email, "current_site": _Site(settings.PLATFORM_NAME, host), **context}
        user = User.objects.filter(email__iexact=email).only("language", "time_zone").first()
        language = (user.language if user else "") or translation.get_language() or settings.LANGUAGE_CODE
        with translation.override(language), timezone.override(zone(user.time_zone if user else "")):
            message = self.render_mail(template_prefix, email, context)
        html = None
        if isinstance(message, EmailMultiAlternatives):
            html = next((body for body, mime in message.alternatives if mime == "text/html"), None)
        queue_message(
            subject=str(message.subject), text=str(message.body), html=str(html) if html else None, to=list(message.to)
        )

    def get_client_ip(self, request: HttpRequest) -> str:
        # Sign-in limits key on this address: behind the load balancer it is the
        # client's (NUM_PROXIES), not the balancer's, or one address would lock out all.
        return client_ip(request)

    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        # A new account keeps the language it signed up in: its emails use it.
        user.language = translation.get_language() or ""
        return super().save_user(request, user, form, commit)

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            self._refused(request, credentials, "too_many_attempts")
            raise

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        self._refused(request, credentials, "wrong_password")

    def _refused(self, request: HttpRequest, credentials: dict[str, Any], reason: str) -> None:
        email = str(credentials.get("email") or "").strip().lower()
        if email:
            sign_in_refused.send(sender=type(self), request=request, email=email, reason=reason)
