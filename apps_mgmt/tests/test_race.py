"""The five-app limit holds in the database under concurrent requests (PostgreSQL)."""

from __future__ import annotations

import contextlib
import threading

import pytest
from django.db import connection

from apps_mgmt.models import App
from apps_mgmt.services import AppLimitReached, app_create
from partners.models import Partner
from partners.tests.factories import PartnerFactory

pytestmark = pytest.mark.postgres


def test_twenty_simultaneous_creates_leave_exactly_five_live_apps(postgres: None, transactional_db: None) -> None:
    alice = PartnerFactory(status=Partner.Status.ACTIVE)
    barrier = threading.Barrier(20)
    outcomes: list[str] = []
    lock = threading.Lock()

    def create(n: int) -> None:
        try:
            barrier.wait()
            try:
                app_create(partner=alice, name=f"Racer {n}", description="", actor=alice.super_admin)
                result = "created"
            except AppLimitReached:
                result = "refused"
            with lock:
                outcomes.append(result)
        finally:
            connection.close()

    threads = [threading.Thread(target=create, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes).count("created") == 5
    assert outcomes.count("refused") == 15
    assert App.objects.filter(partner=alice, status=App.Status.LIVE).count() == 5


def test_thirty_simultaneous_wrong_imports_get_no_more_checks_than_the_limit(
    postgres: None, transactional_db: None, settings
) -> None:
    from apps_mgmt.services import ImportRefused, app_import, legacy_app_save
    from audit.models import AuditEvent

    settings.APP_IMPORT_MAX_FAILURES = 5
    alice = PartnerFactory(status=Partner.Status.ACTIVE)
    legacy, _ = legacy_app_save(
        fs_id=13_500_009, client_id="legacy-race", name="Raced", shop_ids=[], client_secret="right", actor=None
    )
    barrier = threading.Barrier(30)

    def attempt(n: int) -> None:
        try:
            barrier.wait()
            with contextlib.suppress(ImportRefused):
                app_import(
                    partner=alice,
                    fs_id=legacy.fs_id,
                    client_id=legacy.client_id,
                    client_secret=f"wrong-{n}",
                    actor=alice.super_admin,
                    ip="203.0.113.9",
                )
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    refusals = AuditEvent.objects.filter(action="app.import_refused", partner=alice)
    # Every attempt is in the log; at most five were compared with the registry (each
    # attempt counts against the account and the IP; one over either limit is refused).
    assert refusals.count() == 30
    assert 1 <= refusals.filter(data__reason="no_match").count() <= 5
