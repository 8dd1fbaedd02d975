from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def signup(client: Client, email: str = "alice@acme.co.id", password: str = PASSWORD) -> object:
    return client.post(reverse("account_signup"), {"email": email, "password1": password, "password2": password})


def test_it_sends_the_verification_email_through_the_task_after_commit(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = signup(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert len(callbacks) == 1  # queued on commit, not sent inline
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@acme.co.id"]
    assert "Confirm" in message.subject or "confirm" in message.body
    assert re.search(r"http://testserver/accounts/confirm-email/[^/\s]+/", message.body)
    assert User.objects.get(email="alice@acme.co.id").emailaddress_set.get().verified is False


def test_it_refuses_sign_in_until_the_email_is_verified(client: Client) -> None:
    UserFactory(email="bob@acme.co.id", verified=False)
    response = client.post(reverse("account_login"), {"login": "bob@acme.co.id", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert client.get(reverse("home")).status_code == 302


def test_it_signs_in_with_an_email_address_and_shows_the_dashboard(client: Client) -> None:
    UserFactory(email="alice@acme.co.id")
    response = client.post(reverse("account_login"), {"login": "ALICE@acme.co.id", "password": PASSWORD}, follow=True)
    assert response.status_code == 200
    assert b"alice@acme.co.id" in response.content
    assert b"Two-factor off" in response.content


def test_it_verifies_by_the_emailed_link_with_a_post_not_a_get(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        signup(client, "carol@acme.co.id")
    link = re.search(r"http://testserver(/accounts/confirm-email/[^/\s]+/)", mail.outbox[0].body).group(1)
    assert client.get(link).status_code == 200  # a confirmation page; a mail scanner's GET changes nothing
    assert EmailAddress.objects.get(email="carol@acme.co.id").verified is False
    client.post(link)
    assert EmailAddress.objects.get(email="carol@acme.co.id").verified is True


def test_it_rate_limits_repeated_failed_sign_ins(client: Client) -> None:
    UserFactory(email="dave@acme.co.id")
    for _ in range(5):
        response = client.post(reverse("account_login"), {"login": "dave@acme.co.id", "password": "wrong-password"})
        assert b"Too many failed login attempts" not in response.content
    # Past allauth's limit even the right password is refused for a while.
    response = client.post(reverse("account_login"), {"login": "dave@acme.co.id", "password": PASSWORD})
    assert response.status_code == 200
    assert b"Too many failed login attempts" in response.content
    assert client.get(reverse("home")).status_code == 302


def test_the_signup_form_labels_every_input(client: Client) -> None:
    html = client.get(reverse("account_signup")).content.decode()
    for input_id in re.findall(r'<input[^>]*\bid="([^"]+)"', html):
        assert f'for="{input_id}"' in html, f"input #{input_id} has no <label for>"
    assert "corporate email" in html.lower()
