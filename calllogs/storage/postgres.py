"""PostgreSQL: a table partitioned by day on `at`, written with COPY, trimmed by dropping partitions.

A batch is COPied into a temporary table, then moved into the log by one
statement that also adds it to the rollups (data-modifying CTEs), so the
counts the chart reads are those of the rows stored, replays included. The
gateway's records are deduplicated on (request_id, at) by a partial unique
index; the console's own calls never conflict.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta

from django.db import connection, transaction
from django.db.utils import DatabaseError, IntegrityError

from calllogs.models import CallLog, CallRollup, EndpointRollup, ErrorRollup

from .base import COLUMNS, CallRecord, SqlReads

log = logging.getLogger(__name__)

TABLE = CallLog._meta.db_table
STAGING = "calllogs_staging"
_PARTITION = re.compile(rf"^{TABLE}_p(\d{{8}})$")


def partition_name(day: date) -> str:
    return f"{TABLE}_p{day:%Y%m%d}"


def _move_sql(*, dedupe: bool) -> str:
    columns = ", ".join(COLUMNS)
    conflict = "ON CONFLICT (request_id, at) WHERE source = 'gateway' DO NOTHING" if dedupe else ""
    rollup, errors, endpoints = (model._meta.db_table for model in (CallRollup, ErrorRollup, EndpointRollup))
    counts = (
        "count(*), count(*) FILTER (WHERE status BETWEEN 400 AND 499), count(*) FILTER (WHERE status >= 500), "
        "sum(latency_ms)"
    )
    added = (
        f"calls = {rollup}.calls + excluded.calls, client_errors = {rollup}.client_errors + excluded.client_errors, "
        f"server_errors = {rollup}.server_errors + excluded.server_errors, "
        f"latency_ms_sum = {rollup}.latency_ms_sum + excluded.latency_ms_sum"
    )
    # Each rollup's rows are inserted in key order, so two batches adding to
    # the same rows lock them in the same order (no deadlock).
    return f"""
WITH moved AS (
    INSERT INTO {TABLE} ({columns}) SELECT {columns} FROM {STAGING} ORDER BY at {conflict}
    RETURNING app_id, at, status, error_code, latency_ms, path_template
), minutes AS (
    INSERT INTO {rollup} (app_id, span, bucket, calls, client_errors, server_errors, latency_ms_sum)
    SELECT app_id, 60, date_trunc('minute', at), {counts} FROM moved GROUP BY 1, 3 ORDER BY 1, 3
    ON CONFLICT (app_id, span, bucket) DO UPDATE SET {added}
), hours AS (
    INSERT INTO {rollup} (app_id, span, bucket, calls, client_errors, server_errors, latency_ms_sum)
    SELECT app_id, 3600, date_trunc('hour', at), {counts} FROM moved GROUP BY 1, 3 ORDER BY 1, 3
    ON CONFLICT (app_id, span, bucket) DO UPDATE SET {added}
), errors AS (
    INSERT INTO {errors} (app_id, hour, status, error_code, calls)
    SELECT app_id, date_trunc('hour', at), status, error_code, count(*) FROM moved WHERE status >= 400
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (app_id, hour, status, error_code) DO UPDATE SET calls = {errors}.calls + excluded.calls
), endpoints AS (
    INSERT INTO {endpoints} (app_id, day, path_template, calls)
    SELECT app_id, (at AT TIME ZONE 'UTC')::date, path_template, count(*) FROM moved GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (app_id, day, path_template) DO UPDATE SET calls = {endpoints}.calls + excluded.calls
)
SELECT count(*) FROM moved
"""  # noqa: S608 - table and column names are the models', values come through COPY


class PostgresStorage(SqlReads):
    def __init__(self) -> None:
        # Partitions this process knows exist (created by it or found): a
        # batch of today's calls costs no catalogue lookup.
        self.known: set[date] = set()

    def write(self, records: Sequence[CallRecord], *, dedupe: bool = False) -> int:
        if not records:
            return 0
        days = {record.at.astimezone(UTC).date() for record in records}
        self.prepare(days)
        try:
            return self._write(records, dedupe=dedupe)
        except IntegrityError:
            # A partition this process thought it had is gone (dropped by
            # retention, or rolled back with the transaction that made it):
            # look again and retry once.
            self.known -= days
            self.prepare(days)
            return self._write(records, dedupe=dedupe)

    def _write(self, records: Sequence[CallRecord], *, dedupe: bool) -> int:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TEMPORARY TABLE IF NOT EXISTS {STAGING} "
                f"(LIKE {TABLE} INCLUDING DEFAULTS) ON COMMIT DELETE ROWS"
            )
            cursor.execute(f"TRUNCATE {STAGING}")  # left over when no commit came between two batches
            with cursor.copy(f"COPY {STAGING} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for record in records:
                    copy.write_row([getattr(record, name) for name in COLUMNS])
            cursor.execute(_move_sql(dedupe=dedupe))
            return int(cursor.fetchone()[0])

    def prepare(self, days: Iterable[date], *, recheck: bool = False) -> None:
        """Create the daily partitions these days need, if missing (each in its own transaction).

        Days this process made or saw are skipped unless `recheck` (beat's hourly run)."""
        wanted = set(days)
        for day in sorted(wanted if recheck else wanted - self.known):
            name = partition_name(day)
            upper = day + timedelta(days=1)
            try:
                with transaction.atomic(), connection.cursor() as cursor:
                    cursor.execute(
                        f"CREATE TABLE IF NOT EXISTS {name} PARTITION OF {TABLE} "
                        f"FOR VALUES FROM ('{day.isoformat()}T00:00:00+00:00') TO ('{upper.isoformat()}T00:00:00+00:00')"
                    )
            except (IntegrityError, DatabaseError) as error:
                # Another process created it at the same moment: it exists either way.
                if not self._exists(name):
                    raise
                log.debug("Partition %s created concurrently: %s", name, error)
            self.known.add(day)

    @staticmethod
    def _exists(name: str) -> bool:
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [name])
            return bool(cursor.fetchone()[0])

    def partitions(self) -> list[date]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = %s::regclass",
                [TABLE],
            )
            names = [row[0] for row in cursor.fetchall()]
        days = []
        for name in names:
            match = _PARTITION.match(name)
            if match:
                days.append(datetime.strptime(match.group(1), "%Y%m%d").date())
        return sorted(days)

    def drop_before(self, day: date) -> int:
        """Drop every day's partition before `day`: no row-by-row DELETE, whatever its size."""
        dropped = 0
        for old in self.partitions():
            if old >= day:
                continue
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"DROP TABLE IF EXISTS {partition_name(old)}")
            self.known.discard(old)
            dropped += 1
        cutoff = datetime.combine(day, time.min, tzinfo=UTC)
        CallRollup.objects.filter(bucket__lt=cutoff).delete()
        ErrorRollup.objects.filter(hour__lt=cutoff).delete()
        EndpointRollup.objects.filter(day__lt=day).delete()
        return dropped
