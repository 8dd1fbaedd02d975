"""The apps area's actions, seen from the token endpoint and the API: a
regenerated secret with a grace window, a suspension and a deletion."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client

from accounts.tests.factories import StaffFactory
from apps_mgmt.services import app_delete, app_reinstate, app_suspend, client_secret_regenerate
from apps_mgmt.tests.factories import issue_app
from openapi.services import access_token_issue

from .helpers import Setup, token_status


def test_both_secrets_work_during_the_grace_window_and_then_only_the_new_one(client: Client, alice: Setup) -> None:
    old = alice.secret
    new = client_secret_regenerate(app=alice.app, grace=timedelta(hours=1), actor=None).client_secret
    assert token_status(client, alice.app.client_id, old) == 200
    assert token_status(client, alice.app.client_id, new) == 200

    alice.app.refresh_from_db()
    alice.app.previous_secret_expires_at -= timedelta(hours=1, seconds=1)  # the hour has passed
    alice.app.save(update_fields=["previous_secret_expires_at"])
    assert token_status(client, alice.app.client_id, old) == 401
    assert token_status(client, alice.app.client_id, new) == 200


def test_without_a_grace_window_the_old_secret_stops_at_once(client: Client, alice: Setup) -> None:
    new = client_secret_regenerate(app=alice.app, grace=timedelta(0), actor=None).client_secret
    assert token_status(client, alice.app.client_id, alice.secret) == 401
    assert token_status(client, alice.app.client_id, new) == 200


def test_a_suspension_stops_issued_tokens_for_good_and_a_reinstated_app_gets_new_ones(
    client: Client, alice: Setup
) -> None:
    path = f"/v1/shop/fs/{alice.app.fs_id}/shop-info?shop_id={alice.shop.shop_id}"
    bearer = alice.bearer()
    assert client.get(path, **bearer).status_code == 200

    sam = StaffFactory()
    app_suspend(app=alice.app, actor=sam, reason="Abuse report")
    response = client.get(path, **bearer)
    assert response.status_code == 401
    assert response.json()["header"]["error_code"] == "AUTH_APP_SUSPENDED"
    assert token_status(client, alice.app.client_id, alice.secret) == 401

    app_reinstate(app=alice.app, actor=sam)
    # Tokens issued before the suspension stay dead; the app asks for new ones.
    assert client.get(path, **bearer).status_code == 401
    assert token_status(client, alice.app.client_id, alice.secret) == 200
    assert client.get(path, **alice.bearer()).status_code == 200


def test_a_deleted_apps_tokens_die_with_it(client: Client, alice: Setup) -> None:
    issued = issue_app(alice.app.partner, name="Second")
    token = access_token_issue(app=issued.app).token
    path = f"/v1/shop/fs/{issued.app.fs_id}/shop-info"
    assert client.get(path, HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200

    app_delete(app=issued.app, actor=None)
    assert client.get(path, HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
    assert token_status(client, issued.app.client_id, issued.client_secret) == 401
