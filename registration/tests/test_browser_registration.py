"""Two companies register in Chromium, Sam reviews them, and the rejected one tries again."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import PASSWORD, StaffFactory, UserFactory
from partners.models import Partner
from registration.tests.conftest import PDF_DIR
from shops.seed import seed_shops

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, email: str, password: str = PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("heading", name=re.compile("Welcome")).wait_for()


def sign_out(page) -> None:
    page.goto("/accounts/logout/")
    page.get_by_role("button", name="Sign Out").click()
    page.wait_for_url(re.compile("/accounts/login/"))


def register(page, *, company: str, member_type: str, domains: list[str]) -> None:
    """Steps 1 to 4, from the dashboard card to the status page."""
    page.get_by_role("link", name="Start registration").click()
    page.get_by_role("button", name="Start registration").click()
    page.get_by_label("Company name").fill(company)
    page.get_by_label("PIC Contact Name").fill("Person In Charge")
    page.get_by_label("PIC Contact Number").fill("0812 3456 7890")
    page.get_by_label("Business Registration Certificate").set_input_files(PDF_DIR / "valid_certificate.pdf")
    page.get_by_label("Company's Profile").set_input_files(PDF_DIR / "valid_company_profile.pdf")
    page.get_by_label("Company Website URL").fill("https://example.co.id")
    page.get_by_label(member_type, exact=True).check()
    page.get_by_label("Third Party", exact=True).check()
    page.get_by_role("button", name="Save and continue").click()  # sent with upload progress (XHR)
    page.wait_for_url(re.compile("/registration/terms/"))
    page.get_by_label("I have read and agree to the Terms and Conditions").check()
    page.get_by_role("button", name="Submit").click()
    page.wait_for_url(re.compile("/registration/shops/"))
    page.get_by_label("Shop domains").fill("\n".join(domains))
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url(re.compile("/registration/submit/"))
    page.get_by_role("button", name="Submit registration").click()
    page.wait_for_url(re.compile("/registration/status/"))
    expect(page.get_by_text("Waiting for review").first).to_be_visible()


def test_a_seller_and_an_enabler_register_and_sam_approves_one_and_rejects_the_other(page, terms) -> None:
    seed_shops()
    alice = UserFactory(email="alice@acme.co.id")
    charlie = UserFactory(email="charlie@enabler.co.id", first_name="Charlie")
    sam = StaffFactory(email="sam@marketplace.example")
    page.on("dialog", lambda dialog: dialog.accept())  # the Approve button asks for confirmation

    sign_in(page, alice.email)
    register(page, company="Acme Seller", member_type="Seller", domains=["acme-official"])
    sign_out(page)
    sign_in(page, charlie.email)
    register(
        page,
        company="Charlie Enabler",
        member_type="Third Party Enabler",
        domains=["gadget-hub-pro", "toko-buku-jaya", "nusantara-electronics"],
    )
    sign_out(page)

    sign_in(page, sam.email)
    page.get_by_role("link", name="Review queue", exact=True).click()
    rows = page.locator(".review-queue tbody tr")
    assert rows.count() == 2
    assert "Acme Seller" in rows.nth(0).inner_text()  # oldest first
    page.get_by_role("link", name="Acme Seller").click()
    expect(page.get_by_role("link", name="valid_certificate.pdf")).to_be_visible()
    expect(page.get_by_text("acme-official").first).to_be_visible()
    page.get_by_role("button", name="Approve").click()
    page.get_by_text("Approved Acme Seller").wait_for()
    page.get_by_role("link", name="Charlie Enabler").first.click()
    page.get_by_role("button", name="Reject").click()  # without a reason: refused
    page.get_by_role("link", name="Give the reason for rejecting.").wait_for()  # the error summary's link to the field
    page.get_by_label("Reason for rejecting").fill("The company profile does not name the company.")
    page.get_by_role("button", name="Reject").click()
    page.get_by_text("Rejected Charlie Enabler").wait_for()

    page.goto("/dev/mail/")
    expect(page.get_by_text(re.compile("Your registration of Acme Seller is approved"))).to_be_visible()
    expect(page.get_by_text(re.compile("Your registration of Charlie Enabler needs changes"))).to_be_visible()
    sign_out(page)

    sign_in(page, charlie.email)
    page.goto("/registration/status/")
    expect(page.get_by_text("The company profile does not name the company.").first).to_be_visible()
    page.get_by_role("link", name="Correct and submit again").click()
    page.get_by_label("Company name").fill("Charlie Enabler Ltd")
    page.get_by_role("button", name="Save and continue").click()  # no file chosen: the kept PDFs stay
    page.wait_for_url(re.compile("/registration/terms/"))
    page.goto("/registration/")
    page.wait_for_url(re.compile("/registration/submit/"))
    page.get_by_role("button", name="Submit again").click()
    page.wait_for_url(re.compile("/registration/status/"))
    expect(page.get_by_text("Submission 2")).to_be_visible()
    assert page.console_errors == []

    statuses = dict(Partner.objects.values_list("company_name", "status"))
    assert statuses == {"Acme Seller": Partner.Status.APPROVED, "Charlie Enabler Ltd": Partner.Status.SUBMITTED}
