"""The app list and Authentication Management run a flat number of queries
however many apps (1 to 5) and linked shops (1 to 100) the account has."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from apps_mgmt.models import App
from apps_mgmt.tests.factories import issue_app
from partners.models import Partner
from shops.models import ShopLink
from shops.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


def _grow(partner: Partner, apps: int, shops: int) -> App:
    made = [issue_app(partner, name=f"App {n}").app for n in range(apps)]
    for shop in ShopFactory.create_batch(shops):
        ShopLink.objects.create(partner=partner, app=made[0], shop=shop, status=ShopLink.Status.ACTIVE)
    return made[0]


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_app_list_runs_the_same_queries_for_one_app_or_five_with_100_shops(
    alice: Client, alice_partner: Partner, django_assert_max_num_queries
) -> None:
    _grow(alice_partner, apps=1, shops=1)
    small = _count(alice, "/apps/")
    App.objects.all().delete()
    _grow(alice_partner, apps=5, shops=100)
    with django_assert_max_num_queries(small):
        html = alice.get("/apps/").content.decode()
    assert "100 active" in html and html.count('class="card app-card"') == 5


def test_authentication_management_runs_the_same_queries_with_100_shops(
    alice: Client, alice_partner: Partner, django_assert_max_num_queries
) -> None:
    app = _grow(alice_partner, apps=1, shops=1)
    small = _count(alice, f"/apps/{app.fs_id}/auth/")
    ShopLink.objects.all().delete()
    App.objects.all().delete()
    app = _grow(alice_partner, apps=5, shops=100)
    with django_assert_max_num_queries(small):
        html = alice.get(f"/apps/{app.fs_id}/auth/").content.decode()
    assert "100 active shops" in html
