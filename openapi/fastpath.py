"""The lookups every Open API call and token request makes, in hand-written SQL.

Building these queries through the ORM costs ~0.4 ms of CPU each (filter
resolution and compilation), more than the rest of a call; the same SELECT
as a fixed string costs ~0.03 ms. Rows become ordinary model instances, as
Model.from_db makes them, with the columns not selected deferred (loaded on
access), so callers can't tell the difference. Covered on SQLite and PostgreSQL by the
tests, which compare against the ORM (tests/test_fastpath.py).

On PostgreSQL these statements are also *prepared* (DB_PREPARED_STATEMENTS,
on by default): planning them took ~0.25 ms of the ~0.36 ms each cost,
execution 0.05 ms. Only these few are: Django's own cursors bind parameters
client-side and never prepare, so the rest of the console is unchanged. And
the rows the lookups find are kept per connection until PostgreSQL notifies
a change to them (rowcache.py), so a repeated call usually makes no query.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import Model
from django.db.models.base import ModelState
from django.utils.dateparse import parse_datetime

from apps_mgmt.models import App
from shops.models import Shop, ShopLink

from .models import AccessToken, TokenFailure
from .rowcache import kept_rows, unread

_TOKEN_FIELDS = ("id", "app_id", "scope", "created_at", "expires_at", "revoked_at")
_APP_FIELDS = ("id", "partner_id", "fs_id", "name", "client_id", "status", "ip_whitelist")
_CLIENT_FIELDS = (
    "id",
    "partner_id",
    "fs_id",
    "name",
    "client_id",
    "status",
    "secret_digest",
    "previous_secret_digest",
    "previous_secret_expires_at",
    "ip_whitelist",
)
_SHOP_FIELDS = tuple(field.attname for field in Shop._meta.concrete_fields)
_DATETIMES = {"created_at", "updated_at", "expires_at", "revoked_at", "previous_secret_expires_at"}


def _column_list(alias: str, model: type[Model], fields: tuple[str, ...]) -> str:
    quote = connection.ops.quote_name
    columns = {field.attname: field.column for field in model._meta.concrete_fields}
    return ", ".join(f"{alias}.{quote(columns[name])}" for name in fields)


@cache
def _token_sql(vendor: str) -> str:
    quote = connection.ops.quote_name
    return (
        f"SELECT {_column_list('t', AccessToken, _TOKEN_FIELDS)}, {_column_list('a', App, _APP_FIELDS)} "  # noqa: S608 - names from model metadata, values are parameters
        f"FROM {quote(AccessToken._meta.db_table)} t JOIN {quote(App._meta.db_table)} a ON a.id = t.app_id "
        f"WHERE t.digest = %s"
    )


@cache
def _token_shop_sql(vendor: str) -> str:
    """The token and its app, and the shop `shop_id` if actively linked to that app.

    One statement instead of two for calls naming a shop_id: the shop columns
    are NULL when the shop isn't linked to the app (or doesn't exist), and
    the token columns still tell the caller what is wrong with the token.
    The shop's row id is looked up first (a subquery on the
    unique shop_id), so the link is one probe of the active_link_by_app
    index however many shops the app holds; joined the plain way, planners
    walk every link of the app instead.
    """
    quote = connection.ops.quote_name
    shop_table = quote(Shop._meta.db_table)
    return (
        f"SELECT {_column_list('t', AccessToken, _TOKEN_FIELDS)}, {_column_list('a', App, _APP_FIELDS)}, "  # noqa: S608 - names from model metadata, values are parameters
        f"{_column_list('s', Shop, _SHOP_FIELDS)} "
        f"FROM {quote(AccessToken._meta.db_table)} t JOIN {quote(App._meta.db_table)} a ON a.id = t.app_id "
        f"LEFT JOIN {quote(ShopLink._meta.db_table)} l ON l.app_id = a.id AND l.status = '{ShopLink.Status.ACTIVE.value}' "
        f"AND l.shop_id = (SELECT s0.id FROM {shop_table} s0 WHERE s0.shop_id = %s) "
        f"LEFT JOIN {shop_table} s ON s.id = l.shop_id "
        f"WHERE t.digest = %s"
    )


@cache
def _issue_sql(vendor: str) -> str:
    """PostgreSQL only: insert a token in one autocommitted statement, without waiting for the WAL flush.

    set_config(..., true) is local to the statement's implicit transaction, so
    synchronous_commit is off for its commit only (tests read it back). A
    token lost in a database crash costs the client one more POST /token;
    the flush was most of the endpoint's latency. One statement instead of
    BEGIN, SET LOCAL, INSERT, COMMIT: four round trips down to one.
    """
    quote = connection.ops.quote_name
    columns = ", ".join(quote(name) for name in ("app_id", "digest", "scope", "client_ip", "created_at", "expires_at"))
    return (
        f"INSERT INTO {quote(AccessToken._meta.db_table)} ({columns}) "  # noqa: S608 - names from model metadata, values are parameters
        "SELECT %s, %s, %s, %s::inet, %s, %s FROM (SELECT set_config('synchronous_commit', 'off', true)) AS _ "
        f"WHERE {_failures_over_sql(vendor)} RETURNING id"
    )


@cache
def _failures_over_sql(vendor: str) -> str:
    """True while neither subject (client id, IP) is past the failure limit: the token INSERT's guard."""
    quote = connection.ops.quote_name
    return (
        f"NOT EXISTS (SELECT 1 FROM {quote(TokenFailure._meta.db_table)} f "  # noqa: S608 - as above
        "WHERE f.subject IN (%s, %s) AND f.failures >= %s AND f.window_ends > %s)"
    )


