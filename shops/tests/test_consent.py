"""The shop owner's consent page: a GET shows, only the POST decides, once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from audit.models import AuditEvent
from partners.tests.factories import PartnerFactory
from shops.models import ShopLink
from shops.services import shop_link_remove, shop_link_resend
from shops.tests.factories import ShopFactory
from shops.tests.helpers import consent_path, invited_partner, mails
from shops.tokens import consent_token

pytestmark = pytest.mark.django_db
Status = ShopLink.Status


def test_approval_emails_each_owner_who_the_partner_is_with_approve_and_reject_buttons(
    django_capture_on_commit_callbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _, links = invited_partner(company_name="Acme & Sons")
    sent = {mail.to: mail for mail in mails()}
    assert set(sent) == {link.shop.owner_email for link in links}
    mail = sent[links[0].shop.owner_email]
    # Bahasa Indonesia first, the English below (SHOP_OWNER_EMAIL_LANGUAGES).
    assert mail.subject.endswith(f"Acme & Sons meminta izin mengelola toko Anda {links[0].shop.name}")
    assert "Acme & Sons, registered on" in mail.text and "Third Party Enabler" in mail.text
    assert "What access means" in mail.text
    assert ">Approve</a>" in mail.html and ">Reject</a>" in mail.html
    assert "Acme &amp; Sons" in mail.html
    assert consent_path(mail, "approve") == consent_path(mail, "reject")


def test_a_get_shows_the_confirmation_page_and_changes_nothing(client: Client) -> None:
    partner, links = invited_partner()
    response = client.get(f"/shop-consent/{consent_token(links[0])}/?decision=approve")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Give {partner.company_name} access to {links[0].shop.name}?" in html
    assert "You chose <strong>Approve</strong> in the email" in html
    assert 'name="decision" value="approve"' in html and 'name="decision" value="reject"' in html
    assert response["Cache-Control"].startswith("max-age=0")
    links[0].refresh_from_db()
    assert links[0].status == Status.INVITED


def test_the_owner_approves_and_the_time_and_ip_are_recorded_and_the_partner_told(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    partner, links = invited_partner()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/shop-consent/{consent_token(links[0])}/", {"decision": "approve"}, REMOTE_ADDR="203.0.113.9"
        )
    assert b"Access approved" in response.content
    link = ShopLink.objects.get(pk=links[0].pk)
    assert link.status == Status.ACTIVE
    assert link.decided_ip == "203.0.113.9"
    assert timezone.now() - link.decided_at < timedelta(seconds=5)
    event = AuditEvent.objects.get(action="shop_link.active", target_id=str(link.pk))
    assert event.actor is None and event.actor_label == link.shop.owner_email and event.ip == "203.0.113.9"
    [decision] = [mail for mail in mails() if mail.to == partner.super_admin.email]
    assert f"{link.shop.name} approved your request" in decision.subject
    assert "/registration/seller-approval/" in decision.text


def test_the_owner_rejects_and_the_partner_is_told(client: Client, django_capture_on_commit_callbacks) -> None:
    partner, links = invited_partner()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/shop-consent/{consent_token(links[1])}/", {"decision": "reject"})
    assert b"Access rejected" in response.content
    assert ShopLink.objects.get(pk=links[1].pk).status == Status.REJECTED
    [decision] = [mail for mail in mails() if mail.to == partner.super_admin.email]
    assert "rejected your request" in decision.subject
    assert "new invitation" in decision.text


def test_a_link_works_once(client: Client) -> None:
    _, links = invited_partner()
    url = f"/shop-consent/{consent_token(links[0])}/"
    client.post(url, {"decision": "reject"})
    for response in (client.get(url), client.post(url, {"decision": "approve"})):
        assert response.status_code == 400
        assert b"This link was already used" in response.content
    assert ShopLink.objects.get(pk=links[0].pk).status == Status.REJECTED


def test_a_tampered_link_changes_nothing(client: Client) -> None:
    _, links = invited_partner()
    token = consent_token(links[0])
    # Another shop's id pasted into the payload, or one character off: the signature fails.
    forged = consent_token(links[1]).split(":")[0] + ":" + token.split(":", 1)[1]
    for bad in (token[:-1] + ("A" if token[-1] != "A" else "B"), forged, "nonsense"):
        response = client.post(f"/shop-consent/{bad}/", {"decision": "approve"})
        assert response.status_code == 400
        assert b"This link is not valid" in response.content
    assert set(ShopLink.objects.values_list("status", flat=True)) == {Status.INVITED}


def test_an_expired_link_changes_nothing(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    _, links = invited_partner()
    ShopLink.objects.filter(pk=links[0].pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    url = f"/shop-consent/{consent_token(links[0])}/"
    assert b"This link has expired" in client.get(url).content
    assert b"This link has expired" in client.post(url, {"decision": "approve"}).content
    # The signature's own age counts too, whatever the row says.
    settings.SHOP_CONSENT_TTL = -1
    assert b"This link has expired" in client.get(f"/shop-consent/{consent_token(links[1])}/").content
    assert set(ShopLink.objects.values_list("status", flat=True)) == {Status.INVITED}


def test_a_re_invite_replaces_the_older_link() -> None:
    _, links = invited_partner()
    old = consent_token(links[0])
    shop_link_resend(link=links[0], actor=None)
    client = Client()
    response = client.post(f"/shop-consent/{old}/", {"decision": "approve"})
    assert b"This link was replaced" in response.content
    assert ShopLink.objects.get(pk=links[0].pk).status == Status.INVITED
    assert (
        b"Access approved" in client.post(f"/shop-consent/{consent_token(links[0])}/", {"decision": "approve"}).content
    )


def test_a_withdrawn_request_changes_nothing(client: Client) -> None:
    _, links = invited_partner()
    token = consent_token(links[0])
    shop_link_remove(link=links[0], actor=None)
    response = client.post(f"/shop-consent/{token}/", {"decision": "approve"})
    assert b"This request was withdrawn" in response.content
    assert ShopLink.objects.get(pk=links[0].pk).status == Status.REMOVED


def test_a_shop_managed_by_another_partner_cannot_be_approved_twice(client: Client) -> None:
    _, links = invited_partner()
    ShopLink.objects.create(partner=PartnerFactory(), shop=links[0].shop, status=Status.ACTIVE)
    response = client.post(f"/shop-consent/{consent_token(links[0])}/", {"decision": "approve"})
    assert b"This shop is managed by another partner" in response.content
    assert ShopLink.objects.get(pk=links[0].pk).status == Status.INVITED


def test_it_asks_for_one_of_the_two_buttons(client: Client) -> None:
    _, links = invited_partner()
    response = client.post(f"/shop-consent/{consent_token(links[0])}/", {"decision": "maybe"})
    assert b"Choose Approve or Reject" in response.content
    assert ShopLink.objects.get(pk=links[0].pk).status == Status.INVITED


def test_a_post_without_the_pages_csrf_token_is_refused() -> None:
    _, links = invited_partner()
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/shop-consent/{consent_token(links[0])}/", {"decision": "approve"})
    assert response.status_code == 403
    assert ShopLink.objects.get(pk=links[0].pk).status == Status.INVITED


def test_an_unknown_shop_does_not_break_the_page(client: Client) -> None:
    link = ShopLink.objects.create(partner=PartnerFactory(), shop=ShopFactory(), status=Status.INVITED)
    link.invite_nonce = "x" * 32
    token = consent_token(link)
    link.delete()
    assert b"This link is not valid" in client.get(f"/shop-consent/{token}/").content
