"""Alice calls the Open API over HTTP, then reads the calls in Log History in Chromium:
they appear within 2 seconds (the recorder's thread writes them), the chart is drawn,
a filter, the detail page and the CSV work."""

from __future__ import annotations

import base64
import json
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

import calllogs.recorder as recording
from accounts.tests.factories import PASSWORD
from console.tests.screenshots import shoot
from openapi.tests.helpers import partner_with_app

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _call(url: str, *, method: str = "GET", headers: dict[str, str]) -> tuple[int, dict[str, Any], str]:
    request = urllib.request.Request(url, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read()), response.headers["X-Request-Id"]
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read()), error.headers["X-Request-Id"]


def test_alice_finds_her_calls_in_log_history(page: Any, live_server: Any, settings: Any) -> None:
    settings.CALLLOG_BACKGROUND = True
    settings.CALLLOG_FLUSH_SECONDS = 0.5
    setup = partner_with_app("Alice's app")
    fs_id = setup.app.fs_id
    try:
        basic = base64.b64encode(f"{setup.app.client_id}:{setup.secret}".encode()).decode()
        status, body, _ = _call(
            f"{live_server.url}/token?grant_type=client_credentials",
            method="POST",
            headers={"Authorization": f"Basic {basic}"},
        )
        assert status == 200
        bearer = {"Authorization": f"Bearer {body['access_token']}", "User-Agent": "curl/8.0"}
        ok, _, ok_id = _call(
            f"{live_server.url}/v1/shop/fs/{fs_id}/shop-info?shop_id={setup.shop.shop_id}", headers=bearer
        )
        refused, _, refused_id = _call(f"{live_server.url}/v1/shop/fs/{fs_id}/shop-info?shop_id=999999", headers=bearer)
        assert (ok, refused) == (200, 403)
        called = time.monotonic()

        page.goto("/accounts/login/")
        page.get_by_label("Email").fill(setup.app.partner.super_admin.email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign In").click()
        page.goto(f"/apps/{fs_id}/auth/")
        page.get_by_role("link", name="Log History").click()
        while page.get_by_text(refused_id).count() == 0 and time.monotonic() - called < 2:
            page.reload()
        assert page.get_by_text(refused_id).count() == 1, "the call is in Log History within 2 seconds"
        assert page.get_by_text(ok_id).count() == 1
        page.locator("#calls-chart canvas").first.wait_for()
        assert page.get_by_role("cell", name="RBAC_MDLW_001", exact=True).count() == 1
        assert page.get_by_text("3 calls, 1 error").count() == 1
        shoot(page, "log-history")

        page.get_by_label("Status").select_option("4")
        page.get_by_role("button", name="Filter").click()
        page.get_by_role("link", name="Clear filters").wait_for()
        assert page.get_by_text(refused_id).count() == 1 and page.get_by_text(ok_id).count() == 0

        with page.expect_download() as download:
            page.get_by_role("link", name="CSV").click()
        csv_text = Path(download.value.path()).read_text()
        assert refused_id in csv_text and ok_id not in csv_text

        page.locator("table.log-table a").first.click()
        page.get_by_role("heading", name="Response").wait_for()
        assert page.get_by_text("RBAC_MDLW_001").count() >= 1
        assert page.get_by_text("curl/8.0").count() >= 1
        shoot(page, "log-history-call")
        assert page.console_errors == []
    finally:
        recording.recorder.stop()
