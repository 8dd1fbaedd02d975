"""The demo partner `make run` leaves, and `manage.py demo_credentials` (an interface: checks rely on it)."""

from __future__ import annotations

import base64
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from apps_mgmt.models import App
from demo.partner import DEMO_EMAIL, DEMO_PASSWORD
from partners.models import Partner
from shops.models import ShopLink

pytestmark = pytest.mark.django_db


def credentials() -> dict:
    out = io.StringIO()
    call_command("demo_credentials", stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def seeded(settings) -> None:
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())


def test_the_seed_leaves_an_active_demo_partner_with_a_default_app_and_three_shops(seeded, client: Client) -> None:
    call_command("seed_demo", stdout=io.StringIO())  # a second run changes nothing
    partner = Partner.objects.get(memberships__user__email=DEMO_EMAIL)
    assert partner.status == Partner.Status.ACTIVE
    app = App.objects.get(partner=partner)
    assert ShopLink.objects.filter(app=app, status=ShopLink.Status.ACTIVE).count() == 3
    assert client.login(email=DEMO_EMAIL, password=DEMO_PASSWORD)
    assert str(app.fs_id) in client.get("/apps/").content.decode()


def test_demo_credentials_print_json_that_works_against_the_open_api(seeded, client: Client) -> None:
    creds = credentials()
    assert set(creds) == {"fs_id", "client_id", "client_secret", "shop_ids", "other_shop_id"}
    assert len(creds["shop_ids"]) == 3 and creds["other_shop_id"] not in creds["shop_ids"]
    basic = base64.b64encode(f"{creds['client_id']}:{creds['client_secret']}".encode()).decode()
    token = client.post("/token?grant_type=client_credentials", HTTP_AUTHORIZATION=f"Basic {basic}").json()
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {token['access_token']}"}
    url = f"/v1/shop/fs/{creds['fs_id']}/shop-info"
    assert client.get(url, {"shop_id": creds["shop_ids"][0]}, **bearer).status_code == 200
    refused = client.get(url, {"shop_id": creds["other_shop_id"]}, **bearer)
    assert refused.status_code == 403
    assert refused.json()["header"]["error_code"] == "RBAC_MDLW_001"


def test_each_call_issues_a_fresh_secret_and_the_last_one_keeps_working_for_a_while(seeded) -> None:
    first, second = credentials(), credentials()
    assert first["client_secret"] != second["client_secret"]
    app = App.objects.get(fs_id=first["fs_id"])
    assert app.check_secret(second["client_secret"]) and app.check_secret(first["client_secret"])


def test_demo_credentials_refuse_with_debug_off(seeded, settings) -> None:
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo_credentials")


def test_demo_credentials_say_to_seed_first_when_there_is_no_demo_partner(settings) -> None:
    settings.DEBUG = True
    with pytest.raises(CommandError, match="seed_demo"):
        call_command("demo_credentials")
