"""The five-app limit holds in the database under concurrent requests (PostgreSQL)."""

from __future__ import annotations

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
