"""Storage: daily partitions on PostgreSQL, retention, the gateway's records stored once, the buffer."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

import calllogs.recorder as module
from calllogs.models import CallLog, CallRollup, EndpointRollup, ErrorRollup
from calllogs.recorder import Recorder
from calllogs.services import calllog_partitions_prepare, calllog_retention_apply
from openapi.tests.helpers import Setup

from .helpers import record, shop_info, store

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 2)


def _partitions() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
            "WHERE i.inhparent = 'calllogs_calllog'::regclass ORDER BY 1"
        )
        return [row[0] for row in cursor.fetchall()]


def _at(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def test_postgres_keeps_a_partition_per_day_made_ahead_and_by_writers(
    postgres: None, alice: Setup, settings: Any
) -> None:
    settings.CALLLOG_PARTITIONS_AHEAD = 2
    calllog_partitions_prepare(today=TODAY)
    assert {"calllogs_calllog_p20261202", "calllogs_calllog_p20261203", "calllogs_calllog_p20261204"} <= set(
        _partitions()
    )
    # A record of a day without a partition (a gateway's late batch) makes its own.
    store(record(alice.app.pk, at=_at(date(2026, 11, 20))))
    assert "calllogs_calllog_p20261120" in _partitions()
    assert CallLog.objects.get().at == _at(date(2026, 11, 20))


def test_retention_drops_whole_days_and_their_rollups(postgres: None, alice: Setup, settings: Any) -> None:
    settings.LOG_RETENTION_DAYS = 30
    old, kept = TODAY - timedelta(days=31), TODAY - timedelta(days=30)
    store(*[record(alice.app.pk, at=_at(old, hour)) for hour in range(5)], record(alice.app.pk, at=_at(kept)))
    assert calllog_retention_apply(today=TODAY) >= 1
    assert f"calllogs_calllog_p{old:%Y%m%d}" not in _partitions()
    assert f"calllogs_calllog_p{kept:%Y%m%d}" in _partitions()
    assert list(CallLog.objects.values_list("at", flat=True)) == [_at(kept)]
    assert CallRollup.objects.filter(bucket__lt=_at(kept, 0)).count() == 0
    assert list(EndpointRollup.objects.values_list("day", flat=True)) == [kept]
    # Writing after the drop still works (the writer forgets partitions it can't find).
    store(record(alice.app.pk, at=_at(kept, 13)))
    assert CallLog.objects.count() == 2


def test_retention_deletes_old_rows_on_sqlite(alice: Setup, settings: Any) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("the PostgreSQL case drops partitions (above)")
    settings.LOG_RETENTION_DAYS = 30
    store(record(alice.app.pk, at=_at(TODAY - timedelta(days=31))), record(alice.app.pk, at=_at(TODAY)))
    assert calllog_retention_apply(today=TODAY) == 1
    assert CallLog.objects.count() == 1


def test_the_list_query_prunes_to_the_days_asked_for(postgres: None, alice: Setup) -> None:
    store(*[record(alice.app.pk, at=_at(TODAY - timedelta(days=n))) for n in range(5)])
    rows = CallLog.objects.filter(app_id=alice.app.pk, at__gte=_at(TODAY, 0), at__lt=_at(TODAY, 23)).order_by(
        "-at", "-id"
    )
    plan = rows[:51].explain()
    assert "calllogs_calllog_p20261202" in plan
    assert "calllogs_calllog_p20261201" not in plan and "calllogs_calllog_p20261130" not in plan


def test_gateway_records_are_stored_once_the_consoles_own_never_conflict(alice: Setup) -> None:
    at = timezone.now()
    batch = [record(alice.app.pk, at=at, source="gateway", request_id=f"kong-{n}") for n in range(3)]
    assert store(*batch, dedupe=True) == 3
    assert store(*batch, dedupe=True) == 0
    assert CallRollup.objects.get(app_id=alice.app.pk, span=60).calls == 3, "a replay adds nothing to the chart"
    same = [record(alice.app.pk, at=at, request_id="echoed-by-client") for _ in range(2)]
    assert store(*same) == 2
    assert CallLog.objects.count() == 5


def test_the_background_thread_writes_calls_within_a_second(
    transactional_db: None, settings: Any, client: Client
) -> None:
    from openapi.tests.helpers import partner_with_app

    alice = partner_with_app()
    settings.CALLLOG_BACKGROUND = True
    settings.CALLLOG_FLUSH_SECONDS = 0.2
    recorder = Recorder()  # a fresh one: its thread writes through its own connection, as in production

    original, module.recorder = module.recorder, recorder
    try:
        for _ in range(3):
            shop_info(client, alice)
        deadline = time.monotonic() + 5
        while CallLog.objects.count() < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert CallLog.objects.count() == 3
        assert recorder.pending() == 0
    finally:
        recorder.stop()
        module.recorder = original
        settings.CALLLOG_BACKGROUND = False


def test_the_rollups_count_exactly_the_rows_stored_through_replays_and_repeats(alice: Setup) -> None:
    """Fresh batches, a batch half replayed, a record repeated within its batch: each rollup
    equals what the stored rows add up to (the chart never counts a row that isn't there)."""
    now = timezone.now().replace(second=30)
    earlier = now - timedelta(hours=2, minutes=7)

    def call(n: int, at: datetime, status: int = 200, code: str = "", **fields: Any) -> Any:
        return record(
            alice.app.pk, at=at, source="gateway", request_id=f"gw-{n}", status=status, error_code=code, **fields
        )

    first = [call(1, now), call(2, now, 403, "RBAC_MDLW_001"), call(3, earlier, 500, "INTERNAL_ERROR")]
    assert store(*first, dedupe=True) == 3
    replayed = [*first, call(4, earlier, 429, "RATE_LIMIT_EXCEEDED"), call(4, earlier, 429, "RATE_LIMIT_EXCEEDED")]
    assert store(*replayed, dedupe=True) == 1, "only gw-4 is new, and once"
    assert store(record(alice.app.pk, at=now, path_template="/v2/order/list", latency_ms=2.0)) == 1

    rows = list(CallLog.objects.filter(app_id=alice.app.pk))
    assert len(rows) == 5
    for span, cut in ((60, {"second": 0}), (3600, {"minute": 0, "second": 0})):
        expected: dict[datetime, list[float]] = {}
        for row in rows:
            bucket = row.at.astimezone(UTC).replace(microsecond=0, **cut)
            counts = expected.setdefault(bucket, [0, 0, 0, 0.0])
            counts[0] += 1
            counts[1] += 400 <= row.status < 500
            counts[2] += row.status >= 500
            counts[3] += row.latency_ms
        stored = {
            r.bucket.astimezone(UTC): [r.calls, r.client_errors, r.server_errors, r.latency_ms_sum]
            for r in CallRollup.objects.filter(app_id=alice.app.pk, span=span)
        }
        assert stored == expected, span
    errors = {(r.status, r.error_code): r.calls for r in ErrorRollup.objects.filter(app_id=alice.app.pk)}
    assert errors == {(403, "RBAC_MDLW_001"): 1, (500, "INTERNAL_ERROR"): 1, (429, "RATE_LIMIT_EXCEEDED"): 1}
    endpoints = {r.path_template: r.calls for r in EndpointRollup.objects.filter(app_id=alice.app.pk)}
    assert endpoints == {"/v1/shop/fs/{fs_id}/shop-info": 4, "/v2/order/list": 1}
