"""Step 5: the partner waits for the shop owners, and can add, remove and resend."""

from __future__ import annotations

import pytest
from django.test import Client

from audit.models import AuditEvent
from partners.models import Partner, PartnerMember
from partners.tests.factories import PartnerFactory, add_member
from shops.models import Shop, ShopLink
from shops.services import RESEND_LIMIT, shop_link_decide
from shops.tests.factories import ShopFactory
from shops.tests.helpers import SELLER, invited_partner, mails
from shops.tokens import consent_token

pytestmark = pytest.mark.django_db
Status = ShopLink.Status
URL = "/registration/seller-approval/"


def signed_in(client: Client, partner: Partner) -> Client:
    client.force_login(partner.super_admin)
    return client


def test_it_shows_each_shops_status_under_the_five_step_progress_bar(client: Client) -> None:
    partner, links = invited_partner()
    shop_link_decide(token=consent_token(links[0]), decision="approve", ip=None)
    shop_link_decide(token=consent_token(links[1]), decision="reject", ip=None)
    html = signed_in(client, partner).get(URL).content.decode()
    for label in ("Company", "Terms and Conditions", "Shops", "Submit for approval", "Wait for seller approval"):
        assert label in html
    assert 'aria-current="step"' in html and 'Wait for seller approval<span class="visually-hidden"> (current)' in html
    assert "1 of 3 approvals needed" in html
    for link, badge in zip(links, ("Active", "Rejected", "Pending"), strict=True):
        row = html.split(link.shop.domain)[1].split("</tr>")[0]
        assert f">{badge}</span>" in row


def test_a_partner_not_yet_approved_is_sent_to_the_dashboard(client: Client) -> None:
    partner = PartnerFactory(status=Partner.Status.SUBMITTED)
    assert signed_in(client, partner).get(URL)["Location"] == "/"


def test_it_adds_a_shop_and_mails_its_owner_at_once(client: Client, django_capture_on_commit_callbacks) -> None:
    partner, _ = invited_partner()
    shop = ShopFactory(domain="acme-official", tier=Shop.Tier.POWER_MERCHANT)
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(client, partner).post(URL, {"domains": "https://marketplace.example/Acme-Official/\n"})
    assert response["Location"] == URL
    link = ShopLink.objects.get(partner=partner, shop=shop)
    assert link.status == Status.INVITED and link.app is None
    assert [mail.to for mail in mails()] == [shop.owner_email]


def test_it_refuses_bad_lines_one_by_one_and_stores_nothing(client: Client) -> None:
    partner, links = invited_partner()
    ShopFactory(domain="regular-shop", tier=Shop.Tier.REGULAR_MERCHANT)
    ShopFactory(domain="good-shop")
    text = f"good-shop\nno-such-shop\nregular-shop\n{links[0].shop.domain}"
    html = signed_in(client, partner).post(URL, {"domains": text}).content.decode()
    assert "Some lines can&#x27;t be added" in html
    assert "shop not found" in html and "not eligible: Regular Merchant" in html and "already on your list" in html
    assert "no-such-shop" in html.split("<textarea")[1]  # what was typed is kept
    assert ShopLink.objects.filter(partner=partner).count() == 3


def test_it_refuses_to_go_past_the_member_types_limit(client: Client) -> None:
    partner, _ = invited_partner(member_type=SELLER, shops=1)
    ShopFactory(domain="second-store")
    html = signed_in(client, partner).post(URL, {"domains": "second-store"}).content.decode()
    assert "A Seller registers exactly one shop" in html
    assert ShopLink.objects.filter(partner=partner).count() == 1


def test_it_resends_an_invitation_but_not_too_often(client: Client, django_capture_on_commit_callbacks) -> None:
    partner, links = invited_partner()
    signed_in(client, partner)
    for _ in range(RESEND_LIMIT):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"{URL}{links[0].pk}/resend/", follow=True)
        assert b"A new invitation went to the owner" in response.content
    response = client.post(f"{URL}{links[0].pk}/resend/", follow=True)
    assert b"sent 3 times this hour; try again in" in response.content
    assert len(mails()) == RESEND_LIMIT
    # The limit is per link: another shop can still be resent.
    assert b"A new invitation" in client.post(f"{URL}{links[1].pk}/resend/", follow=True).content


def test_it_re_invites_a_rejected_shop(client: Client) -> None:
    partner, links = invited_partner()
    shop_link_decide(token=consent_token(links[0]), decision="reject", ip=None)
    signed_in(client, partner).post(f"{URL}{links[0].pk}/resend/")
    link = ShopLink.objects.get(pk=links[0].pk)
    assert link.status == Status.INVITED and link.decided_at is None


def test_it_removes_a_pending_shop_after_a_confirmation_page(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    partner, links = invited_partner()
    signed_in(client, partner)
    page = client.get(f"{URL}{links[0].pk}/remove/")
    assert b"The invitation is withdrawn" in page.content
    assert ShopLink.objects.get(pk=links[0].pk).status == Status.INVITED
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{URL}{links[0].pk}/remove/")
    assert ShopLink.objects.get(pk=links[0].pk).status == Status.REMOVED
    assert AuditEvent.objects.filter(action="shop_link.removed", target_id=str(links[0].pk)).exists()
    [told] = mails()
    assert told.to == links[0].shop.owner_email and "menarik permintaannya" in told.subject  # Indonesian first
    assert links[0].shop.domain.encode() not in client.get(URL).content


def test_a_viewer_sees_the_list_but_cannot_change_it(client: Client) -> None:
    partner, links = invited_partner()
    bob = add_member(partner, PartnerMember.Role.VIEWER)
    client.force_login(bob.user)
    html = client.get(URL).content.decode()
    assert links[0].shop.domain in html and "Add shops" not in html and "Resend" not in html
    ShopFactory(domain="sneaky")
    assert client.post(URL, {"domains": "sneaky"}).status_code == 403
    assert client.post(f"{URL}{links[0].pk}/resend/").status_code == 403
    assert client.post(f"{URL}{links[0].pk}/remove/").status_code == 403
    assert ShopLink.objects.filter(partner=partner).count() == 3


def test_another_partner_cannot_touch_these_shops(client: Client) -> None:
    _, links = invited_partner()
    charlie, _ = invited_partner()
    signed_in(client, charlie)
    assert client.post(f"{URL}{links[0].pk}/resend/").status_code == 404
    assert client.get(f"{URL}{links[0].pk}/remove/").status_code == 404
    assert links[0].shop.domain.encode() not in client.get(URL).content
    assert ShopLink.objects.get(pk=links[0].pk).status == Status.INVITED
