"""In Chromium: a Third Party Enabler is approved, the shop owners decide from
the emails in the mail folder, the partner watches step 5, and the third
approval opens the console with a default app listing those shops."""

from __future__ import annotations

import re

import pytest

from accounts.tests.factories import PASSWORD
from partners.models import Partner
from partners.tests.factories import PartnerFactory
from shops.models import ShopLink
from shops.services import shop_links_invite_drafts
from shops.tests.factories import ShopFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOPS = ["Kopi Nusantara", "Batik Kita", "Sambal Ibu", "Teh Tarik"]


def owner_decides(page, shop_name: str, decision: str) -> None:  # type: ignore[no-untyped-def]
    """The owner opens the email, clicks a button, and confirms on the page."""
    page.goto("/dev/mail/")
    page.get_by_role("link", name=re.compile(f"meminta izin mengelola toko Anda {shop_name}")).click()  # id, then en
    page.locator(f"a[href*='decision={decision}']").first.click()  # the Indonesian part's button
    page.get_by_role("heading", name=f"Give Acme Integrations access to {shop_name}?").wait_for()
    page.get_by_role("button", name="Approve access" if decision == "approve" else "Reject").click()
    page.get_by_role("heading", name="Access approved" if decision == "approve" else "Access rejected").wait_for()


def row(page, shop_name: str):  # type: ignore[no-untyped-def]
    return page.locator("tr", has_text=shop_name)


def test_owners_decide_by_email_and_the_third_approval_opens_the_console(page, live_server, settings) -> None:
    settings.SITE_URL = live_server.url
    partner = PartnerFactory(
        status=Partner.Status.APPROVED, company_name="Acme Integrations", super_admin__email="alice@acme.co.id"
    )
    for name in SHOPS:
        ShopLink.objects.create(partner=partner, shop=ShopFactory(name=name))
    shop_links_invite_drafts(partner=partner, actor=None)

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("alice@acme.co.id")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.goto("/registration/seller-approval/")
    page.get_by_role("heading", name="Waiting for the shop owners").wait_for()
    assert page.locator(".badge", has_text="Pending").count() == 4

    owner_decides(page, "Kopi Nusantara", "approve")
    owner_decides(page, "Batik Kita", "reject")
    page.goto("/registration/seller-approval/")
    assert row(page, "Kopi Nusantara").locator(".badge").inner_text().lower() == "active"
    assert row(page, "Batik Kita").locator(".badge").inner_text().lower() == "rejected"
    assert row(page, "Sambal Ibu").locator(".badge").inner_text().lower() == "pending"
    page.get_by_text("1 of 3 approvals needed").wait_for()

    owner_decides(page, "Sambal Ibu", "approve")
    page.goto("/registration/seller-approval/")
    page.get_by_text("2 of 3 approvals needed").wait_for()

    owner_decides(page, "Teh Tarik", "approve")
    page.goto("/registration/seller-approval/")
    page.get_by_role("heading", name="Shop Management").wait_for()
    assert re.search(r"/apps/\d+/shops/$", page.url)
    assert "Acme Integrations default app" in page.content()
    for name in ("Kopi Nusantara", "Sambal Ibu", "Teh Tarik"):
        assert row(page, name).locator(".badge").inner_text().lower() == "active"
    assert row(page, "Batik Kita").count() == 0
    page.get_by_role("link", name=re.compile("Rejected")).click()
    assert row(page, "Batik Kita").locator(".badge").inner_text().lower() == "rejected"

    # The partner was told of each decision, and of the activation.
    page.goto("/dev/mail/")
    page.get_by_role("link", name=re.compile("Your account is active")).wait_for()
    assert page.console_errors == []
