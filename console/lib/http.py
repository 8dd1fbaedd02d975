"""Request helpers shared by the apps."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The caller's IP address, trusting only NUM_PROXIES hops of X-Forwarded-For.

    Each proxy appends the address it received the request from, so the
    client is the entry NUM_PROXIES places from the right; anything further
    left was written by the client and can't be trusted.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    hops = settings.NUM_PROXIES
    if hops <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) >= hops:
        return forwarded[-hops]
    return remote
