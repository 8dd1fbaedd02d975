"""The playground page, saved requests, the dashboard's Getting started card, and in-process dispatch."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.http import HttpRequest, JsonResponse
from django.test import Client
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

from apps_mgmt.tests.factories import issue_app
from audit.models import AuditEvent
from calllogs.recorder import recorder
from openapi.services import access_token_issue
from partners.models import Partner
from partners.tests.factories import PartnerFactory
from playground.dispatch import open_api_call
from playground.models import PlaygroundCall, SavedRequest

from .conftest import Alice, alices_account
from .factories import past_calls, saved_requests

pytestmark = pytest.mark.django_db


def test_the_apps_menu_links_the_playground_which_offers_the_endpoints_and_code(alice: Alice) -> None:
    client = alice.client()
    auth = client.get(f"/apps/{alice.app.fs_id}/auth/").content.decode()
    assert f'<a href="{alice.page}">API Playground</a>' in auth
    html = client.get(alice.page).content.decode()
    assert '<a href="/apps/' in html and 'aria-current="page">API Playground</a>' in html
    assert html.index(">Shop</h3>") < html.index(">Product</h3>") < html.index(">Order</h3>")
    assert '<span class="pg-path">/<wbr>v1/<wbr>shop/<wbr>fs/<wbr>{fs_id}/<wbr>shop-info</span>' in html
    assert f"curl -sS -X GET http://testserver/v1/shop/fs/{alice.app.fs_id}/shop-info" in html
    assert f"-u {alice.app.client_id}:&quot;$CLIENT_SECRET&quot;" in html
    assert alice.secret not in html


def test_shop_and_order_fields_offer_the_apps_own(alice: Alice) -> None:
    html = alice.client().get(f"{alice.page}?op=order_ack").content.decode()
    latest = alice.shop.sandbox_orders.order_by("-created_at", "-order_id").first()
    assert re.search(rf'id="id_param_order_id"[^>]*value="{latest.order_id}"', html)
    assert f'<option value="{latest.order_id}">{latest.order_id} · {latest.invoice_number}' in html
    html = alice.client().get(f"{alice.page}?op=stock_update").content.decode()
    assert f'<option value="{alice.shop.shop_id}">{alice.shop.shop_id} · Toko Alice</option>' in html
    product = alice.shop.sandbox_products.order_by("product_id").first()
    assert f"&quot;product_id&quot;: {product.product_id}" in html  # the body's example uses the app's product


def test_saved_requests_are_shared_by_the_team_and_reopen_filled_in(alice: Alice) -> None:
    client = alice.client()
    response = client.post(
        f"{alice.page}saved/", {"operation": "shop_info", "param_per_page": "3", "name": "Three shops"}
    )
    saved = SavedRequest.objects.get()
    assert response["Location"] == f"{alice.page}?saved={saved.pk}"
    assert (saved.name, saved.values, saved.created_by) == ("Three shops", {"per_page": "3"}, alice.user)
    assert AuditEvent.objects.filter(action="playground.saved_request_create").count() == 1
    bobs = alice.client(alice.bob).get(alice.page).content.decode()
    assert "Three shops" in bobs and alice.user.email in bobs
    reopened = alice.client(alice.bob).get(f"{alice.page}?saved={saved.pk}").content.decode()
    assert re.search(r'id="id_param_per_page"[^>]*value="3"', reopened)
    again = client.post(f"{alice.page}saved/", {"operation": "shop_info", "name": "Three shops"})
    assert again.status_code == 400 and "already named" in again.content.decode()
    invalid = client.post(f"{alice.page}saved/", {"operation": "shop_info", "param_page": "0", "name": "Bad"})
    assert invalid.status_code == 400 and SavedRequest.objects.count() == 1
    alice.client(alice.bob).post(f"{alice.page}saved/{saved.pk}/delete/")
    assert not SavedRequest.objects.exists()
    assert AuditEvent.objects.filter(action="playground.saved_request_delete", actor=alice.bob).count() == 1


def test_another_account_sees_none_of_it(alice: Alice) -> None:
    charlie = alices_account()
    saved = SavedRequest.objects.create(app=alice.app, name="Mine", operation="shop_info")
    assert charlie.client().get(alice.page).status_code == 404
    assert charlie.client().post(f"{alice.page}send/", {"operation": "shop_info"}).status_code == 404
    assert charlie.client().post(f"{alice.page}saved/{saved.pk}/delete/").status_code == 404
    assert charlie.client().get(f"{charlie.page}?saved={saved.pk}").status_code == 404
    assert SavedRequest.objects.count() == 1 and not PlaygroundCall.objects.exists()


def _history(alice: Alice, count: int) -> None:
    past_calls(alice.app, alice.user, count)
    saved_requests(alice.app, alice.user, count)


@pytest.mark.parametrize("rows", [1, 50])
def test_the_page_makes_the_same_few_queries_however_long_the_history(
    alice: Alice, rows: int, django_assert_max_num_queries: Any
) -> None:
    _history(alice, rows)
    client = alice.client()
    client.get(alice.page)  # sessions and the catalogue warmed
    with django_assert_max_num_queries(12):
        html = client.get(alice.page).content.decode()
    assert html.count('name="rerun"') == rows
    call = PlaygroundCall.objects.filter(user=alice.user).first()
    with django_assert_max_num_queries(13):
        assert client.get(f"{alice.page}?call={call.pk}").status_code == 200


def test_getting_started_shows_an_active_partners_first_call_until_it_is_made(alice: Alice) -> None:
    client = alice.client()
    html = client.get("/").content.decode()
    assert "Getting started" in html
    assert f'id="getting-started-client-id">{alice.app.client_id}<' in html
    assert "http://testserver/token?grant_type=client_credentials" in html
    assert f"curl -sS -X GET http://testserver/v1/shop/fs/{alice.app.fs_id}/shop-info" in html
    assert f'href="{alice.page}?op=shop_info"' in html
    token = access_token_issue(app=alice.app).token
    Client().get(f"/v1/shop/fs/{alice.app.fs_id}/shop-info", HTTP_AUTHORIZATION=f"Bearer {token}")
    recorder.flush()  # as the recorder's thread does, within a second
    assert "Getting started" not in client.get("/").content.decode()


def test_getting_started_waits_for_the_account_to_be_active(db: None) -> None:
    partner = PartnerFactory(status=Partner.Status.SUBMITTED)
    client = Client()
    client.force_login(partner.super_admin)
    assert "Getting started" not in client.get("/").content.decode()


@csrf_exempt  # as the Open API's views are
def _echo(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        {
            "source": request.META.get("console.call_source"),
            "ip": request.META["REMOTE_ADDR"],
            "secure": request.is_secure(),
            "body": request.body.decode(),
        }
    )


urlpatterns = [path("echo", _echo), path("", include("console.urls"))]


def test_dispatch_marks_the_call_as_the_playgrounds_and_keeps_the_members_address(settings: Any) -> None:
    settings.ROOT_URLCONF = __name__
    answer = open_api_call(
        method="POST",
        url="/echo",
        headers={"Content-Type": "application/json"},
        body=b"{}",
        host="testserver",
        scheme="https",
        remote_addr="203.0.113.9",
    )
    assert answer.status == 200
    assert answer.body == b'{"source": "playground", "ip": "203.0.113.9", "secure": true, "body": "{}"}'
    with pytest.raises(ValueError, match="own paths"):
        open_api_call(
            method="GET", url="http://169.254.169.254/", headers={}, body=b"", host="x", scheme="http", remote_addr=""
        )


def test_a_link_from_outside_an_app_goes_to_the_members_app_or_asks_which(alice: Alice) -> None:
    client = alice.client()
    response = client.get("/apps/playground/?op=order_ack")
    assert response["Location"] == f"{alice.page}?op=order_ack"
    assert client.get("/apps/playground/?op=nonsense")["Location"] == alice.page
    second = issue_app(alice.app.partner, name="Second app").app
    html = client.get("/apps/playground/?op=order_ack").content.decode()
    assert f'href="{alice.page}?op=order_ack"' in html
    assert f'href="/apps/{second.fs_id}/playground/?op=order_ack"' in html
    assert "as which app?" in html


def test_a_link_from_outside_an_app_sends_someone_without_apps_to_the_app_list(db: None) -> None:
    client = Client()
    client.force_login(PartnerFactory(status=Partner.Status.ACTIVE).super_admin)
    assert client.get("/apps/playground/?op=shop_info")["Location"] == "/apps/"


def test_the_reference_links_each_endpoint_the_playground_offers() -> None:
    from playground.templatetags.playground import playground_link

    assert playground_link("order_list") == "/apps/playground/?op=order_list"
    assert playground_link("token") == playground_link("token_introspect") == ""
