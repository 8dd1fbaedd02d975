from __future__ import annotations

from typing import Any

import pytest
from django.core.mail import EmailMultiAlternatives
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def eml_mail(settings: Any) -> None:
    settings.DEBUG = True
    settings.EMAIL_BACKEND = "console.lib.mail.EmlFileBackend"


def send_one() -> None:
    message = EmailMultiAlternatives(
        "Confirm your email", "Open http://testserver/accounts/confirm-email/abc/ to confirm.", to=["alice@acme.co.id"]
    )
    message.attach_alternative("<p><a href='http://testserver/x'>Confirm</a></p>", "text/html")
    message.send()


def test_it_lists_and_shows_emails_with_clickable_links(client: Client, eml_mail: None, settings: Any) -> None:
    send_one()
    files = list(settings.EMAIL_FILE_PATH.glob("*.eml"))
    assert len(files) == 1
    listing = client.get("/dev/mail/").content.decode()
    assert "Confirm your email" in listing
    assert "alice@acme.co.id" in listing
    detail = client.get(f"/dev/mail/{files[0].name}").content.decode()
    assert '<a href="http://testserver/accounts/confirm-email/abc/"' in detail
    html = client.get(f"/dev/mail/{files[0].name}/html")
    assert "sandbox" in html["Content-Security-Policy"]


def test_it_shows_an_empty_state_before_any_email(client: Client, eml_mail: None) -> None:
    assert b"No email yet" in client.get("/dev/mail/").content


def test_it_does_not_exist_with_debug_off(client: Client, settings: Any) -> None:
    settings.DEBUG = False
    assert client.get("/dev/mail/").status_code == 404


def test_it_refuses_names_outside_the_mail_folder(client: Client, eml_mail: None) -> None:
    assert client.get("/dev/mail/..%2F..%2Fconsole.sqlite3").status_code == 404
    assert client.get("/dev/mail/123-abcdef12.eml").status_code == 404


def test_it_is_shown_only_to_a_client_on_this_machine(client: Client, eml_mail: None, settings: Any) -> None:
    send_one()
    assert client.get("/dev/mail/", REMOTE_ADDR="203.0.113.5").status_code == 404
    assert client.get("/dev/mail/", REMOTE_ADDR="::1").status_code == 200
    # Behind a proxy, the client's address decides, not the proxy's.
    settings.NUM_PROXIES = 1
    assert client.get("/dev/mail/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 404
    assert (
        b"Mail (dev)"
        not in client.get("/accounts/login/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5").content
    )