@cache
def _failure_count_sql(vendor: str) -> str:
    """Count one failure for each subject, starting a new window where the old one ended (PostgreSQL and SQLite)."""
    table = connection.ops.quote_name(TokenFailure._meta.db_table)
    return (
        f"INSERT INTO {table} AS f (subject, failures, window_ends) VALUES (%s, 1, %s), (%s, 1, %s) "  # noqa: S608 - as above
        "ON CONFLICT (subject) DO UPDATE SET "
        "failures = CASE WHEN f.window_ends <= %s THEN 1 ELSE f.failures + 1 END, "
        "window_ends = CASE WHEN f.window_ends <= %s THEN excluded.window_ends ELSE f.window_ends END "
        "RETURNING failures, window_ends"
    )


@cache
def _client_sql(vendor: str) -> str:
    table = connection.ops.quote_name(App._meta.db_table)
    return f"SELECT {_column_list('a', App, _CLIENT_FIELDS)} FROM {table} a WHERE a.client_id = %s"  # noqa: S608 - as above


@cache
def _shop_sql(vendor: str) -> str:
    quote = connection.ops.quote_name
    return (
        f"SELECT {_column_list('s', Shop, _SHOP_FIELDS)} FROM {quote(Shop._meta.db_table)} s "  # noqa: S608 - names from model metadata, values are parameters
        f"JOIN {quote(ShopLink._meta.db_table)} l ON l.shop_id = s.id "
        f"WHERE l.app_id = %s AND l.status = '{ShopLink.Status.ACTIVE.value}' AND s.shop_id = %s"
    )


def _value(name: str, value: Any) -> Any:
    if name in _DATETIMES and value is not None:
        moment = parse_datetime(value) if isinstance(value, str) else value
        assert isinstance(moment, datetime)
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # SQLite stores UTC, naive
    if name == "ip_whitelist":
        # A copy: rows may be kept and shared by later calls (rowcache.py).
        return json.loads(value) if isinstance(value, str | bytes) else list(value)
    return value


