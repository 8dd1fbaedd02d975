from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from apps_mgmt.models import App
from apps_mgmt.services import AppLimitReached, app_create
from apps_mgmt.tests.factories import issue_app
from audit.models import AuditEvent
from partners.models import Partner
from partners.tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def test_it_stores_the_secret_only_as_a_keyed_hash() -> None:
    issued = issue_app()
    app = App.objects.get(pk=issued.app.pk)
    assert issued.client_secret not in (app.secret_digest, app.secret_hint)
    assert len(app.secret_digest) == 64
    assert app.check_secret(issued.client_secret)
    assert not app.check_secret(issued.client_secret + "x")
    assert app.masked_secret.endswith(issued.client_secret[-4:])


def test_the_previous_secret_works_only_inside_its_grace_window() -> None:
    old = issue_app()
    app = old.app
    app.previous_secret_digest = app.secret_digest
    app.previous_secret_expires_at = timezone.now() + timedelta(hours=1)
    app.set_secret("a-new-secret-value")
    assert app.check_secret(old.client_secret)
    assert app.check_secret("a-new-secret-value")
    assert not app.check_secret(old.client_secret, now=timezone.now() + timedelta(hours=2))


@pytest.mark.parametrize(
    ("whitelist", "ip", "allowed"),
    [
        ([], "203.0.113.9", True),
        (["203.0.113.0/24"], "203.0.113.9", True),
        (["203.0.113.0/24"], "198.51.100.1", False),
        (["2001:db8::/32"], "2001:db8::1", True),
        (["198.51.100.7"], "2001:db8::1", False),
        (["198.51.100.7"], None, False),
    ],
)
def test_the_ip_whitelist_admits_listed_addresses_and_ranges(
    whitelist: list[str], ip: str | None, allowed: bool
) -> None:
    app = App(ip_whitelist=whitelist)
    assert app.ip_allowed(ip) is allowed


def test_it_refuses_a_sixth_live_app() -> None:
    alice = PartnerFactory(status=Partner.Status.ACTIVE)
    for n in range(5):
        issue_app(alice, name=f"App {n}")
    with pytest.raises(AppLimitReached, match="at most 5 live apps"):
        app_create(partner=alice, name="Sixth", description="", actor=alice.super_admin)
    assert AuditEvent.objects.filter(action="app.create", partner=alice).count() == 5
