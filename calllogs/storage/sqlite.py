"""The embedded default: one plain table, retention by DELETE."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time
from typing import Any

from django.db import connection, transaction

from calllogs.models import CallLog, CallRollup, EndpointRollup, ErrorRollup

from .base import COLUMNS, CallRecord, SqlReads, rollup_sql


def _minute(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(second=0, microsecond=0)


def _hour(moment: datetime) -> datetime:
    return _minute(moment).replace(minute=0)


def _db(value: Any) -> Any:
    """Datetimes as Django stores them in SQLite (naive UTC text), so comparisons hold."""
    return connection.ops.adapt_datetimefield_value(value) if isinstance(value, datetime) else value


def add_to_rollups(records: Sequence[CallRecord]) -> None:
    """Add a batch's calls to the per-minute and per-hour counts, errors by code and endpoints by day."""
    calls: Counter[tuple[int, int, datetime]] = Counter()
    client: Counter[tuple[int, int, datetime]] = Counter()
    server: Counter[tuple[int, int, datetime]] = Counter()
    latency: Counter[tuple[int, int, datetime]] = Counter()
    errors: Counter[tuple[int, datetime, int, str]] = Counter()
    endpoints: Counter[tuple[int, date, str]] = Counter()
    for record in records:
        for span, bucket in ((60, _minute(record.at)), (3600, _hour(record.at))):
            key = (record.app_id, span, bucket)
            calls[key] += 1
            client[key] += 400 <= record.status < 500
            server[key] += record.status >= 500
            latency[key] += record.latency_ms  # type: ignore[assignment]
        if record.status >= 400:
            errors[(record.app_id, _hour(record.at), record.status, record.error_code)] += 1
        endpoints[(record.app_id, record.at.astimezone(UTC).date(), record.path_template)] += 1
    quote = connection.ops.quote_name
    tables = {model: quote(model._meta.db_table) for model in (CallRollup, ErrorRollup, EndpointRollup)}
    with connection.cursor() as cursor:
        # Sorted keys: two writers adding to the same rows lock them in the same order.
        cursor.executemany(
            f"INSERT INTO {tables[CallRollup]} (app_id, span, bucket, calls, client_errors, server_errors, latency_ms_sum) "  # noqa: S608 - table names from model metadata
            "VALUES (%s, %s, %s, %s, %s, %s, %s) "
            + rollup_sql(
                tables[CallRollup],
                "app_id, span, bucket",
                ("calls", "client_errors", "server_errors", "latency_ms_sum"),
            ),
            [
                (
                    app,
                    span,
                    _db(bucket),
                    calls[app, span, bucket],
                    client[app, span, bucket],
                    server[app, span, bucket],
                    latency[app, span, bucket],
                )
                for app, span, bucket in sorted(calls)
            ],
        )
        if errors:
            cursor.executemany(
                f"INSERT INTO {tables[ErrorRollup]} (app_id, hour, status, error_code, calls) VALUES (%s, %s, %s, %s, %s) "  # noqa: S608
                + rollup_sql(tables[ErrorRollup], "app_id, hour, status, error_code", ("calls",)),
                [(app, _db(hour), status, code, count) for (app, hour, status, code), count in sorted(errors.items())],
            )
        cursor.executemany(
            f"INSERT INTO {tables[EndpointRollup]} (app_id, day, path_template, calls) VALUES (%s, %s, %s, %s) "  # noqa: S608
            + rollup_sql(tables[EndpointRollup], "app_id, day, path_template", ("calls",)),
            [(*key, count) for key, count in sorted(endpoints.items())],
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
