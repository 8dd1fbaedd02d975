"""Email over SMTP as a deployment sends it, against a real SMTP server on
loopback (e2e/mailbox.py) that asks for TLS and a login."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.mail import send_mail

from console.tests.test_settings import manage
from e2e.mailbox import Mailbox, controller, read_messages, received_with
from e2e.stack import free_port

LOGIN = {"user": "console", "password": "smtp-pass"}


@pytest.fixture
def server(request: pytest.FixtureRequest, tmp_path: Any, tls_certificate: Any) -> Iterator[tuple[Mailbox, int]]:
    """The mailbox on a free port; `@pytest.mark.parametrize("server", [True], indirect=True)` for implicit TLS."""
    mailbox = Mailbox(tmp_path / "smtp")
    port = free_port()
    implicit = bool(getattr(request, "param", False))
    running = controller(
        mailbox, port=port, cert=tls_certificate.cert, key=tls_certificate.key, implicit_tls=implicit, **LOGIN
    )
    running.start()
    yield mailbox, port
    running.stop()


def smtp_settings(settings: Any, port: int, **overrides: object) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = LOGIN["user"], LOGIN["password"]
    settings.EMAIL_USE_TLS, settings.EMAIL_USE_SSL = True, False
    for name, value in overrides.items():
        setattr(settings, name, value)


def test_the_environments_settings_send_over_starttls_with_the_login(server, tls_certificate) -> None:
    mailbox, port = server
    result = manage(
        "sendtestemail",
        "alice@acme.co.id",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(port),
        EMAIL_HOST_USER=LOGIN["user"],
        EMAIL_HOST_PASSWORD=LOGIN["password"],
        SSL_CERT_FILE=str(tls_certificate.ca),  # the deployment's private CA
    )
    assert result.returncode == 0, result.stderr
    [message] = read_messages(mailbox.folder)
    assert message["To"] == "alice@acme.co.id"
    assert received_with(message) == "ESMTPSA"  # over TLS, authenticated


@pytest.mark.parametrize("server", [True], indirect=True)
def test_implicit_tls_sends_over_tls_with_the_login(server, settings, tls_certificate, monkeypatch) -> None:
    mailbox, port = server
    monkeypatch.setenv("SSL_CERT_FILE", str(tls_certificate.ca))
    smtp_settings(settings, port, EMAIL_USE_TLS=False, EMAIL_USE_SSL=True)
    send_mail("Hello", "Body", None, ["alice@acme.co.id"])
    [message] = read_messages(mailbox.folder)
    assert received_with(message) == "ESMTPSA"


def test_a_server_whose_certificate_isnt_trusted_gets_nothing(server, settings, monkeypatch) -> None:
    mailbox, port = server
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    smtp_settings(settings, port)
    with pytest.raises(ssl.SSLCertVerificationError):
        send_mail("Hello", "Body", None, ["alice@acme.co.id"])
    assert read_messages(mailbox.folder) == []
