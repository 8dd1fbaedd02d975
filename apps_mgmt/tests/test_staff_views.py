"""Staff in the console: the apps overview, suspend and reinstate with a reason the
partner is emailed, the partner list, and no partner-only wording."""

from __future__ import annotations

import html as html_lib

import pytest
from django.test import Client

from accounts.tests.factories import StaffFactory, UserFactory
from apps_mgmt.models import App
from apps_mgmt.tests.factories import issue_app
from audit.models import AuditEvent
from console.lib.mail import eml_bodies, read_eml
from openapi.models import AccessToken
from openapi.services import access_token_issue
from partners.models import Partner
from partners.tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return html_lib.unescape(response.content.decode())


@pytest.fixture
def sam(client: Client) -> Client:
    client.force_login(StaffFactory())
    return client


def test_staff_find_apps_by_name_app_id_client_id_or_company(sam: Client) -> None:
    acme = PartnerFactory(status=Partner.Status.ACTIVE, company_name="Acme Integrations")
    other = PartnerFactory(status=Partner.Status.ACTIVE, company_name="Globex")
    sync = issue_app(acme, name="Order Sync").app
    stock = issue_app(other, name="Stock Pusher").app
    listing = _text(sam.get("/staff/apps/"))
    assert "Order Sync" in listing and "Stock Pusher" in listing and "2 apps" in listing
    for query in ("order sync", str(sync.fs_id), sync.client_id, "acme"):
        found = _text(sam.get("/staff/apps/", {"q": query}))
        assert "Order Sync" in found and "Stock Pusher" not in found, query
    assert "No app matches" in _text(sam.get("/staff/apps/", {"q": "nothing like it"}))
    assert "Stock Pusher" in _text(sam.get("/staff/apps/", {"status": "live", "q": str(stock.fs_id)}))


def test_staff_suspend_an_app_with_a_reason_the_owners_are_emailed(
    sam: Client, settings, django_capture_on_commit_callbacks
) -> None:
    settings.EMAIL_BACKEND = "console.lib.mail.EmlFileBackend"
    acme = PartnerFactory(status=Partner.Status.ACTIVE, super_admin__email="alice@acme.co.id")
    app = issue_app(acme, name="Order Sync").app
    access_token_issue(app=app)
    refused = sam.post(f"/staff/apps/{app.fs_id}/suspend/", {"reason": "   "})
    assert refused.status_code == 400 and "Give a reason: the partner is emailed it." in _text(refused)
    assert App.objects.get(pk=app.pk).is_live

    with django_capture_on_commit_callbacks(execute=True):
        response = sam.post(f"/staff/apps/{app.fs_id}/suspend/", {"reason": "Abuse report #42"})
    assert response.status_code == 302 and response["Location"] == f"/staff/apps/{app.fs_id}/"
    page = _text(sam.get(response["Location"]))
    assert "Order Sync is suspended" in page and "Reinstate app" in page and "“Abuse report #42”" in page
    assert App.objects.get(pk=app.pk).status == App.Status.SUSPENDED
    [mail] = [read_eml(path) for path in settings.EMAIL_FILE_PATH.glob("*.eml")]
    text, html = eml_bodies(mail)
    assert mail["To"] == "alice@acme.co.id" and "Order Sync is suspended" in mail["Subject"]
    assert "Abuse report #42" in text and "Abuse report #42" in html
    assert AuditEvent.objects.get(action="app.suspend").data["reason"] == "Abuse report #42"
    # Its tokens went with the suspension.
    assert AccessToken.objects.get(app=app).revoked_at is not None

    with django_capture_on_commit_callbacks(execute=True):
        sam.post(f"/staff/apps/{app.fs_id}/reinstate/", {"reason": "Cleared after review"})
    assert App.objects.get(pk=app.pk).is_live
    subjects = sorted(str(read_eml(path)["Subject"]) for path in settings.EMAIL_FILE_PATH.glob("*.eml"))
    assert any("Order Sync is reinstated" in subject for subject in subjects)


def test_the_partner_list_shows_each_accounts_status(sam: Client) -> None:
    active = PartnerFactory(status=Partner.Status.ACTIVE, company_name="Acme Integrations")
    issue_app(active)
    PartnerFactory(status=Partner.Status.SUBMITTED, company_name="Globex")
    PartnerFactory(status=Partner.Status.REJECTED, company_name="Initech")
    listing = _text(sam.get("/staff/partners/"))
    for name, status in (("Acme Integrations", "Active"), ("Globex", "Waiting for review"), ("Initech", "Rejected")):
        assert name in listing and status in listing
    waiting = _text(sam.get("/staff/partners/", {"status": "submitted"}))
    assert "Globex" in waiting and "Acme Integrations" not in waiting
    assert "Initech" in _text(sam.get("/staff/partners/", {"q": "initech"}))


def test_the_lists_keep_a_flat_number_of_queries(sam: Client, django_assert_max_num_queries) -> None:
    for n in range(3):
        partner = PartnerFactory(status=Partner.Status.ACTIVE)
        issue_app(partner, name=f"App {n}")
    with django_assert_max_num_queries(12):
        sam.get("/staff/apps/")
    with django_assert_max_num_queries(12):
        sam.get("/staff/partners/")
    for n in range(20):
        partner = PartnerFactory(status=Partner.Status.ACTIVE)
        issue_app(partner, name=f"More {n}")
    with django_assert_max_num_queries(12):
        sam.get("/staff/apps/")
    with django_assert_max_num_queries(12):
        sam.get("/staff/partners/")


def test_staff_see_staff_pages_not_partner_wording(sam: Client) -> None:
    home = _text(sam.get("/"))
    assert "Register your company" not in home and "your partner account" not in home
    assert "Open the review queue" in home and 'href="/staff/apps/"' in home and 'href="/staff/partners/"' in home
    assert sam.get("/apps/")["Location"] == "/staff/apps/"


def test_partners_and_visitors_dont_find_the_staff_pages(client: Client) -> None:
    client.force_login(UserFactory())
    assert client.get("/staff/apps/").status_code == 404
    assert client.get("/staff/partners/").status_code == 404
