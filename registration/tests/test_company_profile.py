"""The company profile of an active account, and changes of company data through staff review."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.tests.factories import StaffFactory
from apps_mgmt.models import App
from apps_mgmt.tests.factories import issue_app
from audit.models import AuditEvent
from partners.models import Partner
from partners.roles import Role
from partners.tests.factories import PartnerFactory, add_member
from registration.models import CompanyChange
from registration.services.company_change import CompanyChangeError, company_change_request
from shops.tests.helpers import mails

from .conftest import company_data, fill_company, pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _mail_to_files(settings) -> None:
    settings.EMAIL_BACKEND = "console.lib.mail.EmlFileBackend"


@pytest.fixture
def acme(db: None) -> Partner:
    partner = fill_company(PartnerFactory(company_name="", member_type=""))
    Partner.objects.filter(pk=partner.pk).update(status=Partner.Status.ACTIVE)
    partner.refresh_from_db()
    return partner


def _form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {key: value for key, value in company_data().items() if key != "member_type"}
    data.update(overrides)
    return data


def test_members_read_the_company_profile_and_only_the_owner_may_ask_for_a_change(
    client: Client, acme: Partner
) -> None:
    client.force_login(acme.super_admin)
    html = client.get("/company/").content.decode()
    assert "Acme Integrations" in html and "Third Party Enabler" in html and "valid_certificate.pdf" in html
    assert "Ask for a change of company data" in html and 'href="/company/"' in client.get("/").content.decode()
    carol = Client()
    carol.force_login(add_member(acme, role=Role.ADMIN).user)
    html = carol.get("/company/").content.decode()
    assert "Acme Integrations" in html and "Only an Owner can ask for a change of company data" in html
    assert carol.get("/company/change/").status_code == 403


def test_a_change_waits_for_staff_while_the_apps_keep_working_then_applies(
    client: Client, acme: Partner, django_capture_on_commit_callbacks
) -> None:
    app = issue_app(acme).app
    client.force_login(acme.super_admin)
    form = _form(company_name="Acme Nusantara", note="Renamed after the merger")
    form["company_profile"] = pdf("valid_company_profile.pdf")
    response = client.post("/company/change/", form, follow=True)
    assert "Your change is sent to our team" in response.content.decode()
    acme.refresh_from_db()
    assert acme.company_name == "Acme Integrations" and acme.status == Partner.Status.ACTIVE
    change = CompanyChange.objects.get()
    assert change.proposed == {"company_name": "Acme Nusantara"} and change.company_profile is not None
    assert "A change is waiting for review" in client.get("/company/").content.decode()

    sam = Client()
    sam.force_login(StaffFactory())
    queue = sam.get("/staff/review/").content.decode()
    assert "Company data changes" in queue and f"/staff/review/changes/{change.pk}/" in queue
    detail = sam.get(f"/staff/review/changes/{change.pk}/").content.decode()
    assert "<del>Acme Integrations</del> → <ins>Acme Nusantara</ins>" in detail and "Renamed after the merger" in detail
    with django_capture_on_commit_callbacks(execute=True):
        sam.post(f"/staff/review/changes/{change.pk}/approve/")
    acme.refresh_from_db()
    assert acme.company_name == "Acme Nusantara" and acme.company_profile_id == change.company_profile_id
    assert App.objects.get(pk=app.pk).is_live and acme.status == Partner.Status.ACTIVE
    event = AuditEvent.objects.get(action="company_change.approved")
    assert event.changes["company_name"] == ["Acme Integrations", "Acme Nusantara"]
    [mail] = mails()
    assert mail.to == acme.super_admin.email and "approved" in mail.subject


def test_staff_reject_with_a_reason_the_owners_read(
    client: Client, acme: Partner, django_capture_on_commit_callbacks
) -> None:
    change = company_change_request(partner=acme, company=_form(pic_name="Budi"), actor=acme.super_admin)
    sam = Client()
    sam.force_login(StaffFactory())
    assert sam.post(f"/staff/review/changes/{change.pk}/reject/", {"reason": ""}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        sam.post(f"/staff/review/changes/{change.pk}/reject/", {"reason": "The PIC must be a company employee."})
    acme.refresh_from_db()
    assert acme.pic_name == "Alice Santoso"
    [mail] = mails()
    assert "The PIC must be a company employee." in mail.text
    client.force_login(acme.super_admin)
    assert "The PIC must be a company employee." in client.get("/company/").content.decode()


def test_an_unchanged_form_a_second_request_and_a_withdrawal(client: Client, acme: Partner) -> None:
    with pytest.raises(CompanyChangeError, match="Nothing differs"):
        company_change_request(partner=acme, company=_form(pic_phone="+6281234567890"), actor=acme.super_admin)
    change = company_change_request(partner=acme, company=_form(website="https://acme.example"), actor=acme.super_admin)
    with pytest.raises(CompanyChangeError, match="already waiting"):
        company_change_request(partner=acme, company=_form(pic_name="Other"), actor=acme.super_admin)
    client.force_login(acme.super_admin)
    client.post(f"/company/change/{change.pk}/withdraw/")
    change.refresh_from_db()
    assert change.status == CompanyChange.Status.WITHDRAWN
    response = client.post("/company/change/", _form(company_name=""))
    assert response.status_code == 400 and "This field is required" in response.content.decode()
