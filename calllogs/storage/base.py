"""What Log History needs from wherever calls are stored, and the SQL backends' shared reads.

`CallLogStorage` is the whole interface: the recorder and gateway ingestion
write through `write`, the pages read through the rest, beat keeps
partitions and retention through `prepare` and `drop_before`. Reads here go
through the ORM, so SQLite and PostgreSQL share them; a column store
(docs/calllogs.md) would implement the same methods.
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, timedelta
from typing import Protocol

from django.db import connection
from django.db.models import Q, Sum

from calllogs.models import CallLog, CallRollup, EndpointRollup, ErrorRollup


@dataclass(frozen=True)
class CallRecord:
    """One call as written: what the recorder builds and gateway ingestion validates."""

    at: datetime
    app_id: int
    source: str
    method: str
    path_template: str
    path: str
    status: int
    error_code: str
    latency_ms: float
    shop_id: int | None
    client_ip: str | None
    request_id: str
    user_agent: str
    request_query: str
    request_headers: str
    request_body: str
    response_headers: str
    response_body: str


COLUMNS: tuple[str, ...] = tuple(field.name for field in fields(CallRecord))
# What the rollups need of a stored call, in this order (a CallRecord's attributes, or a row's columns).
COUNTED: tuple[str, ...] = ("app_id", "at", "status", "error_code", "latency_ms", "path_template")
Counted = tuple[int, datetime, int, str, float, str]
counted = operator.attrgetter(*COUNTED)
_EPOCH_DAY = date(1970, 1, 1)


@dataclass(frozen=True)
class RollupRows:
    """A batch's increments for the three rollups, each list sorted by its key (so two writers adding
    to the same rows lock them in the same order: no deadlock)."""

    calls: list[tuple[int, int, datetime, int, int, int, float]]  # app, span, bucket, calls, 4xx, 5xx, latency
    errors: list[tuple[int, datetime, int, str, int]]  # app, hour, status, error code, calls
    endpoints: list[tuple[int, date, str, int]]  # app, day, endpoint, calls


def rollup_rows(rows: Iterable[Counted]) -> RollupRows:
    """Count stored calls into the rollups' rows (UTC minutes, hours and days).

    Buckets are counted as whole seconds since the epoch and turned into
    datetimes once each at the end: a batch holds thousands of calls but a
    handful of minutes."""
    calls: dict[tuple[int, int, int], list[float]] = {}
    errors: Counter[tuple[int, int, int, str]] = Counter()
    endpoints: Counter[tuple[int, int, str]] = Counter()
    for app_id, moment, status, error_code, latency_ms, template in rows:
        second = int(moment.timestamp())
        hour = second - second % 3600
        client, server = int(400 <= status < 500), int(status >= 500)
        for key in ((app_id, 60, second - second % 60), (app_id, 3600, hour)):
            counts = calls.get(key)
            if counts is None:
                calls[key] = [1, client, server, latency_ms]
            else:
                counts[0] += 1
                counts[1] += client
                counts[2] += server
                counts[3] += latency_ms
        if status >= 400:
            errors[(app_id, hour, status, error_code)] += 1
        endpoints[(app_id, second // 86400, template)] += 1
    return RollupRows(
        calls=[
            (app, span, _moment(start), int(n), int(c4), int(c5), latency)
            for (app, span, start), (n, c4, c5, latency) in sorted(calls.items())
        ],
        errors=[(app, _moment(hour), status, code, n) for (app, hour, status, code), n in sorted(errors.items())],
        endpoints=[
            (app, _EPOCH_DAY + timedelta(days=day), path, n) for (app, day, path), n in sorted(endpoints.items())
        ],
    )


def _moment(second: int) -> datetime:
    return datetime.fromtimestamp(second, UTC)


@dataclass(frozen=True)
class LogQuery:
    """Log History's filters. `start` and `end` always bound the time, so PostgreSQL prunes partitions."""

    app_id: int
    start: datetime
    end: datetime
    status_class: int | None = None  # 2, 4 or 5
    path_template: str = ""
    shop_id: int | None = None
    request_id: str = ""


@dataclass(frozen=True)
class Cursor:
    """Where a page ends: the next page holds the rows strictly older than (at, id)."""

    at: datetime
    id: int


