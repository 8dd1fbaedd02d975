"""The SSRF guard refuses what may not receive webhooks, before any connection.

Names are answered by a resolver stub at the DNS layer (socket.getaddrinfo);
nothing else is stubbed, and nothing is sent anywhere but loopback.
"""

from __future__ import annotations

import socket
from typing import Any

import pytest

from webhooks import sender, targets

REAL_GETADDRINFO = socket.getaddrinfo
NAMES = {"intranet.example.com": "10.1.2.3", "shop.example.com": "93.184.216.34", "meta.example.com": "169.254.169.254"}


@pytest.fixture(autouse=True)
def dns(monkeypatch: pytest.MonkeyPatch, settings: Any) -> None:
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = False

    def stub(host: str, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host in NAMES:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (NAMES[host], port))]
        if host.endswith(".invalid"):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return REAL_GETADDRINFO(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", stub)


@pytest.mark.parametrize(
    ("url", "rule"),
    [
        ("ftp://shop.example.com/hook", "http:// or https://"),
        ("https:///hook", "no host"),
        ("not a url", "http:// or https://"),
        ("https://user:pw@shop.example.com/", "user name or password"),
        ("http://127.0.0.1:8000/hook", "loopback"),
        ("http://[::1]/hook", "loopback"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://meta.example.com/", "link-local"),
        ("https://intranet.example.com/hook", "10.1.2.3 (intranet.example.com resolves to it) is a private address"),
        ("http://192.168.1.10/", "private"),
        ("http://[::ffff:10.0.0.1]/", "private"),
        ("http://0.0.0.0/", "unspecified"),
        ("https://nowhere.invalid/hook", "could not be resolved"),
    ],
)
def test_it_refuses_a_url_naming_the_rule(url: str, rule: str) -> None:
    with pytest.raises(targets.TargetRefused) as refused:
        targets.check(url)
    assert rule in str(refused.value)


def test_it_accepts_a_public_https_url_and_keeps_the_host_for_tls() -> None:
    target, addresses = targets.check("https://shop.example.com/v1/order/status?x=1")
    assert [str(address) for address in addresses] == ["93.184.216.34"]
    assert (target.host, target.port, target.path, target.host_header) == (
        "shop.example.com",
        443,
        "/v1/order/status?x=1",
        "shop.example.com",
    )


def test_the_sender_refuses_before_connecting() -> None:
    answer = sender.post("http://intranet.example.com/hook", b"{}", {})
    assert answer.status is None
    assert "private address" in answer.error


def test_private_targets_are_allowed_when_the_setting_says_so(settings: Any) -> None:
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True
    _, addresses = targets.check("http://127.0.0.1:9/hook")
    assert str(addresses[0]) == "127.0.0.1"
