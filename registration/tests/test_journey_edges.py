"""The journey's rough edges, each as the partner or staff member meets it."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import PASSWORD, StaffFactory
from apps_mgmt.tests.factories import issue_app
from console.lib.text import and_list
from console.templatetags.console_tags import ago
from partners.models import Partner
from partners.tests.factories import PartnerFactory
from registration import services
from registration.tests.conftest import fill_company, submitted
from shops.models import ShopLink
from shops.tests.factories import ShopFactory
from shops.tests.helpers import invited_partner

pytestmark = pytest.mark.django_db


def new_partner(**fields) -> Partner:
    return PartnerFactory(**{"company_name": "", "member_type": "", **fields})


def _steps(html: str) -> list[str]:
    return re.findall(r'class="step step-(\w+)"', html)


def test_at_step_5_the_bar_shows_steps_1_to_4_done(client: Client) -> None:
    partner, _ = invited_partner(shops=3)
    client.force_login(partner.super_admin)
    html = client.get("/registration/seller-approval/").content.decode()
    assert _steps(html) == ["done", "done", "done", "done", "current"]


def test_the_queue_counts_a_resubmitted_applications_shops_once(client: Client, terms) -> None:
    partner = submitted(new_partner(), terms)
    sam = StaffFactory()
    services.application_reject(partner=partner, reason="Unreadable certificate.", actor=sam)
    partner.refresh_from_db()
    fill_company(partner, company_name="Acme Corrected")
    services.application_submit(partner=partner, actor=partner.super_admin)
    client.force_login(sam)
    queue = client.get("/staff/review/")
    [row] = queue.context["queue"]
    assert row.shop_count == 3 and row.round_count == 2


def test_the_verification_email_greets_with_the_consoles_name(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"), {"email": "alice@acme.co.id", "password1": PASSWORD, "password2": PASSWORD}
        )
    body = mail.outbox[0].body
    assert "Hello from Developer Console!" in body and "Hello from !" not in body


def test_confirming_the_email_in_the_same_browser_signs_the_partner_in(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"), {"email": "alice@acme.co.id", "password1": PASSWORD, "password2": PASSWORD}
        )
    link = re.search(r"http://testserver(/accounts/confirm-email/[^/\s]+/)", mail.outbox[0].body).group(1)
    client.post(link)
    assert client.get(reverse("home")).status_code == 200


def test_a_rejected_partner_sees_what_to_change_first(client: Client, terms) -> None:
    partner = submitted(new_partner(), terms)
    services.application_reject(partner=partner, reason="The certificate is unreadable.", actor=StaffFactory())
    client.force_login(partner.super_admin)
    assert client.get("/registration/")["Location"] == "/registration/submit/"
    page = client.get("/registration/submit/").content.decode()
    main = page[page.index("<main") :]  # the page's title names the step too
    assert main.index("The certificate is unreadable.") < main.index("Step 4: Submit for approval")


def test_emailed_links_follow_the_served_host_in_development(client: Client, settings, terms) -> None:
    settings.DEBUG, settings.SITE_URL_FROM_REQUEST = True, True
    settings.SITE_URL = "http://127.0.0.1:8000"
    partner = new_partner()
    client.force_login(partner.super_admin)
    client.get("/", HTTP_HOST="localhost:8015")
    assert settings.SITE_URL == "http://localhost:8015"
    settings.SITE_URL_FROM_REQUEST = False
    settings.SITE_URL = "https://console.example.com"
    client.get("/", HTTP_HOST="localhost:8015")
    assert settings.SITE_URL == "https://console.example.com"


def test_create_and_import_are_off_at_five_apps_and_say_why(client: Client) -> None:
    partner = PartnerFactory(status=Partner.Status.ACTIVE)
    client.force_login(partner.super_admin)
    assert 'href="/apps/create/"' in client.get("/apps/").content.decode()
    for n in range(5):
        issue_app(partner, name=f"App {n}")
    html = client.get("/apps/").content.decode()
    assert 'href="/apps/create/"' not in html and 'href="/apps/import/"' not in html
    assert html.count('disabled aria-describedby="apps-usage"') == 2
    assert "Create App and Import App are off" in html


def test_removing_a_shop_that_leaves_a_tpe_under_three_warns_first(client: Client) -> None:
    partner = PartnerFactory(status=Partner.Status.ACTIVE, member_type=Partner.MemberType.THIRD_PARTY_ENABLER)
    app = issue_app(partner).app
    links = [
        ShopLink.objects.create(partner=partner, app=app, shop=ShopFactory(), status=ShopLink.Status.ACTIVE)
        for _ in range(3)
    ]
    client.force_login(partner.super_admin)
    html = client.get(f"/apps/{app.fs_id}/shops/{links[0].pk}/remove/").content.decode()
    assert "This leaves" in html and "2 active shops" in html and "at least 3" in html
    ShopLink.objects.create(partner=partner, app=app, shop=ShopFactory(), status=ShopLink.Status.ACTIVE)
    assert "This leaves" not in client.get(f"/apps/{app.fs_id}/shops/{links[0].pk}/remove/").content.decode()


def test_words_read_as_sentences() -> None:
    assert and_list(["A"]) == "A" and and_list(["A", "B"]) == "A and B" and and_list(["A", "B", "C"]) == "A, B and C"
    assert ago(timezone.now() - timedelta(seconds=20)) == "just now"
    assert ago(timezone.now() - timedelta(hours=3)) == "3\xa0hours ago"


def test_adding_two_shops_says_owners(client: Client) -> None:
    partner = PartnerFactory(status=Partner.Status.ACTIVE, member_type=Partner.MemberType.THIRD_PARTY_ENABLER)
    app = issue_app(partner).app
    a, b = ShopFactory(name="Alpha Store"), ShopFactory(name="Beta Store")
    client.force_login(partner.super_admin)
    response = client.post(f"/apps/{app.fs_id}/shops/", {"domains": f"{a.domain}\n{b.domain}"}, follow=True)
    assert "Invitation sent to the owners of Alpha Store and Beta Store." in response.content.decode()


def test_a_documents_pages_read_as_words(client: Client, terms) -> None:
    partner = fill_company(new_partner())
    client.force_login(partner.super_admin)
    html = client.get("/registration/submit/", follow=True).content.decode()
    html += client.get("/registration/company/").content.decode()
    client.force_login(StaffFactory())
    partner = submitted(new_partner(), terms)
    html = client.get(f"/staff/review/{partner.pk}/").content.decode()
    assert re.search(r"\d+ pages?\)", html) and " p.)" not in html
