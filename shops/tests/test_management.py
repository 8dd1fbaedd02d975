"""Shop Management: an app's shops by tab, Add Shop, Remove Shop, resend."""

from __future__ import annotations

import pytest
from django.test import Client

from apps_mgmt.models import App
from apps_mgmt.tests.factories import issue_app
from partners.models import Partner, PartnerMember
from partners.tests.factories import PartnerFactory, add_member
from shops.models import Shop, ShopLink
from shops.services import shop_link_decide
from shops.tests.factories import ShopFactory
from shops.tests.helpers import mails
from shops.tokens import consent_token

pytestmark = pytest.mark.django_db
Status = ShopLink.Status


def alices_app(shops: int = 0, status: str = Status.ACTIVE) -> App:
    partner = PartnerFactory(status=Partner.Status.ACTIVE)
    app = issue_app(partner).app
    for shop in ShopFactory.create_batch(shops):
        ShopLink.objects.create(partner=partner, app=app, shop=shop, status=status)
    return app


def url(app: App, rest: str = "") -> str:
    return f"/apps/{app.fs_id}/shops/{rest}"


def test_it_lists_the_apps_shops_by_tab(client: Client) -> None:
    app = alices_app(shops=2)
    ShopLink.objects.create(partner=app.partner, app=app, shop=ShopFactory(name="Pending Shop"), status=Status.INVITED)
    ShopLink.objects.create(partner=app.partner, app=app, shop=ShopFactory(name="Gone Shop"), status=Status.EXPIRED)
    ShopLink.objects.create(partner=app.partner, app=app, shop=ShopFactory(name="No Shop"), status=Status.REJECTED)
    client.force_login(app.partner.super_admin)
    active = client.get(url(app)).content.decode()
    assert 'Active <span class="tab-count">2</span>' in active and 'Pending <span class="tab-count">2</span>' in active
    assert "Pending Shop" not in active
    pending = client.get(url(app) + "?tab=pending").content.decode()
    assert "Pending Shop" in pending and "Gone Shop" in pending and ">Expired</span>" in pending
    assert "No Shop" in client.get(url(app) + "?tab=rejected").content.decode()
    assert "No removed shops" in client.get(url(app) + "?tab=removed").content.decode()


def test_add_shop_invites_the_owners_for_this_app(client: Client, django_capture_on_commit_callbacks) -> None:
    app = alices_app()
    ShopFactory(domain="acme-official")
    ShopFactory(domain="acme-pm", tier=Shop.Tier.POWER_MERCHANT_PRO)
    client.force_login(app.partner.super_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(app), {"domains": "acme-official\nacme-pm"})
    assert response["Location"] == url(app) + "?tab=pending"
    assert set(ShopLink.objects.filter(app=app).values_list("shop__domain", "status")) == {
        ("acme-official", Status.INVITED),
        ("acme-pm", Status.INVITED),
    }
    assert len(mails()) == 2
    # The owner approves from the email: the shop is active in this app.
    link = ShopLink.objects.get(shop__domain="acme-official")
    shop_link_decide(token=consent_token(link), decision="approve", ip=None)
    assert "acme-official" in client.get(url(app)).content.decode()


def test_add_shop_refuses_a_shop_active_with_another_partner(client: Client) -> None:
    app = alices_app()
    taken = ShopFactory(domain="taken-shop")
    ShopLink.objects.create(partner=PartnerFactory(), shop=taken, status=Status.ACTIVE)
    client.force_login(app.partner.super_admin)
    html = client.post(url(app), {"domains": "taken-shop"}).content.decode()
    assert "already linked to another partner" in html
    assert not ShopLink.objects.filter(app=app).exists()


def test_add_shop_keeps_within_ten_shops_per_app(client: Client) -> None:
    app = alices_app(shops=9)
    ShopFactory(domain="tenth")
    ShopFactory(domain="eleventh")
    client.force_login(app.partner.super_admin)
    html = client.post(url(app), {"domains": "tenth\neleventh"}).content.decode()
    assert "at most 10 shops; you have 11" in html
    assert ShopLink.objects.filter(app=app).count() == 9


