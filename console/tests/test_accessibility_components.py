"""The shared accessibility components, as a screen reader meets them in the
HTML: the error summary, "Error: " in the title, errors and help tied to their
controls, flash messages read out once, and secrets never compressed."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.test import Client

from accounts.tests.factories import PASSWORD, UserFactory
from apps_mgmt.tests.factories import issue_app
from partners.models import Partner
from partners.tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def _title(html: str) -> str:
    match = re.search(r"<title>(.*?)</title>", html, re.S)
    assert match
    return " ".join(unescape(match.group(1)).split())


def test_a_refused_form_has_an_error_summary_linking_to_its_field(client: Client) -> None:
    alice = PartnerFactory(status=Partner.Status.ACTIVE).super_admin
    client.force_login(alice)
    assert _title(client.get("/apps/create/").content.decode()).startswith("Create App")
    html = client.post("/apps/create/", {"name": "", "description": ""}).content.decode()
    assert _title(html).startswith("Error: Create App")
    summary = re.search(r'<div class="error-summary" data-error-summary tabindex="-1">(.*?)</ul>', html, re.S)
    assert summary, "no error summary"
    assert 'role="alert"' in summary.group(1)
    assert '<a href="#id_name">Give the app a name.</a>' in summary.group(1)
    assert re.search(r'<input[^>]*aria-invalid="true"[^>]*aria-describedby="id_name_helptext id_name_error"', html)
    assert (
        '<p class="field-errors" id="id_name_error"><span class="visually-hidden">Error:</span> Give the app a name.'
        in html
    )


def test_a_radio_groups_help_and_error_belong_to_its_fieldset(client: Client) -> None:
    partner = PartnerFactory(company_name="", member_type="")
    client.force_login(partner.super_admin)
    html = client.post("/registration/company/", {"company_name": "Acme"}).content.decode()
    assert _title(html).startswith("Error: Step 1: Company · Registration")
    assert '<fieldset class="radio-group" aria-describedby="id_member_type_helptext id_member_type_error">' in html
    assert re.search(r'<a href="#id_member_type_0">[^<]+</a>', html)
    assert 'id="id_member_type_helptext"' in html and 'id="id_member_type_error"' in html


def test_allauth_pages_use_the_same_summary(client: Client) -> None:
    UserFactory(email="alice@acme.co.id")
    html = client.post("/accounts/login/", {"login": "alice@acme.co.id", "password": "wrong"}).content.decode()
    assert _title(html).startswith("Error: Sign In")
    assert "data-error-summary" in html and "There is a problem" in html
    assert client.post("/accounts/login/", {"login": "alice@acme.co.id", "password": PASSWORD}).status_code == 302


def test_each_shop_management_tab_has_a_title_of_its_own(client: Client) -> None:
    issued = issue_app()
    client.force_login(issued.app.partner.super_admin)
    tabs = ("active", "pending", "rejected", "removed")
    titles = {_title(client.get(f"/apps/{issued.app.fs_id}/shops/?tab={tab}").content.decode()) for tab in tabs}
    assert len(titles) == 4
    assert f"Pending · Shop Management · {issued.app.name}" in "".join(titles)


def test_flash_messages_are_paragraphs_in_an_alert_and_one_live_region_waits(client: Client) -> None:
    issued = issue_app()
    client.force_login(issued.app.partner.super_admin)
    response = client.post(f"/apps/{issued.app.fs_id}/auth/whitelist/", {"whitelist": ""}, follow=True)
    html = response.content.decode()
    # Paragraphs (no orphaned list items) in an alert that console.js focuses when the page loads.
    assert (
        '<div class="messages" role="alert" tabindex="-1" data-messages><p class="message message-success">IP whitelist cleared'
        in html
    )
    # The one live region, empty until something is announced.
    assert '<div id="announcer" class="visually-hidden" role="status"></div>' in html
    assert html.count('role="status"') == 1


def test_pages_showing_a_secret_are_never_compressed(client: Client) -> None:
    owner = PartnerFactory(status=Partner.Status.ACTIVE).super_admin
    client.force_login(owner)
    gzip = {"accept-encoding": "gzip"}
    assert client.get("/apps/", headers=gzip)["Content-Encoding"] == "gzip"
    created = client.post("/apps/create/", {"name": "Sync", "description": ""}, follow=True, headers=gzip)
    assert "copy its Client Secret now" in created.content.decode()
    assert not created.has_header("Content-Encoding")
    assert not client.get("/accounts/2fa/", headers=gzip).has_header("Content-Encoding")
