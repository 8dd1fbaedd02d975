"""PostgreSQL: a table partitioned by day on `at`, written with COPY, trimmed by dropping partitions.

A batch is COPied straight into the log and added to the rollups (counted in
Python, upserted in one statement) in one transaction, so the counts the
chart reads are those of the rows stored. The gateway's records are
deduplicated on (request_id, at) by a partial unique index; the console's own
calls never conflict. A replayed gateway batch makes the COPY fail on that
index: the batch then goes through a temporary table and one statement that
inserts what is new (ON CONFLICT DO NOTHING) and adds only that to the
rollups. Fresh batches, nearly all of them, pay for neither.
"""

from __future__ import annotations

import logging
import operator
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import psycopg.errors
from django.db import connection, transaction
from django.db.utils import DatabaseError, IntegrityError

from calllogs.models import CallLog, CallRollup, EndpointRollup, ErrorRollup

from .base import COLUMNS, COUNTED, CallRecord, Counted, SqlReads, counted, rollup_rows, rollup_sql

log = logging.getLogger(__name__)

TABLE = CallLog._meta.db_table
STAGING = "calllogs_staging"
_PARTITION = re.compile(rf"^{TABLE}_p(\d{{8}})$")


def partition_name(day: date) -> str:
    return f"{TABLE}_p{day:%Y%m%d}"


_ROW = operator.attrgetter(*COLUMNS)
_ROLLUP, _ERRORS, _ENDPOINTS = (model._meta.db_table for model in (CallRollup, ErrorRollup, EndpointRollup))
# The batch's counts, as arrays, added to the three rollups in one round trip.
# Rows go in key order, so two batches adding to the same rows lock them in the
# same order (no deadlock).
_ROLLUPS_SQL = f"""
WITH calls AS (
    INSERT INTO {_ROLLUP} (app_id, span, bucket, calls, client_errors, server_errors, latency_ms_sum)
    SELECT * FROM unnest(%s::bigint[], %s::integer[], %s::timestamptz[], %s::bigint[], %s::bigint[], %s::bigint[],
                         %s::float8[])
    ORDER BY 1, 2, 3
    {rollup_sql(_ROLLUP, "app_id, span, bucket", ("calls", "client_errors", "server_errors", "latency_ms_sum"))}
), errors AS (
    INSERT INTO {_ERRORS} (app_id, hour, status, error_code, calls)
    SELECT * FROM unnest(%s::bigint[], %s::timestamptz[], %s::smallint[], %s::varchar[], %s::bigint[])
    ORDER BY 1, 2, 3, 4
    {rollup_sql(_ERRORS, "app_id, hour, status, error_code", ("calls",))}
)
INSERT INTO {_ENDPOINTS} (app_id, day, path_template, calls)
SELECT * FROM unnest(%s::bigint[], %s::date[], %s::varchar[], %s::bigint[])
ORDER BY 1, 2, 3
{rollup_sql(_ENDPOINTS, "app_id, day, path_template", ("calls",))}
"""  # noqa: S608 - table names are the models', values are parameters


def _rollup_params(rows: Iterable[Counted]) -> list[list[Any]]:
    """The rollups' increments for these rows as _ROLLUPS_SQL takes them: each table's columns, one array each."""
    counts = rollup_rows(rows)
    params: list[list[Any]] = []
    for table, width in ((counts.calls, 7), (counts.errors, 5), (counts.endpoints, 4)):
        columns = zip(*table, strict=True) if table else [()] * width
        params += [list(column) for column in columns]
    return params


def _unique(records: Sequence[CallRecord]) -> list[CallRecord]:
    """A batch's gateway records once each by (request_id, at): a gateway retrying inside one batch."""
    seen: set[tuple[str, datetime]] = set()
    kept = []
    for record in records:
        key = (record.request_id, record.at)
        if record.source == "gateway" and key in seen:
            continue
        seen.add(key)
        kept.append(record)
    return kept


def _copy(cursor: Any, table: str, records: Iterable[CallRecord]) -> None:
    # Django converts the errors of execute() but not of copy(): a missing
    # partition or a replayed record must reach write() as IntegrityError.
    with connection.wrap_database_errors, cursor.copy(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
        for record in records:
            copy.write_row(_ROW(record))


def _is_unique_violation(error: IntegrityError) -> bool:
    return isinstance(error.__cause__, psycopg.errors.UniqueViolation)


# A batch some of whose gateway records are stored already: the new ones go in,
# and come back so that only they are counted.
_INSERT_NEW_SQL = f"""
INSERT INTO {TABLE} ({", ".join(COLUMNS)}) SELECT {", ".join(COLUMNS)} FROM {STAGING} ORDER BY at
ON CONFLICT (request_id, at) WHERE source = 'gateway' DO NOTHING
RETURNING {", ".join(COUNTED)}
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
        if dedupe:
            records = _unique(records)
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                _copy(cursor, TABLE, records)
                cursor.execute(_ROLLUPS_SQL, _rollup_params(map(counted, records)))
            return len(records)
        except IntegrityError as error:
            if not (dedupe and _is_unique_violation(error)):
                raise
        return self._write_new(records)

    def _write_new(self, records: Sequence[CallRecord]) -> int:
        """A batch some of whose gateway records are stored already: only the others are added."""
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TEMPORARY TABLE IF NOT EXISTS {STAGING} "
                f"(LIKE {TABLE} INCLUDING DEFAULTS) ON COMMIT DELETE ROWS"
            )
            cursor.execute(f"TRUNCATE {STAGING}")  # left over when no commit came between two batches
            _copy(cursor, STAGING, records)
            cursor.execute(_INSERT_NEW_SQL)
            stored = cursor.fetchall()
            if stored:
                cursor.execute(_ROLLUPS_SQL, _rollup_params(stored))
            return len(stored)

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