def test_remove_shop_asks_first_then_tells_the_owner(client: Client, django_capture_on_commit_callbacks) -> None:
    app = alices_app(shops=1)
    link = ShopLink.objects.get(app=app)
    client.force_login(app.partner.super_admin)
    page = client.get(url(app, f"{link.pk}/remove/"))
    assert b"will stop reaching this shop" in page.content
    assert ShopLink.objects.get(pk=link.pk).status == Status.ACTIVE
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(app, f"{link.pk}/remove/"))
    assert response["Location"] == url(app) + "?tab=active"
    assert ShopLink.objects.get(pk=link.pk).status == Status.REMOVED
    [told] = mails()
    assert (
        told.to == link.shop.owner_email and "tidak lagi mengelola" in told.subject
    )  # the owner reads Indonesian first
    assert link.shop.name in client.get(url(app) + "?tab=removed").content.decode()


def test_a_removed_shop_can_be_added_again(client: Client) -> None:
    app = alices_app(shops=1, status=Status.REMOVED)
    link = ShopLink.objects.get(app=app)
    client.force_login(app.partner.super_admin)
    client.post(url(app), {"domains": link.shop.domain})
    assert list(ShopLink.objects.filter(app=app).values_list("pk", "status")) == [(link.pk, Status.INVITED)]


def test_a_viewer_sees_the_shops_but_cannot_change_them(client: Client) -> None:
    app = alices_app(shops=1)
    link = ShopLink.objects.get(app=app)
    bob = add_member(app.partner, PartnerMember.Role.VIEWER)
    client.force_login(bob.user)
    html = client.get(url(app)).content.decode()
    assert link.shop.name in html and "Remove Shop" not in html and "Add Shop" not in html
    ShopFactory(domain="sneaky")
    # A member learns the role they lack (403); outsiders get a 404.
    assert client.post(url(app), {"domains": "sneaky"}).status_code == 403
    assert client.post(url(app, f"{link.pk}/remove/")).status_code == 403
    assert client.post(url(app, f"{link.pk}/resend/")).status_code == 403
    assert ShopLink.objects.get(pk=link.pk).status == Status.ACTIVE


def test_an_outsider_gets_a_404_for_another_partners_app_and_shops(client: Client) -> None:
    app = alices_app(shops=1)
    link = ShopLink.objects.get(app=app)
    charlie_app = alices_app()
    client.force_login(charlie_app.partner.super_admin)
    assert client.get(url(app)).status_code == 404
    assert client.post(url(app, f"{link.pk}/remove/")).status_code == 404
    # Nor through his own app's address with Alice's link id.
    assert client.post(url(charlie_app, f"{link.pk}/remove/")).status_code == 404
    assert client.post(url(charlie_app, f"{link.pk}/resend/")).status_code == 404
    assert ShopLink.objects.get(pk=link.pk).status == Status.ACTIVE


def test_a_link_of_one_app_cannot_be_changed_through_another_app(client: Client) -> None:
    app = alices_app(shops=1)
    other = issue_app(app.partner, name="Second app").app
    link = ShopLink.objects.get(app=app)
    client.force_login(app.partner.super_admin)
    assert client.post(url(other, f"{link.pk}/remove/")).status_code == 404
    assert ShopLink.objects.get(pk=link.pk).status == Status.ACTIVE


@pytest.mark.parametrize("shops", [1, 100])
def test_the_page_costs_the_same_queries_for_1_or_100_shops(
    client: Client, django_assert_max_num_queries, shops: int
) -> None:
    app = alices_app(shops=shops)
    client.force_login(app.partner.super_admin)
    with django_assert_max_num_queries(8):  # 7, and the app header's deprecation notices (news/)
        response = client.get(url(app))
    assert response.content.decode().count("<tr>") == shops + 1
