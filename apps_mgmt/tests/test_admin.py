from __future__ import annotations

import pytest
from django.test import Client

from accounts.tests.factories import StaffFactory
from apps_mgmt.models import App, LegacyApp
from apps_mgmt.tests.factories import issue_app
from audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def sam(client: Client) -> Client:
    client.force_login(StaffFactory(is_superuser=True))
    return client


def test_staff_see_every_accounts_apps(sam: Client) -> None:
    first, second = issue_app(name="First app").app, issue_app(name="Second app").app
    html = sam.get("/staff/admin/apps_mgmt/app/").content.decode()
    assert "First app" in html and "Second app" in html
    assert str(first.partner) in html and str(second.fs_id) in html


def test_staff_suspend_and_reinstate_through_admin_actions(sam: Client) -> None:
    app = issue_app().app
    url = "/staff/admin/apps_mgmt/app/"
    response = sam.post(url, {"action": "suspend", "_selected_action": [app.pk]}, follow=True)
    assert "1 app suspended" in response.content.decode()
    app.refresh_from_db()
    assert app.status == App.Status.SUSPENDED
    sam.post(url, {"action": "reinstate", "_selected_action": [app.pk]}, follow=True)
    app.refresh_from_db()
    assert app.is_live
    assert AuditEvent.objects.filter(target_id=str(app.pk), action="app.suspend").exists()


def test_staff_add_a_legacy_app_whose_secret_is_stored_hashed(sam: Client) -> None:
    response = sam.post(
        "/staff/admin/apps_mgmt/legacyapp/add/",
        {
            "fs_id": 15000001,
            "client_id": "legacy-x",
            "name": "Old",
            "client_secret": "s3cret-value-1",
            "shop_ids_text": "10001, 10002",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    legacy = LegacyApp.objects.get(fs_id=15000001)
    assert legacy.shop_ids == [10001, 10002]
    assert legacy.secret_hint == "ue-1" and "s3cret" not in legacy.secret_digest
    assert AuditEvent.objects.filter(action="legacy_app.created").exists()


def test_staff_cant_give_a_legacy_app_an_id_a_console_app_uses(sam: Client) -> None:
    app = issue_app().app
    response = sam.post(
        "/staff/admin/apps_mgmt/legacyapp/add/",
        {
            "fs_id": app.fs_id,
            "client_id": "legacy-y",
            "name": "Clash",
            "client_secret": "whatever-123",
            "shop_ids_text": "",
        },
    )
    assert response.status_code == 200
    assert "is already used by an app in the console" in response.content.decode()
    assert not LegacyApp.objects.exists()
