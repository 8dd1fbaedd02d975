"""Kept rows (openapi/rowcache.py): a call after a change sees the change,
whichever connection made it, while repeated calls skip the lookup."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from apps_mgmt.services import app_reinstate, app_suspend, app_whitelist_update, client_secret_regenerate
from openapi.rowcache import KeptRows
from openapi.services import access_tokens_revoke
from shops.models import Shop, ShopLink
from shops.services.links import shop_link_remove
from shops.tests.factories import ShopFactory

from .helpers import Setup, partner_with_app, token_status

pytestmark = pytest.mark.usefixtures("postgres", "transactional_db")


def shop_info(client: Client, alice: Setup, token: str, shop: Shop | None = None) -> tuple[int, dict]:
    shop_id = (shop or alice.shop).shop_id
    response = client.get(
        f"/v1/shop/fs/{alice.app.fs_id}/shop-info?shop_id={shop_id}", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    return response.status_code, response.json()


def test_a_repeated_call_makes_no_query(client: Client) -> None:
    alice = partner_with_app()
    token = alice.token()
    with CaptureQueriesContext(connection) as first:
        assert shop_info(client, alice, token)[0] == 200
    with CaptureQueriesContext(connection) as second:
        assert shop_info(client, alice, token)[0] == 200
    assert len(first) >= 1 and len(second) == 0


def _suspend(alice: Setup) -> None:
    app_suspend(app=alice.app, actor=None, reason="abuse")


def _revoke(alice: Setup) -> None:
    access_tokens_revoke(app=alice.app, actor=None)


def _unlink(alice: Setup) -> None:
    shop_link_remove(link=ShopLink.objects.get(app=alice.app, shop=alice.shop), actor=None)


def _whitelist_elsewhere(alice: Setup) -> None:
    app_whitelist_update(app=alice.app, text="10.0.0.0/8", actor=None)


@pytest.mark.parametrize(
    ("change", "status", "error_code"),
    [
        (_suspend, 401, "AUTH_APP_SUSPENDED"),
        (_revoke, 401, "AUTH_TOKEN_INVALID"),
        (_unlink, 403, "RBAC_MDLW_001"),
        (_whitelist_elsewhere, 403, "AUTH_IP_NOT_ALLOWED"),
    ],
)
def test_the_call_after_a_change_sees_it(
    client: Client, change: Callable[[Setup], None], status: int, error_code: str
) -> None:
    alice = partner_with_app()
    token = alice.token()
    assert shop_info(client, alice, token)[0] == 200
    change(alice)
    got, body = shop_info(client, alice, token)
    assert (got, body["header"]["error_code"]) == (status, error_code)


def test_a_reinstated_app_and_a_newly_linked_shop_work_on_the_next_call(client: Client) -> None:
    alice = partner_with_app()
    token = alice.token()
    other = ShopFactory()
    assert shop_info(client, alice, token, other)[0] == 403  # its token row is kept, shop-less
    ShopLink.objects.create(partner=alice.app.partner, app=alice.app, shop=other, status=ShopLink.Status.ACTIVE)
    assert shop_info(client, alice, token, other)[0] == 200
    _suspend(alice)
    assert shop_info(client, alice, token)[0] == 401
    app_reinstate(app=alice.app, actor=None, reason="cleared")
    # The suspension revoked the old token (the kept row saw it); a new one works at once.
    assert shop_info(client, alice, token)[0] == 401
    assert shop_info(client, alice, alice.token())[0] == 200


def test_a_catalogue_edit_shows_in_the_next_answer(client: Client) -> None:
    alice = partner_with_app()
    token = alice.token()
    assert shop_info(client, alice, token)[1]["data"][0]["shop_name"] == alice.shop.name
    Shop.objects.filter(pk=alice.shop.pk).update(name="Renamed Official Store")
    assert shop_info(client, alice, token)[1]["data"][0]["shop_name"] == "Renamed Official Store"


def test_a_regenerated_secret_replaces_the_kept_client_at_once(client: Client) -> None:
    alice = partner_with_app()
    assert token_status(client, alice.app.client_id, alice.secret) == 200
    new = client_secret_regenerate(app=alice.app, grace=timedelta(0), actor=None).client_secret
    assert token_status(client, alice.app.client_id, alice.secret) == 401
    assert token_status(client, alice.app.client_id, new) == 200


def test_a_change_committed_by_another_connection_reaches_this_one(client: Client) -> None:
    alice = partner_with_app()
    token = alice.token()
    assert shop_info(client, alice, token)[0] == 200

    def suspend_elsewhere() -> None:
        try:
            _suspend(alice)
        finally:
            connection.close()

    other = threading.Thread(target=suspend_elsewhere)
    other.start()
    other.join()
    # The other backend's notification reaches this connection's socket
    # asynchronously, right after that commit; give it a bounded time.
    deadline = time.monotonic() + 2
    while shop_info(client, alice, token)[0] == 200 and time.monotonic() < deadline:
        time.sleep(0.001)
    assert shop_info(client, alice, token)[0] == 401


def test_nothing_is_kept_inside_a_transaction(client: Client) -> None:
    alice = partner_with_app()
    token = alice.token()
    with transaction.atomic():
        assert shop_info(client, alice, token)[0] == 200
        kept = getattr(connection, "_openapi_kept_rows", None)
        assert kept is None or not kept.rows
        with CaptureQueriesContext(connection) as queries:
            assert shop_info(client, alice, token)[0] == 200
        assert len(queries) == 1


def test_a_row_read_while_a_notification_arrived_is_not_kept() -> None:
    kept = KeptRows(raw=None)
    heard_before = kept.heard
    kept.forget()  # a notification, handled while the row was being read
    kept.keep(("sql", 1), ("row",), heard_before=heard_before)
    assert kept.rows == {}
    kept.keep(("sql", 1), ("row",), heard_before=kept.heard)
    assert kept.rows == {("sql", 1): ("row",)}
