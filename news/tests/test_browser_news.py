"""News in Chromium: the demo partner's default app calls GET /v2/order/list; Sam
publishes a deprecation naming it; the demo partner sees it unread in the navigation,
reads it with the default app listed as affected, finds it on the app's page, was
emailed, and a feed reader's request to the Atom feed returns it."""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET

import pytest
import requests

from accounts.tests.factories import PASSWORD, StaffFactory
from apps_mgmt.tests.factories import issue_app
from calllogs.tests.helpers import written
from news.models import Post
from openapi.services import access_token_issue
from partners.models import Partner
from partners.tests.factories import PartnerFactory
from shops.tests.helpers import mails

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign out").wait_for()


def test_sam_publishes_a_deprecation_and_the_demo_partner_hears_of_it(page, browser, live_server) -> None:
    demo = PartnerFactory(
        status=Partner.Status.ACTIVE, company_name="Demo Partner", super_admin__email="demo@example.com"
    )
    app = issue_app(demo, name="Demo Partner's default app").app
    now = int(time.time())
    bearer = {"Authorization": f"Bearer {access_token_issue(app=app).token}"}
    called = requests.get(
        f"{live_server.url}/v2/order/list",
        params={"fs_id": app.fs_id, "from_date": now - 3600, "to_date": now},
        headers=bearer,
        timeout=10,
    )
    assert called.status_code == 200
    written()  # what the recorder's thread does within a second
    StaffFactory(email="sam@example.com")

    _sign_in(page, "sam@example.com")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="News").click()
    page.get_by_role("link", name="Write a post").click()
    page.get_by_label("Title").fill("GET /v2/order/list is retired on 1 March")
    page.get_by_role("radio", name="Deprecation").check()
    page.get_by_role("checkbox", name="GET /v2/order/list").check()
    page.get_by_label("Effective date").fill("2027-03-01")
    page.get_by_label("Text").fill(
        "Call `GET /v2/fs/{fs_id}/order` for each order instead.\n\n<script>alert(1)</script>"
    )
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("Draft saved").wait_for()
    assert page.locator(".news-body code", has_text="GET /v2/fs/{fs_id}/order").count() == 1
    page.get_by_role("button", name="Publish now").click()
    page.get_by_text("Published. Partners see it now").wait_for()
    post = Post.objects.get()
    assert post.is_published and post.endpoints == ["GET /v2/order/list"]

    partner = browser.new_context(base_url=live_server.url).new_page()
    _sign_in(partner, "demo@example.com")
    nav = partner.get_by_role("navigation", name="Main")
    news = nav.get_by_role("link", name=re.compile(r"^News 1 unread$"))
    news.click()
    item = partner.locator(".news-item", has_text="GET /v2/order/list is retired on 1 March")
    assert item.get_by_text("Unread").count() == 1 and item.get_by_text("Deprecation").count() == 1
    item.get_by_role("link", name="GET /v2/order/list is retired on 1 March").click()
    partner.get_by_role("heading", level=1, name="GET /v2/order/list is retired on 1 March").wait_for()
    assert partner.locator(".endpoint-list li", has_text="GET /v2/order/list").count() == 1
    assert partner.get_by_text("<script>alert(1)</script>").count() == 1  # shown as text, never run
    assert nav.get_by_role("link", name="News", exact=True).count() == 1  # read: no count any more
    affected = partner.get_by_role("region", name="Which of your apps does this touch?")
    assert affected.get_by_text("GET /v2/order/list").count() == 1
    affected.get_by_role("link", name="Demo Partner's default app").click()
    notice = partner.locator(".app-notice", has_text="Deprecation: GET /v2/order/list is retired on 1 March")
    assert notice.get_by_text("This app called GET /v2/order/list in the last 30 days").count() == 1

    [mail] = [mail for mail in mails() if mail.to == "demo@example.com"]
    assert "Deprecation: GET /v2/order/list is retired on 1 March" in mail.subject
    assert f"/news/{post.pk}/" in mail.text
    assert f"Demo Partner's default app (App ID {app.fs_id}): GET /v2/order/list" in mail.text

    reader = browser.new_context(base_url=live_server.url)  # a feed reader: no session
    response = reader.request.get("/news/feed/")
    assert response.status == 200
    titles = [e.findtext("{http://www.w3.org/2005/Atom}title") for e in ET.fromstring(response.body()).iter()]  # noqa: S314
    assert "Deprecation: GET /v2/order/list is retired on 1 March" in titles
    assert page.console_errors == []
    reader.close()
    partner.context.close()
