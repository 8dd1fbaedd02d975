"""Where a webhook may go (SSRF guard).

A URL must be http(s) with a host, and every address the host resolves to
must be a global one: not private, loopback, link-local (which holds cloud
metadata at 169.254.169.254), shared, multicast or reserved. The sender then
connects to an address checked here, never resolving the name a second
time, so a name that changes its answer between check and connect (DNS
rebinding) gets nowhere. WEBHOOK_ALLOW_PRIVATE_TARGETS lifts the address rule
for development and tests.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext

from console.lib.errors import DomainError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class TargetRefused(DomainError):
    """A webhook URL that may not be used; the message names the rule."""


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str  # without brackets for IPv6
    port: int
    path: str  # path and query, as sent in the request line
    host_header: str


def parse(url: str) -> Target:
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise TargetRefused(gettext("{url!r} is not a valid URL.").format(url=url)) from None
    if parts.scheme not in {"http", "https"}:
        raise TargetRefused(gettext("Use an http:// or https:// URL."))
    if not parts.hostname:
        raise TargetRefused(gettext("The URL has no host name."))
    if parts.username or parts.password:
        raise TargetRefused(
            gettext("Don't put a user name or password in the URL; verify deliveries by their signature.")
        )
    if any(ch.isspace() for ch in url):
        raise TargetRefused(gettext("The URL contains spaces."))
    default = 443 if parts.scheme == "https" else 80
    port = port or default
    host = parts.hostname
    shown = f"[{host}]" if ":" in host else host
    return Target(
        scheme=parts.scheme,
        host=host,
        port=port,
        path=(parts.path or "/") + (f"?{parts.query}" if parts.query else ""),
        host_header=shown if port == default else f"{shown}:{port}",
    )


def refusal(address: IPAddress) -> str | None:
    """Why an address may not receive webhooks, or None when it may."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_unspecified:
        return gettext("is unspecified (0.0.0.0 or ::)")
    if address.is_loopback:
        return gettext("is a loopback address")
    if address.is_link_local:
        return gettext("is link-local (this includes cloud metadata such as 169.254.169.254)")
    if address.is_multicast:
        return gettext("is a multicast address")
    if address.is_private:
        return gettext("is a private address")
    if not address.is_global:
        return gettext("is not a public internet address")
    return None


def resolve(target: Target) -> list[IPAddress]:
    """The host's addresses, each checked; refused when any may not be used."""
    try:
        infos = socket.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise TargetRefused(gettext("The host {host} could not be resolved.").format(host=target.host)) from None
    addresses: list[IPAddress] = []
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise TargetRefused(gettext("The host {host} has no address.").format(host=target.host))
    if not settings.WEBHOOK_ALLOW_PRIVATE_TARGETS:
        for address in addresses:
            why = refusal(address)
            if why:
                named = (
                    "" if target.host == str(address) else gettext(" ({host} resolves to it)").format(host=target.host)
                )
                raise TargetRefused(
                    gettext("{address}{named} {why}; webhooks go only to public addresses.").format(
                        address=address, named=named, why=why
                    )
                )
    return addresses


def check(url: str) -> tuple[Target, list[IPAddress]]:
    """Parse and resolve `url`, refusing it with a message that names the rule."""
    target = parse(url)
    return target, resolve(target)
