from __future__ import annotations

import re

import pytest
from django.test import Client

from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_it_serves_a_styled_404_with_a_way_back(client: Client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b"/static/css/console.css" in response.content


def test_every_page_carries_a_strict_content_security_policy(client: Client) -> None:
    policy = client.get("/accounts/login/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_the_dashboard_needs_a_signed_in_user(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_staff_admin_is_closed_to_partners(client: Client) -> None:
    client.force_login(UserFactory())
    response = client.get("/staff/admin/")
    assert response.status_code == 302
    assert "/staff/admin/login/" in response["Location"]


def test_pages_load_nothing_from_another_origin(client: Client) -> None:
    client.force_login(UserFactory())
    html = client.get("/").content.decode()
    # Links may lead elsewhere (the support desk); nothing the page loads may come from there.
    loaded = re.findall(r'<(?:script|img|iframe)\b[^>]*\bsrc="([^"]*)"|<link\b[^>]*\bhref="([^"]*)"', html)
    assert loaded and all(not (src or href).startswith(("http:", "https:", "//")) for src, href in loaded)