def _instance(model: type[Model], fields: tuple[str, ...], values: tuple[Any, ...]) -> Any:
    """What model.from_db(alias, fields, values) returns, without Model.__init__.

    __init__ walks every field and sends pre_init/post_init (none of these
    models has receivers): ~30 us per instance on the benchmark machine
    (three instances went from 142 to 57 us), three per Open API call.
    Columns not selected are missing from __dict__, so Django's field
    descriptors load them on access, as for from_db's deferred fields.
    """
    instance = model.__new__(model)
    instance.__dict__.update(zip(fields, map(_value, fields, values), strict=True))
    instance._state = ModelState()
    instance._state.adding = False
    instance._state.db = DEFAULT_DB_ALIAS
    return instance


if connection.vendor == "postgresql":
    from django.db.backends.postgresql.base import ServerBindingCursor  # type: ignore[attr-defined]

    class _PreparedCursor(ServerBindingCursor):
        """Binds server-side and prepares every statement on first use (then reuses the plan)."""

        def execute(self, query: Any, params: Any = None, *, prepare: bool | None = None, binary: Any = None) -> Any:
            return super().execute(query, params, prepare=True, binary=binary)


def _prepared(db: Any) -> bool:
    return db.vendor == "postgresql" and bool(settings.DB_PREPARED_STATEMENTS)


def _health_check_without_round_trip(db: Any) -> None:
    """CONN_HEALTH_CHECKS for the hot path, without Django's SELECT 1.

    Django checks a reused connection with a SELECT 1 round trip before the
    first query of each request, which was a third of an Open API call's
    database time. A connection the server has closed (restart, idle
    timeout, pg_terminate_backend) has its FATAL message or EOF waiting on
    the socket, while a healthy idle one in autocommit has nothing to read:
    a zero-timeout poll tells them apart. On anything waiting the connection
    is closed and reopened, as after a failed SELECT 1 (tested).
    """
    raw = db.connection
    if raw is None or not db.health_check_enabled or db.health_check_done:
        return
    if raw.closed or raw.broken or unread(raw):
        db.close()
    db.health_check_done = True


def _fetchone(sql: str, params: list[Any], *, keep: bool = False) -> tuple[Any, ...] | None:
    """The first row of `sql`; on PostgreSQL through a prepared statement.

    Goes the way connection.cursor() does (health check, connect, error
    wrapping, query logging for the tests' query counts), only with a
    server-binding psycopg cursor, since Django's client-binding ones can't
    be prepared. The cursor is kept for the connection (connections are per
    thread) rather than created for each query. With `keep`, the row is
    kept for the connection until PostgreSQL notifies a change
    (openapi/rowcache.py); rows not found are not kept.
    """
    # The wrapper itself, not the `connection` proxy: each attribute read
    # through the proxy is a thread-local lookup.
    db: Any = connections[DEFAULT_DB_ALIAS]
    if not _prepared(db):
        with db.cursor() as cursor:
            cursor.execute(sql, params)
            row: tuple[Any, ...] | None = cursor.fetchone()
        return row
    kept = kept_rows(db) if keep else None
    if kept is None:
        _health_check_without_round_trip(db)
        db.ensure_connection()
    else:
        key = (sql, *params)
        row = kept.rows.get(key)
        if row is not None:
            return row
        heard_before = kept.heard
    raw = db.connection
    cursor = getattr(db, "_fastpath_cursor", None)
    if cursor is None or cursor[0] is not raw or cursor[1].closed:
        cursor = db._fastpath_cursor = (raw, _PreparedCursor(raw))
    with db.wrap_database_errors:
        wrapped = db._prepare_cursor(cursor[1])
    wrapped.execute(sql, params)  # the wrapper turns psycopg errors into Django's
    with db.wrap_database_errors:
        row = cursor[1].fetchone()
    if kept is not None and row is not None:
        kept.keep(key, row, heard_before=heard_before)
    return row


def _token(row: tuple[Any, ...]) -> AccessToken:
    split = len(_TOKEN_FIELDS)
    token: AccessToken = _instance(AccessToken, _TOKEN_FIELDS, row[:split])
    token.app = _instance(App, _APP_FIELDS, row[split : split + len(_APP_FIELDS)])
    return token


