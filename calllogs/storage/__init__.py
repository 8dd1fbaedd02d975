"""Where calls are stored: `call_storage()` is the one way in (storage/base.py has the interface)."""

from __future__ import annotations

from functools import cache

from django.db import connection

from .base import COLUMNS, Bucket, CallLogStorage, CallRecord, Cursor, LogQuery

__all__ = ["COLUMNS", "Bucket", "CallLogStorage", "CallRecord", "Cursor", "LogQuery", "call_storage"]


@cache
def _storage(vendor: str) -> CallLogStorage:
    if vendor == "postgresql":
        from .postgres import PostgresStorage

        return PostgresStorage()
    from .sqlite import SqliteStorage

    return SqliteStorage()


def call_storage() -> CallLogStorage:
    return _storage(connection.vendor)
