from __future__ import annotations

import html as html_lib

import pytest
from django.test import Client

from apps_mgmt.models import App, LegacyApp
from apps_mgmt.services import IMPORT_FAILED, legacy_app_save
from apps_mgmt.tests.factories import issue_app
from audit.models import AuditEvent
from partners.models import Partner
from partners.tests.factories import PartnerFactory
from shops.models import ShopLink
from shops.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db

SECRET = "legacy-secret-for-tests-0001"
FS_ID = 13_500_001
CLIENT_ID = "legacy-client-0001"


@pytest.fixture
def legacy() -> LegacyApp:
    shops = [ShopFactory(shop_id=70_001), ShopFactory(shop_id=70_002), ShopFactory(shop_id=70_003)]
    # 70_003 already belongs to another partner; 79_999 isn't in the catalogue.
    ShopLink.objects.create(partner=PartnerFactory(), shop=shops[2], status=ShopLink.Status.ACTIVE)
    app, _ = legacy_app_save(
        fs_id=FS_ID,
        client_id=CLIENT_ID,
        name="Old Order Sync",
        shop_ids=[70_001, 70_002, 70_003, 79_999],
        client_secret=SECRET,
        actor=None,
    )
    return app


def _text(response) -> str:
    return html_lib.unescape(response.content.decode())


def _import(client: Client, fs_id: object = FS_ID, client_id: str = CLIENT_ID, secret: str = SECRET, **extra):
    return client.post(
        "/apps/import/", {"app_id": fs_id, "client_id": client_id, "client_secret": secret}, follow=True, **extra
    )


def test_alice_imports_a_legacy_app_with_its_credentials_and_shops(
    alice: Client, alice_partner: Partner, legacy: LegacyApp
) -> None:
    response = _import(alice)
    app = App.objects.get(fs_id=FS_ID)
    assert response.redirect_chain[-1][0] == f"/apps/{FS_ID}/auth/"
    html = _text(response)
    assert "Imported Old Order Sync with 2 shops" in html
    assert "Shop 70003 was not linked: linked to another partner" in html
    assert "Shop 79999 was not linked: not in the shop catalogue" in html
    assert SECRET not in html and app.masked_secret in html  # she knows it: only the masked form
    assert app.partner == alice_partner and app.client_id == CLIENT_ID and app.check_secret(SECRET)
    assert app.secret_digest == LegacyApp.objects.get(fs_id=FS_ID).secret_digest
    links = ShopLink.objects.filter(app=app, status=ShopLink.Status.ACTIVE)
    assert sorted(link.shop.shop_id for link in links) == [70_001, 70_002]
    legacy.refresh_from_db()
    assert legacy.claimed_by == alice_partner and legacy.claimed_app == app and legacy.is_claimed
    assert AuditEvent.objects.filter(action="app.import", partner=alice_partner).count() == 1


@pytest.mark.parametrize(
    "wrong",
    [
        {"fs_id": FS_ID + 1},
        {"client_id": "legacy-client-9999"},
        {"secret": SECRET + "x"},
    ],
    ids=["app-id", "client-id", "client-secret"],
)
def test_each_wrong_field_alone_gets_the_same_message(alice: Client, legacy: LegacyApp, wrong: dict) -> None:
    response = _import(alice, **wrong)
    assert response.status_code == 400
    assert IMPORT_FAILED in _text(response)
    assert not App.objects.filter(fs_id=FS_ID).exists()
    assert SECRET not in _text(response)  # the secret is never sent back
    assert 'value="legacy-client' in _text(response)  # the rest of what she typed stays


def test_a_claimed_legacy_app_gets_the_same_message(alice: Client, charlie: Client, legacy: LegacyApp) -> None:
    _import(charlie)
    response = _import(alice)
    assert IMPORT_FAILED in _text(response)
    assert App.objects.filter(fs_id=FS_ID).count() == 1


def test_failed_attempts_are_rate_limited_per_account(alice: Client, legacy: LegacyApp, settings) -> None:
    settings.APP_IMPORT_MAX_FAILURES = 3
    for _ in range(3):
        assert IMPORT_FAILED in _text(_import(alice, secret="wrong-secret"))
    # Over the limit even the right credentials are refused, with a wait.
    html = _text(_import(alice))
    assert "Too many failed import attempts. Wait" in html
    assert not App.objects.filter(fs_id=FS_ID).exists()


def test_failed_attempts_are_rate_limited_per_ip_across_accounts(
    alice: Client, charlie: Client, legacy: LegacyApp, settings
) -> None:
    settings.APP_IMPORT_MAX_FAILURES = 2
    _import(charlie, secret="wrong-1", REMOTE_ADDR="198.51.100.9")
    _import(charlie, secret="wrong-2", REMOTE_ADDR="198.51.100.9")
    assert "Too many failed import attempts" in _text(_import(alice, REMOTE_ADDR="198.51.100.9"))
    assert "Imported" in _text(_import(alice, REMOTE_ADDR="203.0.113.1"))


def test_an_import_counts_toward_the_limit_of_five(alice: Client, alice_partner: Partner, legacy: LegacyApp) -> None:
    for n in range(5):
        issue_app(alice_partner, name=f"App {n}")
    html = _text(_import(alice))
    assert "at most 5 live apps" in html
    assert not LegacyApp.objects.get(fs_id=FS_ID).is_claimed


def test_a_non_numeric_app_id_is_a_format_error(alice: Client, legacy: LegacyApp) -> None:
    response = _import(alice, fs_id="abc")
    assert "The App ID is a number" in _text(response)


def test_new_apps_never_take_a_legacy_app_id(alice_partner: Partner, legacy: LegacyApp, monkeypatch) -> None:
    from apps_mgmt import credentials

    ids = iter([FS_ID, FS_ID + 10])
    monkeypatch.setattr(credentials, "new_fs_id", lambda: next(ids))
    assert issue_app(alice_partner).app.fs_id == FS_ID + 10
