"""The embedded default: one plain table, retention by DELETE."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time
from typing import Any

from django.db import connection, transaction

from calllogs.models import CallLog, CallRollup, EndpointRollup, ErrorRollup

from .base import COLUMNS, CallRecord, SqlReads, counted, rollup_rows, rollup_sql


def _db(value: Any) -> Any:
    """Datetimes as Django stores them in SQLite (naive UTC text), so comparisons hold."""
    return connection.ops.adapt_datetimefield_value(value) if isinstance(value, datetime) else value


def add_to_rollups(records: Sequence[CallRecord]) -> None:
    """Add a batch's calls to the per-minute and per-hour counts, errors by code and endpoints by day."""
    rows = rollup_rows(map(counted, records))
    quote = connection.ops.quote_name
    tables = {model: quote(model._meta.db_table) for model in (CallRollup, ErrorRollup, EndpointRollup)}
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {tables[CallRollup]} (app_id, span, bucket, calls, client_errors, server_errors, latency_ms_sum) "  # noqa: S608 - table names from model metadata
            "VALUES (%s, %s, %s, %s, %s, %s, %s) "
            + rollup_sql(
                tables[CallRollup],
                "app_id, span, bucket",
                ("calls", "client_errors", "server_errors", "latency_ms_sum"),
            ),
            [(app, span, _db(bucket), n, c4, c5, ms) for app, span, bucket, n, c4, c5, ms in rows.calls],
        )
        if rows.errors:
            cursor.executemany(
                f"INSERT INTO {tables[ErrorRollup]} (app_id, hour, status, error_code, calls) VALUES (%s, %s, %s, %s, %s) "  # noqa: S608
                + rollup_sql(tables[ErrorRollup], "app_id, hour, status, error_code", ("calls",)),
                [(app, _db(hour), status, code, n) for app, hour, status, code, n in rows.errors],
            )
        cursor.executemany(
            f"INSERT INTO {tables[EndpointRollup]} (app_id, day, path_template, calls) VALUES (%s, %s, %s, %s) "  # noqa: S608
            + rollup_sql(tables[EndpointRollup], "app_id, day, path_template", ("calls",)),
            rows.endpoints,
        )


class SqliteStorage(SqlReads):
    def write(self, records: Sequence[CallRecord], *, dedupe: bool = False) -> int:
        if not records:
            return 0
        table = connection.ops.quote_name(CallLog._meta.db_table)
        columns = ", ".join(COLUMNS)
        marks = ", ".join(["%s"] * len(COLUMNS))
        conflict = " ON CONFLICT (request_id, at) WHERE source = 'gateway' DO NOTHING" if dedupe else ""
        sql = f"INSERT INTO {table} ({columns}) VALUES ({marks}){conflict}"  # noqa: S608 - names from model metadata
        written: list[CallRecord] = []
        with transaction.atomic(), connection.cursor() as cursor:
            for record in records:
                cursor.execute(sql, [_db(getattr(record, name)) for name in COLUMNS])
                if cursor.rowcount:
                    written.append(record)
            if written:
                add_to_rollups(written)
        return len(written)

    def prepare(self, days: Iterable[date], *, recheck: bool = False) -> None:
        return None

    def drop_before(self, day: date) -> int:
        cutoff = datetime.combine(day, time.min, tzinfo=UTC)
        deleted, _ = CallLog.objects.filter(at__lt=cutoff).delete()
        CallRollup.objects.filter(bucket__lt=cutoff).delete()
        ErrorRollup.objects.filter(hour__lt=cutoff).delete()
        EndpointRollup.objects.filter(day__lt=day).delete()
        return deleted
