"""The rows every Open API call reads, kept per database connection until
PostgreSQL says they changed.

Every call looked up its token, app and shop, and every POST /token its
app, in a round trip that cost more CPU than the rest of the call (see
docs/openapi.md, Performance). Those rows change rarely (a secret
regenerated, an app suspended, a shop linked or edited), so each connection
keeps the rows it has read and forgets them all when told:

- Statement triggers on the app, token, shop and shop link tables run
  NOTIFY on CHANNEL (migration openapi/0002). PostgreSQL delivers it, on
  commit, to every connection that LISTENs, whatever made the change:
  services, the admin, a shell, plain SQL.
- Before a kept row is used, the connection's socket is polled with a zero
  timeout (no round trip): a notification waiting there, or one psycopg
  received during any other query on the connection, empties the cache.
- A row read while a notification arrived is not kept (it may predate the
  change); a connection that is new or was replaced starts empty and
  LISTENs before anything is kept.
- Inside a transaction nothing is kept or served: its own writes notify
  only when it commits.

A change therefore holds from the first call that starts after PostgreSQL
has put its notification on the connection's socket, which happens right
after the commit (the backend forwards it as soon as it is idle, typically
within a millisecond). Checks that depend on the clock (token expiry, the
previous secret's grace window) are made on every call, kept row or not.

A lookup kept this way (fastpath._fetchone(..., keep=True)) may read only
tables that notify: to keep rows of another table, give it the trigger in a
new migration (see openapi/migrations/0002_notify_row_changes.py).
"""

from __future__ import annotations

import select
from typing import Any

from django.conf import settings
from psycopg import pq

CHANNEL = "openapi_rows"
# Enough for every live token of a busy deployment; past it the cache starts over.
MAX_ROWS = 4096


class KeptRows:
    """One connection's kept rows, and a count of the notifications it has heard."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw
        self.rows: dict[tuple[Any, ...], tuple[Any, ...]] = {}
        self.heard = 0

    def forget(self, *_: Any) -> None:
        """Drop every row (a notify handler: psycopg calls it with the notification)."""
        self.heard += 1
        self.rows.clear()

    def keep(self, key: tuple[Any, ...], row: tuple[Any, ...], *, heard_before: int) -> None:
        """Keep `row` unless a notification arrived since it was asked for."""
        if self.heard != heard_before:
            return
        if len(self.rows) >= MAX_ROWS:
            self.rows.clear()
        self.rows[key] = row


def unread(raw: Any) -> bool:
    """Whether an open connection's socket has something to read: a zero-timeout poll, no round trip."""
    poller = select.poll()
    poller.register(raw.fileno(), select.POLLIN)
    return bool(poller.poll(0))


def _take_notifications(raw: Any) -> bool:
    """Read what waits on the socket; True when notifications were among it and the connection is still healthy."""
    pgconn = raw.pgconn
    try:
        pgconn.consume_input()
    except Exception:  # noqa: BLE001 - any failure to read means the connection is gone
        return False
    heard = False
    while pgconn.notifies() is not None:
        heard = True
    return heard and pgconn.status == pq.ConnStatus.OK


def kept_rows(db: Any) -> KeptRows | None:
    """The connection's kept rows, brought up to date; None when rows can't be kept now.

    Also serves as the request's connection health check: anything but
    notifications waiting on an idle connection (the server's FATAL message
    or EOF after a restart, an idle timeout or pg_terminate_backend) closes
    it, and a new one is opened, as after Django's failed SELECT 1.
    """
    if not settings.OPENAPI_ROW_CACHE or db.in_atomic_block:
        return None
    kept: KeptRows | None = getattr(db, "_openapi_kept_rows", None)
    raw = db.connection
    if raw is not None:
        if raw.closed or raw.broken:
            db.close()
        elif unread(raw):
            if _take_notifications(raw) and kept is not None and kept.raw is raw:
                kept.forget()
            else:
                db.close()
    db.ensure_connection()
    db.health_check_done = True
    raw = db.connection
    if kept is None or kept.raw is not raw:
        kept = KeptRows(raw)
        raw.add_notify_handler(kept.forget)
        with db.cursor() as cursor:
            cursor.execute(f"LISTEN {CHANNEL}")
        db._openapi_kept_rows = kept
    return kept
