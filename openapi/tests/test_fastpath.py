from __future__ import annotations

import select

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from openapi import fastpath
from openapi.models import AccessToken
from openapi.selectors import app_shops
from openapi.services import access_token_issue
from openapi.tokens import token_digest
from shops.models import ShopLink
from shops.tests.factories import ShopFactory

from .helpers import Setup, partner_with_app


def test_the_token_lookup_matches_the_orm(alice: Setup) -> None:
    alice.app.ip_whitelist = ["10.0.0.0/8"]
    alice.app.save()
    token = alice.token()
    fast = fastpath.token_with_app(token_digest(token))
    orm = AccessToken.objects.select_related("app").get(digest=token_digest(token))
    for name in ["id", "app_id", "scope", "created_at", "expires_at", "revoked_at"]:
        assert getattr(fast, name) == getattr(orm, name), name
    for name in ["id", "partner_id", "fs_id", "name", "client_id", "status", "ip_whitelist", "description"]:
        assert getattr(fast.app, name) == getattr(orm.app, name), name
    assert fast.is_active() and fast.app.ip_allowed("10.1.2.3")
    assert fastpath.token_with_app("0" * 64) is None


def test_the_shop_lookup_matches_the_orm(alice: Setup, charlie: Setup) -> None:
    fast = fastpath.linked_shop(alice.app.pk, alice.shop.shop_id)
    orm = app_shops(alice.app).get(shop_id=alice.shop.shop_id)
    assert [getattr(fast, f.attname) for f in orm._meta.concrete_fields] == [
        getattr(orm, f.attname) for f in orm._meta.concrete_fields
    ]
    assert fastpath.linked_shop(alice.app.pk, charlie.shop.shop_id) is None
    assert fastpath.linked_shop(alice.app.pk, ShopFactory().shop_id) is None


def test_the_client_lookup_matches_the_orm(alice: Setup) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from apps_mgmt.models import App

    App.objects.filter(pk=alice.app.pk).update(
        previous_secret_digest="ab" * 32, previous_secret_expires_at=timezone.now() + timedelta(hours=1)
    )
    fast = fastpath.app_by_client_id(alice.app.client_id)
    orm = App.objects.get(pk=alice.app.pk)
    assert [getattr(fast, f.attname) for f in orm._meta.concrete_fields] == [
        getattr(orm, f.attname) for f in orm._meta.concrete_fields
    ]
    assert fast.check_secret(alice.secret)
    assert fastpath.app_by_client_id("nobody") is None


def test_the_token_and_shop_lookup_matches_the_orm(alice: Setup, charlie: Setup) -> None:
    token = alice.token()
    fast_token, fast_shop = fastpath.token_with_shop(token_digest(token), alice.shop.shop_id)
    orm = app_shops(alice.app).get(shop_id=alice.shop.shop_id)
    assert fast_token is not None and fast_shop is not None
    assert fast_token.pk == AccessToken.objects.get(digest=token_digest(token)).pk
    assert fast_token.app.client_id == alice.app.client_id
    assert [getattr(fast_shop, f.attname) for f in orm._meta.concrete_fields] == [
        getattr(orm, f.attname) for f in orm._meta.concrete_fields
    ]
    # Another partner's shop, an unlinked shop, a shop_id nobody has: the
    # token still comes back (its own checks decide), without a shop.
    for shop_id in [charlie.shop.shop_id, ShopFactory().shop_id, 10**17]:
        fast_token, fast_shop = fastpath.token_with_shop(token_digest(token), shop_id)
        assert fast_token is not None and fast_token.app.pk == alice.app.pk
        assert fast_shop is None
    assert fastpath.token_with_shop("0" * 64, alice.shop.shop_id) == (None, None)


def test_the_token_and_shop_lookup_sees_a_removed_link_at_once(alice: Setup) -> None:
    token = alice.token()
    ShopLink.objects.filter(app=alice.app, shop=alice.shop).update(status=ShopLink.Status.REMOVED)
    fast_token, fast_shop = fastpath.token_with_shop(token_digest(token), alice.shop.shop_id)
    assert fast_token is not None and fast_shop is None


def test_an_issued_token_is_stored_as_the_orm_would(alice: Setup) -> None:
    issued = access_token_issue(app=alice.app, scope="open_api", client_ip="10.1.2.3")
    stored = AccessToken.objects.get(pk=issued.access_token.pk)
    assert stored.digest == token_digest(issued.token)
    assert (stored.app_id, stored.scope, stored.client_ip) == (alice.app.pk, "open_api", "10.1.2.3")
    for name in ["created_at", "expires_at", "digest", "scope", "client_ip", "app_id"]:
        assert getattr(issued.access_token, name) == getattr(stored, name), name
    assert (stored.expires_at - stored.created_at).total_seconds() == settings.OPENAPI_TOKEN_TTL
    assert AccessToken.objects.get(pk=access_token_issue(app=alice.app).access_token.pk).client_ip is None


@pytest.mark.usefixtures("postgres", "transactional_db")
def test_the_token_insert_commits_without_waiting_for_the_flush_and_only_itself() -> None:
    alice = partner_with_app()
    sql = fastpath._issue_sql("postgresql").replace("RETURNING id", "RETURNING current_setting('synchronous_commit')")
    now = timezone.now()
    with connection.cursor() as cursor:
        assert not connection.in_atomic_block
        cursor.execute(sql, [alice.app.pk, "d" * 64, "", None, now, now, "client:x", "ip:y", 10, now])
        assert cursor.fetchone() == ("off",)
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone() == ("on",)
    assert AccessToken.objects.filter(digest="d" * 64).exists()


@pytest.mark.usefixtures("postgres")
def test_the_hot_statements_are_prepared_on_postgresql(alice: Setup) -> None:
    if not settings.DB_PREPARED_STATEMENTS:
        pytest.skip("DB_PREPARED_STATEMENTS is off")
    token = alice.token()
    fastpath.token_with_shop(token_digest(token), alice.shop.shop_id)
    fastpath.app_by_client_id(alice.app.client_id)
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any("set_config('synchronous_commit'" in sql for sql in prepared)
    assert any("LEFT JOIN" in sql for sql in prepared)
    assert any("client_id" in sql and "JOIN" not in sql for sql in prepared)


@pytest.mark.usefixtures("postgres", "transactional_db")
def test_a_connection_the_server_closed_is_replaced_before_the_next_call() -> None:
    alice = partner_with_app()
    token = alice.token()
    assert fastpath.token_with_app(token_digest(token)) is not None
    before = connection.connection
    # A new request on the same healthy connection: no reconnection.
    connection.close_if_unusable_or_obsolete()
    assert fastpath.token_with_app(token_digest(token)) is not None
    assert connection.connection is before
    # The server drops the connection between two requests (restart, idle timeout).
    pid = before.info.backend_pid
    other = connection.get_new_connection(connection.get_connection_params())
    try:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        other.close()
    for _ in range(100):  # the FATAL message reaches the socket asynchronously
        if select.select([before.fileno()], [], [], 0.05)[0]:
            break
    connection.close_if_unusable_or_obsolete()
    assert fastpath.token_with_app(token_digest(token)) is not None
    assert connection.connection is not before
    assert connection.connection.info.backend_pid != pid