def token_with_app(digest: str) -> AccessToken | None:
    row = _fetchone(_token_sql(connection.vendor), [digest], keep=True)
    return None if row is None else _token(row)


def token_with_shop(digest: str, shop_id: int) -> tuple[AccessToken | None, Shop | None]:
    """token_with_app and linked_shop(token.app_id, shop_id) in one query."""
    row = _fetchone(_token_shop_sql(connection.vendor), [shop_id, digest], keep=True)
    if row is None:
        return None, None
    shop_values = row[len(_TOKEN_FIELDS) + len(_APP_FIELDS) :]
    shop = None if shop_values[0] is None else _instance(Shop, _SHOP_FIELDS, shop_values)
    return _token(row), shop


def linked_shop(app_id: int, shop_id: int) -> Shop | None:
    row = _fetchone(_shop_sql(connection.vendor), [app_id, shop_id], keep=True)
    return None if row is None else _instance(Shop, _SHOP_FIELDS, row)


def app_by_client_id(client_id: str) -> App | None:
    """The app with this Client ID, with what authenticating it needs."""
    row = _fetchone(_client_sql(connection.vendor), [client_id], keep=True)
    return None if row is None else _instance(App, _CLIENT_FIELDS, row)


def token_insert(
    *,
    app: App,
    digest: str,
    scope: str,
    client_ip: str | None,
    created_at: datetime,
    subjects: tuple[str, str],
    ttl: int | None = None,
) -> AccessToken | None:
    """Store a new token row unless a subject (client id, IP) is past
    OPENAPI_TOKEN_FAILURES failed authentications (then None). On PostgreSQL
    in one statement, guard included, that doesn't wait for the WAL flush."""
    fields = {
        "app": app,
        "digest": digest,
        "scope": scope,
        "client_ip": client_ip or None,
        "created_at": created_at,
        "expires_at": created_at + timedelta(seconds=ttl or settings.OPENAPI_TOKEN_TTL),
    }
    if connection.vendor != "postgresql":
        # SQLite (WAL, synchronous=NORMAL) commits without an fsync already.
        if failures_over(subjects, now=created_at):
            return None
        return AccessToken.objects.create(**fields)
    row = _fetchone(
        _issue_sql(connection.vendor),
        [
            *(app.pk, digest, scope, fields["client_ip"], created_at, fields["expires_at"]),
            *(*subjects, settings.OPENAPI_TOKEN_FAILURES, created_at),
        ],
    )
    if row is None:
        return None
    token = AccessToken(id=row[0], **fields)
    token._state.adding = False
    token._state.db = DEFAULT_DB_ALIAS
    return token


def failures_over(subjects: tuple[str, str], *, now: datetime) -> bool:
    return bool(
        TokenFailure.objects.filter(
            subject__in=subjects, failures__gte=settings.OPENAPI_TOKEN_FAILURES, window_ends__gt=now
        ).exists()
    )


def failures_wait(subjects: tuple[str, str], *, now: datetime) -> int:
    """Seconds until no subject is past the limit any more (0 if none is)."""
    ends = TokenFailure.objects.filter(
        subject__in=subjects, failures__gte=settings.OPENAPI_TOKEN_FAILURES, window_ends__gt=now
    ).values_list("window_ends", flat=True)
    return max((int((end - now).total_seconds()) + 1 for end in ends), default=0)


def failures_count(subjects: tuple[str, str], *, now: datetime) -> int:
    """Count one failed authentication for each subject; the highest count now in its window."""
    ends = now + timedelta(seconds=settings.OPENAPI_TOKEN_FAILURE_WINDOW)
    with connection.cursor() as cursor:
        cursor.execute(_failure_count_sql(connection.vendor), [subjects[0], ends, subjects[1], ends, now, now])
        return max(int(row[0]) for row in cursor.fetchall())
