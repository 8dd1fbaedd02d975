"""Log History: the app's calls, newest first, filtered, with a detail page, CSV and a chart."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from calllogs.models import CallLog
from openapi.tests.helpers import Setup
from partners.models import PartnerMember
from partners.tests.factories import add_member

from .helpers import record, shop_info, store, written

pytestmark = pytest.mark.django_db

ORDERS = "/v2/order/list"


def _signed_in(client: Client, setup: Setup) -> Client:
    client.force_login(setup.app.partner.super_admin)
    return client


def _logs(setup: Setup) -> str:
    return f"/apps/{setup.app.fs_id}/logs/"


def test_alice_sees_her_calls_newest_first_with_the_request_id_she_got(client: Client, alice: Setup) -> None:
    api = Client()
    first = shop_info(api, alice)
    second = shop_info(api, alice, shop_id=999_999)
    written()
    page = _signed_in(client, alice).get(_logs(alice))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'aria-current="page">Log History<' in html
    assert html.index(second["X-Request-Id"]) < html.index(first["X-Request-Id"])
    assert "RBAC_MDLW_001" in html
    assert f"/v1/shop/fs/{alice.app.fs_id}/shop-info" in html
    assert ">CSV<" in html
    assert "2 calls, 1 error" in html


def test_a_viewer_sees_the_log_and_charlie_gets_a_404(client: Client, alice: Setup, charlie: Setup) -> None:
    store(record(alice.app.pk, request_id="alice-call"))
    viewer = add_member(alice.app.partner, role=PartnerMember.Role.VIEWER)
    client.force_login(viewer.user)
    assert "alice-call" in client.get(_logs(alice)).content.decode()
    client.force_login(charlie.app.partner.super_admin)
    assert client.get(_logs(alice)).status_code == 404
    assert client.get(f"{_logs(alice)}export.csv").status_code == 404
    key = CallLog.objects.get().key
    assert client.get(f"{_logs(alice)}{key}/").status_code == 404


def test_charlies_calls_never_show_in_alices_log(client: Client, alice: Setup, charlie: Setup) -> None:
    store(record(alice.app.pk, request_id="alice-call"), record(charlie.app.pk, request_id="charlie-call"))
    html = _signed_in(client, alice).get(_logs(alice), {"range": "30d"}).content.decode()
    assert "alice-call" in html and "charlie-call" not in html


def test_filters_by_status_class_endpoint_shop_request_id_and_time(client: Client, alice: Setup) -> None:
    now = timezone.now()
    app = alice.app.pk
    store(
        record(app, request_id="ok-shop-7", shop_id=7, at=now - timedelta(minutes=5)),
        record(
            app, request_id="missing-8", shop_id=8, status=404, error_code="NOT_FOUND", at=now - timedelta(minutes=4)
        ),
        record(app, request_id="boom", status=500, error_code="INTERNAL_ERROR", path_template=ORDERS, path=ORDERS),
        record(app, request_id="two-days-ago", at=now - timedelta(days=2)),
    )
    client = _signed_in(client, alice)

    def ids(**query: Any) -> list[str]:
        page = client.get(_logs(alice), query)
        assert page.status_code == 200
        return [row.request_id for row in page.context["page"].rows]

    assert ids() == ["boom", "missing-8", "ok-shop-7"]
    assert ids(range="7d") == ["boom", "missing-8", "ok-shop-7", "two-days-ago"]
    assert ids(status="4") == ["missing-8"]
    assert ids(status="5") == ["boom"]
    assert ids(status="2", range="7d") == ["ok-shop-7", "two-days-ago"]
    assert ids(endpoint=ORDERS) == ["boom"]
    assert ids(shop_id="7") == ["ok-shop-7"]
    assert ids(request_id="two-days-ago") == ["two-days-ago"], "a request id alone searches the whole retention"
    start = (now - timedelta(days=3)).astimezone(timezone.get_current_timezone())
    end = (now - timedelta(days=1)).astimezone(timezone.get_current_timezone())
    assert ids(range="custom", start=start.strftime("%Y-%m-%dT%H:%M"), end=end.strftime("%Y-%m-%dT%H:%M")) == [
        "two-days-ago"
    ]


def test_a_bad_filter_is_named_and_left_out(client: Client, alice: Setup) -> None:
    store(record(alice.app.pk, request_id="kept"))
    page = _signed_in(client, alice).get(_logs(alice), {"shop_id": "abc", "endpoint": "/nope", "status": "9"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Some filters were left out" in html
    assert 'href="#id_shop_id"' in html
    assert "kept" in html


def test_older_pages_follow_a_keyset_cursor(client: Client, alice: Setup) -> None:
    now = timezone.now()
    store(*[record(alice.app.pk, request_id=f"call-{n:03}", at=now - timedelta(seconds=n)) for n in range(120)])
    client = _signed_in(client, alice)
    first = client.get(_logs(alice))
    rows = first.context["page"].rows
    assert [row.request_id for row in rows][:2] == ["call-000", "call-001"] and len(rows) == 50
    cursor = first.context["page"].next_cursor
    second = client.get(_logs(alice), {"before": cursor})
    assert second.context["page"].rows[0].request_id == "call-050"
    third = client.get(_logs(alice), {"before": second.context["page"].next_cursor})
    assert [row.request_id for row in third.context["page"].rows][-1] == "call-119"
    assert third.context["page"].next_cursor == ""
    assert "Newest" in third.content.decode()
    assert client.get(_logs(alice), {"before": "garbage!"}).status_code == 200


def test_the_page_makes_as_many_queries_for_one_call_as_for_many(
    client: Client, alice: Setup, django_assert_max_num_queries: Any
) -> None:
    store(record(alice.app.pk, status=500, error_code="X"))
    client = _signed_in(client, alice)
    client.get(_logs(alice))
    with django_assert_max_num_queries(12) as one:
        client.get(_logs(alice))
    now = timezone.now()
    store(
        *[
            record(
                alice.app.pk,
                status=[200, 404, 500][n % 3],
                error_code=f"E{n % 5}",
                shop_id=n,
                at=now - timedelta(minutes=n),
            )
            for n in range(300)
        ]
    )
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(_logs(alice), {"range": "7d"})


def test_the_detail_shows_request_response_headers_and_latency(client: Client, alice: Setup) -> None:
    api = Client()
    response = shop_info(api, alice, HTTP_USER_AGENT="acme-sdk/1.0")
    written()
    call = CallLog.objects.get()
    page = _signed_in(client, alice).get(f"{_logs(alice)}{call.key}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert response["X-Request-Id"] in html
    assert "acme-sdk/1.0" in html
    assert "User-Agent" in html and "X-Request-Id" in html
    assert alice.shop.name in html
    assert "Bearer" not in html
    assert client.get(f"{_logs(alice)}{call.key[:-1]}9999/").status_code == 404
    assert client.get(f"{_logs(alice)}not-a-key/").status_code == 404


def test_csv_export_streams_the_filtered_calls(client: Client, alice: Setup) -> None:
    now = timezone.now()
    store(
        *[record(alice.app.pk, request_id=f"r{n}", at=now - timedelta(seconds=n)) for n in range(2500)],
        record(alice.app.pk, request_id="failed", status=503, error_code="DOWN"),
    )
    client = _signed_in(client, alice)
    response = client.get(f"{_logs(alice)}export.csv")
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f"log-history-{alice.app.fs_id}-" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:6] == ["time", "source", "method", "endpoint", "path", "status"]
    assert len(rows) == 2502
    assert rows[1][10] == "failed"
    assert rows[-1][10] == "r2499"
    failed = client.get(f"{_logs(alice)}export.csv", {"status": "5"})
    assert len(list(csv.reader(io.StringIO(b"".join(failed.streaming_content).decode())))) == 2


def test_the_chart_reads_the_rollups_by_minute_or_hour(client: Client, alice: Setup) -> None:
    now = timezone.now()
    store(
        record(alice.app.pk, at=now - timedelta(minutes=3)),
        record(alice.app.pk, at=now - timedelta(minutes=3), status=429, error_code="RATE_LIMIT_EXCEEDED"),
        record(alice.app.pk, at=now - timedelta(minutes=1), status=500, error_code="INTERNAL_ERROR"),
    )
    client = _signed_in(client, alice)
    hourly = client.get(_logs(alice))
    data = json.loads(hourly.context["chart_data"] and json.dumps(hourly.context["chart_data"]))
    assert data["span"] == 3600 and sum(data["calls"]) == 3
    minutes = client.get(_logs(alice), {"range": "1h"}).context["chart_data"]
    assert minutes["span"] == 60
    assert sum(minutes["calls"]) == 3 and sum(minutes["client_errors"]) == 1 and sum(minutes["server_errors"]) == 1
    assert minutes["t"] == sorted(minutes["t"]) and len(minutes["t"]) >= 3
    html = hourly.content.decode()
    assert 'id="calls-chart-data"' in html and "RATE_LIMIT_EXCEEDED" in html and "INTERNAL_ERROR" in html


def test_with_no_calls_the_page_says_how_to_make_one(client: Client, alice: Setup) -> None:
    html = _signed_in(client, alice).get(_logs(alice)).content.decode()
    assert "No calls in the last 24 hours" in html
    assert 'id="calls-chart"' not in html