@dataclass(frozen=True)
class Bucket:
    start: datetime
    calls: int
    client_errors: int
    server_errors: int


class CallLogStorage(Protocol):
    def write(self, records: Sequence[CallRecord], *, dedupe: bool = False) -> int: ...
    def page(self, query: LogQuery, *, before: Cursor | None, limit: int) -> list[CallLog]: ...
    def find(self, *, app_id: int, at: datetime, id: int) -> CallLog | None: ...
    def series(self, *, app_id: int, start: datetime, end: datetime, span: int) -> list[Bucket]: ...
    def errors(self, *, app_id: int, start: datetime, end: datetime) -> list[tuple[int, str, int]]: ...
    def endpoints(self, *, app_id: int, since: date) -> list[str]: ...
    def has_calls(self, *, app_id: int) -> bool: ...
    def apps_calling(
        self, *, app_ids: Sequence[int], templates: Sequence[str], since: datetime
    ) -> dict[int, set[str]]: ...
    def prepare(self, days: Iterable[date], *, recheck: bool = False) -> None: ...
    def drop_before(self, day: date) -> int: ...


class SqlReads:
    """The reads both SQL backends share (ORM over calllogs' tables)."""

    def page(self, query: LogQuery, *, before: Cursor | None, limit: int) -> list[CallLog]:
        rows = CallLog.objects.filter(app_id=query.app_id, at__gte=query.start, at__lt=query.end)
        if query.status_class is not None:
            low = query.status_class * 100
            rows = rows.filter(status__gte=low, status__lte=low + 99)
        if query.path_template:
            rows = rows.filter(path_template=query.path_template)
        if query.shop_id is not None:
            rows = rows.filter(shop_id=query.shop_id)
        if query.request_id:
            rows = rows.filter(request_id=query.request_id)
        if before is not None:
            rows = rows.filter(at__lte=before.at).filter(Q(at__lt=before.at) | Q(id__lt=before.id))
        # The list shows no bodies: leave them in the table.
        rows = rows.defer("request_query", "request_headers", "request_body", "response_headers", "response_body")
        return list(rows.order_by("-at", "-id")[:limit])

    def find(self, *, app_id: int, at: datetime, id: int) -> CallLog | None:
        return CallLog.objects.filter(app_id=app_id, at=at, id=id).first()

    def series(self, *, app_id: int, start: datetime, end: datetime, span: int) -> list[Bucket]:
        rows = (
            CallRollup.objects.filter(app_id=app_id, span=span, bucket__gte=start, bucket__lt=end)
            .order_by("bucket")
            .values_list("bucket", "calls", "client_errors", "server_errors")
        )
        return [Bucket(*row) for row in rows]

    def errors(self, *, app_id: int, start: datetime, end: datetime) -> list[tuple[int, str, int]]:
        rows = (
            ErrorRollup.objects.filter(app_id=app_id, hour__gte=start, hour__lt=end)
            .values_list("status", "error_code")
            .annotate(total=Sum("calls"))
            .order_by("-total", "status", "error_code")
        )
        return [(status, code, int(total)) for status, code, total in rows]

    def endpoints(self, *, app_id: int, since: date) -> list[str]:
        return sorted(
            set(EndpointRollup.objects.filter(app_id=app_id, day__gte=since).values_list("path_template", flat=True))
        )

    def has_calls(self, *, app_id: int) -> bool:
        return EndpointRollup.objects.filter(app_id=app_id).exists()

    def apps_calling(self, *, app_ids: Sequence[int], templates: Sequence[str], since: datetime) -> dict[int, set[str]]:
        called: dict[int, set[str]] = {}
        rows = EndpointRollup.objects.filter(
            app_id__in=app_ids, path_template__in=templates, day__gte=since.date()
        ).values_list("app_id", "path_template")
        for app_id, template in rows.distinct():
            called.setdefault(app_id, set()).add(template)
        return called


def rollup_sql(table: str, key: str, sums: Sequence[str]) -> str:
    """The upsert that adds a batch's counts to a rollup (same syntax on PostgreSQL and SQLite)."""
    quote = connection.ops.quote_name
    added = ", ".join(f"{quote(name)} = {table}.{quote(name)} + excluded.{quote(name)}" for name in sums)
    return f"ON CONFLICT ({key}) DO UPDATE SET {added}"
