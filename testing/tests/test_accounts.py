"""Test sellers, shops and buyers: made at once for one app, invisible to every
other app and to the catalogue's other uses, reset, removed with the app."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils.html import escape

from apps_mgmt.services import app_delete
from audit.models import AuditEvent
from openapi.tests.helpers import partner_with_app
from sandbox.models import SandboxOrder, SandboxProduct
from shops.catalogue import shop_catalogue_import
from shops.eligibility import domains_check
from shops.models import Shop, ShopLink
from shops.services import shop_links_add
from testing import services
from testing.models import Buyer, SellerShop
from testing.services import TestAccountError

from .conftest import Alice, make_alice

pytestmark = pytest.mark.django_db


def test_a_test_seller_gets_a_test_shop_linked_to_the_app_at_once_with_sample_products(alice: Alice) -> None:
    shop = alice.seller.shop
    assert shop.is_test and shop.domain == f"test-{alice.app.fs_id}-1"
    link = ShopLink.objects.get(shop=shop)
    assert (link.app, link.status) == (alice.app, ShopLink.Status.ACTIVE)
    assert SandboxProduct.objects.filter(shop=shop).count() > 20
    assert not SandboxOrder.objects.filter(shop=shop).exists()
    assert alice.buyer.email.endswith("@testing.invalid")


def test_it_sends_no_consent_email_for_a_test_shop(alice: Alice) -> None:
    from outbox.models import Message

    assert not Message.objects.filter(channel="email", payload__template__startswith="shop_").exists()


def test_an_app_has_as_many_test_shops_as_the_setting_says(alice: Alice, settings) -> None:
    settings.TESTING_SHOPS_PER_APP = 2
    second = services.testing_seller_create(app=alice.app, actor=alice.user)
    assert second.number == 2 and second.shop.shop_id == alice.seller.shop.shop_id + 1
    with pytest.raises(TestAccountError, match="may have 2 test shops"):
        services.testing_seller_create(app=alice.app, actor=alice.user)


def test_the_page_shows_the_seller_the_shop_and_the_buyer(alice: Alice) -> None:
    page = alice.client.get(alice.url()).content.decode()
    assert "Test Seller 1" in page and escape(alice.seller.shop.name) in page and str(alice.seller.shop.shop_id) in page
    assert alice.buyer.email in page
    assert f'href="/apps/{alice.app.fs_id}/testing/" aria-current="page">Testing Account' in page  # the menu entry


def test_a_viewer_sees_the_page_without_its_buttons(alice: Alice) -> None:
    from partners.roles import Role
    from partners.tests.factories import add_member

    viewer = add_member(alice.app.partner, role=Role.VIEWER)
    client = Client()
    client.force_login(viewer.user)
    page = client.get(alice.url()).content.decode()
    assert escape(alice.seller.shop.name) in page and "Create test seller" not in page and "Reset" not in page
    assert client.post(alice.url("sellers/")).status_code == 403


def test_nobody_else_finds_a_test_shop(alice: Alice) -> None:
    shop = alice.seller.shop
    charlie = partner_with_app("Charlie's app")
    # Shop drafting and Add Shop: it doesn't exist.
    [verdict] = domains_check(partner=charlie.app.partner, member_type="third_party_enabler", text=shop.domain)
    assert verdict.error == "shop not found"
    # Alice's own Add Shop neither: a test shop is on Testing Account only.
    with pytest.raises(Exception, match="Some lines"):
        shop_links_add(partner=alice.app.partner, app=alice.app, text=shop.domain, actor=alice.user)
    # Shop Management lists the real shops only.
    page = alice.client.get(f"/apps/{alice.app.fs_id}/shops/").content.decode()
    assert shop.domain not in page
    # The catalogue import can't take its id over.
    report = shop_catalogue_import(
        lines=[
            "shop_id,name,domain,tier,status,owner_id,owner_email",
            f"{shop.shop_id},Mine,mine-now,official_store,open,1,o@example.com",
        ]
    )
    assert report.errors and "test shop" in report.errors[0][1]
    assert Shop.objects.get(pk=shop.pk).name == shop.name


def test_the_staff_catalogue_leaves_test_shops_out_unless_asked(alice: Alice) -> None:
    from accounts.tests.factories import StaffFactory

    staff = Client()
    staff.force_login(StaffFactory(is_superuser=True))
    assert alice.seller.shop.domain not in staff.get("/staff/admin/shops/shop/").content.decode()
    assert alice.seller.shop.domain in staff.get("/staff/admin/shops/shop/?kind=test").content.decode()


def test_the_open_api_gives_a_test_shop_to_its_app_and_refuses_it_to_another(alice: Alice) -> None:
    from openapi.services import access_token_issue

    shop_id = alice.seller.shop.shop_id
    mine = Client().get(
        f"/v1/shop/fs/{alice.app.fs_id}/shop-info?shop_id={shop_id}",
        HTTP_AUTHORIZATION=f"Bearer {access_token_issue(app=alice.app).token}",
    )
    assert mine.status_code == 200 and mine.json()["data"][0]["shop_id"] == shop_id
    charlie = partner_with_app("Charlie's app")
    theirs = Client().get(f"/v1/shop/fs/{charlie.app.fs_id}/shop-info?shop_id={shop_id}", **charlie.bearer())
    assert theirs.status_code == 403 and theirs.json()["header"]["error_code"] == "RBAC_MDLW_001"


def test_reset_puts_the_shop_back_as_it_was_made(alice: Alice) -> None:
    product = alice.product()
    orders = services.testing_orders_place(
        seller=alice.seller, lines=[(product.product_id, 2)], count=3, actor=alice.user
    )
    SandboxProduct.objects.filter(pk=product.pk).update(price=1)
    page = alice.client.post(alice.url(f"sellers/{alice.seller.number}/reset/"), follow=True).content.decode()
    assert "is reset" in page
    assert not SandboxOrder.objects.filter(shop=alice.seller.shop).exists()
    assert SandboxProduct.objects.get(product_id=product.product_id).price == product.price
    # Order numbers carry on: a receiver never sees an order id twice.
    [again] = services.testing_orders_place(
        seller=alice.seller, lines=[(product.product_id, 1)], count=1, actor=alice.user
    )
    assert again.order_id == orders[-1].order_id + 1


def test_deleting_the_app_removes_its_test_accounts(alice: Alice, settings) -> None:
    services.testing_orders_place(
        seller=alice.seller, lines=[(alice.product().product_id, 1)], count=2, actor=alice.user
    )
    shop_pk = alice.seller.shop.pk
    app_delete(app=alice.app, actor=alice.user)
    assert not Shop.objects.filter(pk=shop_pk).exists()
    assert not SellerShop.objects.filter(app=alice.app).exists() and not Buyer.objects.filter(app=alice.app).exists()
    assert not SandboxOrder.objects.filter(shop_id=shop_pk).exists()
    assert AuditEvent.objects.filter(action="testing.remove_for_app", fs_id=alice.app.fs_id).exists()
    # No "your shop was removed" email to a test seller.
    from outbox.models import Message

    assert not Message.objects.filter(channel="email", payload__template="shop_removed").exists()


def test_another_apps_test_shop_is_a_404_on_this_apps_pages(alice: Alice) -> None:
    other = make_alice("Alice's second app")
    assert alice.client.get(f"/apps/{other.app.fs_id}/testing/").status_code in (200, 404)  # another partner: 404
    assert alice.client.post(alice.url(f"sellers/{other.seller.number + 5}/reset/")).status_code == 404
