"""Writes of Log History: keeping partitions ahead, retention, and (ingest.py) the gateway's batches.

Calls themselves are written by the recorder (recorder.py), not here: they
are the log, not changes a member makes, so they carry no audit row.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from .ingest import Reject, parse_batch
from .storage import call_storage

log = logging.getLogger(__name__)


def calllog_partitions_prepare(*, today: date | None = None) -> None:
    """Create the daily partitions from today to CALLLOG_PARTITIONS_AHEAD days ahead (PostgreSQL; nothing on SQLite)."""
    today = today or timezone.now().astimezone(UTC).date()
    days = [today + timedelta(days=n) for n in range(settings.CALLLOG_PARTITIONS_AHEAD + 1)]
    call_storage().prepare(days, recheck=True)


def calllog_retention_apply(*, today: date | None = None) -> int:
    """Remove the days older than LOG_RETENTION_DAYS: whole partitions dropped on PostgreSQL, a DELETE on SQLite."""
    today = today or timezone.now().astimezone(UTC).date()
    removed = call_storage().drop_before(today - timedelta(days=settings.LOG_RETENTION_DAYS))
    if removed:
        log.info("Log History retention removed %d (days on PostgreSQL, rows on SQLite)", removed)
    return removed


@dataclass(frozen=True)
class IngestResult:
    received: int
    stored: int
    duplicates: int
    rejected: list[Reject]


def calllog_ingest(*, records: Sequence[Any]) -> IngestResult:
    """Store a gateway's batch: valid records once each (a replay stores nothing twice), the others named by index.

    No actor and no audit row: the gateway writes the log, it changes nothing a member made."""
    good, rejected = parse_batch(records)
    stored = call_storage().write(good, dedupe=True) if good else 0
    return IngestResult(received=len(records), stored=stored, duplicates=len(good) - stored, rejected=rejected)
