"""Behind a proxy every component reads the client's address the same way (NUM_PROXIES)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"  # the load balancer: every request reaches the console from it


def _sign_in(client: Client, email: str, password: str, address: str):
    return client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=address,
    )


def test_one_addresss_failed_sign_ins_dont_lock_out_another_behind_the_proxy(settings) -> None:
    settings.NUM_PROXIES = 1
    UserFactory(email="alice@acme.co.id")
    attacker = Client()
    for n in range(12):
        _sign_in(attacker, f"nobody{n}@example.com", "wrong-password-1", "203.0.113.9")
    response = _sign_in(Client(), "alice@acme.co.id", PASSWORD, "198.51.100.7")
    assert response.status_code == 302
    # The attacker's own address is the one limited.
    refused = _sign_in(attacker, "alice@acme.co.id", PASSWORD, "203.0.113.9")
    assert refused.status_code == 200 and b"Too many failed login attempts" in refused.content


def test_without_proxies_the_forwarded_header_is_ignored(settings) -> None:
    settings.NUM_PROXIES = 0
    UserFactory(email="alice@acme.co.id")
    for n in range(12):
        _sign_in(Client(), f"nobody{n}@example.com", "wrong-password-1", f"203.0.113.{n}")
    # All came from one address (the header is the client's own words): it is limited.
    refused = _sign_in(Client(), "alice@acme.co.id", PASSWORD, "198.51.100.7")
    assert b"Too many failed login attempts" in refused.content
