"""Steps 1 to 4 as Alice sees them: labels, order, going back and forth, and the status page."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.tests.factories import UserFactory
from audit.models import AuditEvent
from partners.models import Partner, PartnerMember
from partners.tests.factories import PartnerFactory
from registration import services
from registration.tests.conftest import company_data, fill_company, pdf, ready_to_submit
from shops.models import Shop, ShopLink
from shops.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


def test_a_user_without_a_partner_starts_a_registration_and_becomes_its_super_admin(client: Client) -> None:
    alice = UserFactory()
    client.force_login(alice)
    page = client.get("/registration/").content.decode()
    assert "Start registration" in page
    response = client.post("/registration/start/")
    assert response["Location"] == "/registration/company/"
    membership = PartnerMember.objects.get(user=alice)
    assert membership.role == PartnerMember.Role.OWNER
    assert membership.partner.super_admin == alice
    assert membership.partner.status == Partner.Status.DRAFT
    # A second start (a double click) opens no second account.
    client.post("/registration/start/")
    assert PartnerMember.objects.filter(user=alice).count() == 1


def test_the_company_form_carries_the_specs_labels_and_explains_the_member_types(client: Client) -> None:
    partner = PartnerFactory(company_name="", member_type="")
    client.force_login(partner.super_admin)
    html = client.get("/registration/company/").content.decode()
    for label in [
        "Company name",
        "PIC Contact Name",
        "PIC Contact Number",
        "Business Registration Certificate",
        "Company&#x27;s Profile",
        "Company Website URL",
        "Type of Member",
        "Third Party Enabler",
        "In-house",
        "Third Party",
        "System",
    ]:
        assert label in html, label
    assert "integrate your own shop" in html and "several sellers" in html
    assert 'enctype="multipart/form-data" data-upload-progress' in html
    assert "<progress" in html


@pytest.mark.parametrize("number", ["081234567890", "0812-3456-7890", "+6281234567890", "+62 812 3456 7890"])
def test_indonesian_mobile_numbers_pass(client: Client, number: str) -> None:
    partner = PartnerFactory(company_name="", member_type="")
    client.force_login(partner.super_admin)
    files = {"business_certificate": pdf("valid_certificate.pdf"), "company_profile": pdf("valid_company_profile.pdf")}
    response = client.post("/registration/company/", {**company_data(pic_phone=number), **files})
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.pic_phone == "+6281234567890"


@pytest.mark.parametrize("number", ["12345", "0811", "not a number", "+62 000"])
def test_a_number_that_cannot_be_called_is_refused(client: Client, number: str) -> None:
    partner = fill_company(PartnerFactory(company_name="", member_type=""))
    client.force_login(partner.super_admin)
    response = client.post("/registration/company/", company_data(pic_phone=number))
    assert "Enter a valid phone number" in response.content.decode()
    partner.refresh_from_db()
    assert partner.pic_phone == "+6281234567890"


def test_steps_cannot_be_skipped_by_typing_a_url(client: Client, terms) -> None:
    partner = PartnerFactory(company_name="", member_type="")
    client.force_login(partner.super_admin)
    for url in ["/registration/terms/", "/registration/shops/", "/registration/submit/"]:
        assert client.get(url)["Location"] == "/registration/company/"
    fill_company(partner)
    assert client.get("/registration/shops/")["Location"] == "/registration/terms/"
    assert client.get("/registration/submit/")["Location"] == "/registration/terms/"
    assert client.post("/registration/submit/")["Location"] == "/registration/terms/"
    assert not partner.rounds.exists()


def test_terms_record_the_version_and_time_accepted(client: Client, terms) -> None:
    partner = fill_company(PartnerFactory(company_name="", member_type=""))
    client.force_login(partner.super_admin)
    html = client.get("/registration/terms/").content.decode()
    assert "I have read and agree to the Terms and Conditions" in html
    assert "These Terms and Conditions govern" in html
    refused = client.post("/registration/terms/", {"terms_version": terms.pk})
    assert "Tick the box" in refused.content.decode()
    response = client.post("/registration/terms/", {"terms_version": terms.pk, "agree": "on"})
    assert response["Location"] == "/registration/shops/"
    partner.refresh_from_db()
    assert partner.terms_version == terms and partner.terms_accepted_at is not None
    assert AuditEvent.objects.filter(partner=partner, action="application.terms_accepted").exists()


def test_a_new_terms_version_must_be_agreed_again(client: Client, terms) -> None:
    partner = ready_to_submit(PartnerFactory(company_name="", member_type=""), terms)
    client.force_login(partner.super_admin)
    services.terms_publish(version="2026-12", body="New terms.", actor=None)
    assert client.get("/registration/submit/")["Location"] == "/registration/terms/"
    # Agreeing to the version read before the new one was published is refused.
    response = client.post("/registration/terms/", {"terms_version": terms.pk, "agree": "on"})
    assert "A newer version" in response.content.decode()


def test_shop_drafting_gives_a_verdict_per_line_and_stores_nothing_on_refusal(client: Client, terms) -> None:
    partner = fill_company(PartnerFactory(company_name="", member_type=""))
    services.application_terms_accept(partner=partner, terms=terms, actor=partner.super_admin)
    client.force_login(partner.super_admin)
    ShopFactory(domain="good-one", tier=Shop.Tier.POWER_MERCHANT)
    ShopFactory(domain="small-shop", tier=Shop.Tier.REGULAR_MERCHANT)
    ShopFactory(domain="shut-shop", status=Shop.Status.CLOSED)
    text = "good-one\nno-such-shop\nsmall-shop\nshut-shop"
    response = client.post("/registration/shops/", {"domains": text, "action": "save"})
    html = response.content.decode()
    assert "shop not found" in html
    assert "not eligible: Regular Merchant" in html
    assert "shop is closed" in html
    assert "Fix the shop domains on line 2, 3, 4." in html
    assert "good-one\nno-such-shop" in html  # the textarea keeps what was typed
    assert not ShopLink.objects.filter(partner=partner).exists()


def test_a_third_party_enabler_needs_three_shops(client: Client, terms) -> None:
    partner = fill_company(PartnerFactory(company_name="", member_type=""))
    services.application_terms_accept(partner=partner, terms=terms, actor=partner.super_admin)
    client.force_login(partner.super_admin)
    shops = ShopFactory.create_batch(2, tier=Shop.Tier.POWER_MERCHANT_PRO)
    response = client.post("/registration/shops/", {"domains": "\n".join(s.domain for s in shops), "action": "save"})
    assert "needs at least 3 shops; you have 2" in response.content.decode()
    shops.append(ShopFactory(tier=Shop.Tier.OFFICIAL_STORE))
    response = client.post("/registration/shops/", {"domains": "\n".join(s.domain for s in shops), "action": "save"})
    assert response["Location"] == "/registration/submit/"
    assert ShopLink.objects.filter(partner=partner, status=ShopLink.Status.DRAFT, app=None).count() == 3


def test_check_domains_shows_verdicts_without_saving(client: Client, terms) -> None:
    partner = fill_company(PartnerFactory(company_name="", member_type=""), member_type=Partner.MemberType.SELLER)
    services.application_terms_accept(partner=partner, terms=terms, actor=partner.super_admin)
    client.force_login(partner.super_admin)
    shop = ShopFactory(domain="acme-official")
    html = client.post("/registration/shops/", {"domains": "Acme-Official", "action": "check"}).content.decode()
    assert "OK" in html and shop.name in html
    assert partner.shop_links.count() == 0


def test_going_back_and_forth_loses_nothing_and_survives_signing_out(client: Client, terms) -> None:
    partner = ready_to_submit(PartnerFactory(company_name="", member_type=""), terms)
    client.force_login(partner.super_admin)
    company = client.get("/registration/company/").content.decode()
    assert 'value="Acme Integrations"' in company and "Current file: <strong" in company
    # Saving step 1 again without new files keeps the documents and the later steps.
    assert client.post("/registration/company/", company_data())["Location"] == "/registration/terms/"
    client.logout()
    client.force_login(partner.super_admin)
    assert client.get("/registration/")["Location"] == "/registration/submit/"
    shops_page = client.get("/registration/shops/").content.decode()
    for link in partner.shop_links.all():
        assert link.shop.domain in shops_page


def test_changing_the_member_type_sends_the_partner_back_to_the_shops(client: Client, terms) -> None:
    partner = ready_to_submit(PartnerFactory(company_name="", member_type=""), terms)
    client.force_login(partner.super_admin)
    client.post("/registration/company/", company_data(member_type=Partner.MemberType.SELLER))
    assert client.get("/registration/submit/")["Location"] == "/registration/shops/"
    assert "A Seller registers exactly one shop" in client.get("/registration/shops/").content.decode()


def test_submitting_shows_the_status_page_and_locks_the_steps(client: Client, terms, settings) -> None:
    partner = ready_to_submit(PartnerFactory(company_name="", member_type=""), terms)
    client.force_login(partner.super_admin)
    summary = client.get("/registration/submit/").content.decode()
    assert "Acme Integrations" in summary and "valid_certificate.pdf" in summary
    response = client.post("/registration/submit/", follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == "/registration/status/"
    assert "Waiting for review" in html
    assert 'aria-current="step"' in html
    partner.refresh_from_db()
    assert partner.status == Partner.Status.SUBMITTED
    for url in ["/registration/company/", "/registration/terms/", "/registration/shops/", "/registration/submit/"]:
        assert client.get(url)["Location"] == "/registration/status/"
    assert client.post("/registration/shops/", {"domains": "x"})["Location"] == "/registration/status/"
    assert AuditEvent.objects.filter(partner=partner, action="application.submitted").count() == 1


def test_the_progress_bar_has_five_steps_ending_with_seller_approval(client: Client) -> None:
    partner = PartnerFactory(company_name="", member_type="")
    client.force_login(partner.super_admin)
    html = client.get("/registration/company/").content.decode()
    assert html.count('class="step step-') == 5
    assert "Wait for seller approval" in html


def test_a_viewer_on_the_team_cannot_change_the_registration(client: Client) -> None:
    from partners.tests.factories import add_member

    partner = PartnerFactory(company_name="", member_type="")
    bob = add_member(partner, role=PartnerMember.Role.VIEWER)
    client.force_login(bob.user)
    response = client.get("/registration/company/")
    assert response.status_code == 403
    assert "Only an Owner can do this, and your role is Viewer" in response.content.decode()


def test_a_partner_cannot_reach_another_partners_registration(client: Client, terms) -> None:
    alice = ready_to_submit(PartnerFactory(company_name="", member_type=""), terms)
    charlie = PartnerFactory(company_name="Charlie Co")
    client.force_login(charlie.super_admin)
    # Every page works on the signed-in user's own partner: Alice's data never shows.
    for url in ["/registration/company/", "/registration/shops/", "/registration/submit/"]:
        response = client.get(url, follow=True)
        assert "Acme Integrations" not in response.content.decode()
    assert client.get(f"/staff/review/{alice.pk}/").status_code == 404


def test_the_dashboard_offers_the_registration_to_a_user_without_an_active_partner(client: Client) -> None:
    client.force_login(UserFactory())
    html = client.get("/").content.decode()
    assert "Start registration" in html and 'href="/registration/"' in html
    active = PartnerFactory(status=Partner.Status.ACTIVE)
    client.force_login(active.super_admin)
    html = client.get("/").content.decode()
    assert 'href="/registration/"' not in html


def test_staff_cant_start_a_registration(client: Client) -> None:
    from accounts.tests.factories import StaffFactory

    sam = StaffFactory()
    client.force_login(sam)
    page = client.get("/registration/").content.decode()
    assert "Start registration" not in page and "Staff accounts don't register a partner" in page
    response = client.post("/registration/start/", follow=True)
    assert "Staff accounts can&#x27;t register a partner" in response.content.decode()
    assert not PartnerMember.objects.filter(user=sam).exists()
    with pytest.raises(services.ApplicationStateError):
        services.application_start(user=sam)


@pytest.mark.parametrize("step", ["company", "terms", "shops", "submit", "status", "seller-approval"])
def test_a_later_steps_url_before_starting_leads_to_the_start(client: Client, step: str) -> None:
    client.force_login(UserFactory())
    response = client.get(f"/registration/{step}/")
    assert response.status_code == 302 and response["Location"] == "/registration/"
