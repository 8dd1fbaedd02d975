"""Reads of Log History, through the storage interface (storage/base.py)."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.http import Http404
from django.utils import timezone

from apps_mgmt.models import App

from .models import CallLog
from .storage import Bucket, Cursor, LogQuery, call_storage

PAGE_SIZE = 50
EXPORT_BATCH = 2000
# Ranges up to this long are charted by minute, longer ones by hour.
MINUTE_CHART_LIMIT = timedelta(hours=6)


def app_has_calls(app: App) -> bool:
    """Whether the app has made any call still within retention (one indexed probe of a small table)."""
    return call_storage().has_calls(app_id=app.pk)


def apps_calling(*, apps: Iterable[App], path_templates: list[str], since: datetime) -> dict[int, set[str]]:
    """App id -> those of `path_templates` (OpenAPI path keys such as `/v2/order/list`) it called since then.

    Read from the per-day endpoint counts, so `since` counts from the start of its (UTC) day."""
    app_ids = [app.pk for app in apps]
    if not app_ids or not path_templates:
        return {}
    return call_storage().apps_calling(app_ids=app_ids, templates=path_templates, since=since)


@dataclass(frozen=True)
class LogPage:
    rows: list[CallLog]
    next_cursor: str  # empty on the last page


def encode_cursor(cursor: Cursor) -> str:
    raw = f"{int(cursor.at.timestamp() * 1_000_000)}.{cursor.id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(token: str) -> Cursor | None:
    """The cursor of a `before` parameter; None when it isn't one (the first page is shown)."""
    try:
        micros, _, row_id = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode().partition(".")
        return Cursor(at=datetime.fromtimestamp(int(micros) / 1_000_000, tz=UTC), id=int(row_id))
    except (ValueError, binascii.Error, UnicodeDecodeError, OverflowError, OSError):
        return None


def log_page(query: LogQuery, *, before: str = "", size: int = PAGE_SIZE) -> LogPage:
    """Newest first, `size` rows older than the cursor `before`: keyset pagination, no OFFSET and no count."""
    rows = call_storage().page(query, before=decode_cursor(before) if before else None, limit=size + 1)
    more = len(rows) > size
    rows = rows[:size]
    cursor = encode_cursor(Cursor(at=rows[-1].at, id=rows[-1].id)) if more else ""
    return LogPage(rows=rows, next_cursor=cursor)


def log_rows(query: LogQuery) -> Iterator[CallLog]:
    """Every row of the query, newest first, read in keyset batches: memory stays flat however many."""
    storage = call_storage()
    before: Cursor | None = None
    while True:
        rows = storage.page(query, before=before, limit=EXPORT_BATCH)
        yield from rows
        if len(rows) < EXPORT_BATCH:
            return
        before = Cursor(at=rows[-1].at, id=rows[-1].id)


def log_detail(app: App, key: str) -> CallLog:
    """The row of a detail key (`<µs since the epoch>-<id>`, CallLog.key), with its bodies; 404 otherwise."""
    micros, _, row_id = key.partition("-")
    if not (micros.isdigit() and row_id.isdigit()) or len(micros) > 18 or len(row_id) > 18:
        raise Http404("No such call")
    try:
        at = datetime.fromtimestamp(int(micros) / 1_000_000, tz=UTC)
    except (OverflowError, OSError, ValueError):
        raise Http404("No such call") from None
    row = call_storage().find(app_id=app.pk, at=at, id=int(row_id))
    if row is None:
        raise Http404("No such call")
    return row


@dataclass(frozen=True)
class Chart:
    span: int  # seconds per bucket
    start: datetime  # the first bucket's start
    end: datetime
    buckets: list[Bucket]

    @property
    def calls(self) -> int:
        return sum(bucket.calls for bucket in self.buckets)

    @property
    def errors(self) -> int:
        return sum(bucket.client_errors + bucket.server_errors for bucket in self.buckets)

    def series(self) -> dict[str, list[int]]:
        """Columns for uPlot: time (s), calls, 4xx, 5xx, a point per bucket of the range (zeros where no call)."""
        by_start = {int(bucket.start.timestamp()): bucket for bucket in self.buckets}
        columns: dict[str, list[int]] = {"t": [], "calls": [], "client_errors": [], "server_errors": []}
        moment, last = int(self.start.timestamp()), int(self.end.timestamp())
        while moment < last:
            bucket = by_start.get(moment)
            columns["t"].append(moment)
            columns["calls"].append(bucket.calls if bucket else 0)
            columns["client_errors"].append(bucket.client_errors if bucket else 0)
            columns["server_errors"].append(bucket.server_errors if bucket else 0)
            moment += self.span
        return columns


def chart(app: App, *, start: datetime, end: datetime) -> Chart:
    """Calls and errors over the range, from the per-app rollups: at most a few hundred rows."""
    span = 60 if end - start <= MINUTE_CHART_LIMIT else 3600
    # Whole buckets: the one holding `start` counts.
    aligned = start.astimezone(UTC).replace(second=0, microsecond=0)
    if span == 3600:
        aligned = aligned.replace(minute=0)
    buckets = call_storage().series(app_id=app.pk, start=aligned, end=end, span=span)
    return Chart(span=span, start=aligned, end=end, buckets=buckets)


def errors_by_code(app: App, *, start: datetime, end: datetime) -> list[tuple[int, str, int]]:
    """(status, error code, calls) over the range's hours, most frequent first."""
    hour = start.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    return call_storage().errors(app_id=app.pk, start=hour, end=end)


def endpoints_called(app: App) -> list[str]:
    """The endpoints the app called within retention: the endpoint filter's choices."""
    since = (timezone.now() - timedelta(days=settings.LOG_RETENTION_DAYS)).date()
    return call_storage().endpoints(app_id=app.pk, since=since)
