"""Email over SMTP with the settings a deployment gives in its environment, against a
real SMTP server on loopback (e2e/mailbox.py) that asks for TLS and a login."""

from __future__ import annotations

from typing import Any

import pytest

from console.tests.test_settings import manage
from e2e.mailbox import Mailbox, controller, read_messages, received_with
from e2e.stack import free_port


def smtp_environment(port: int, ca: str | None, **extra: str) -> dict[str, str]:
    env = {
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "EMAIL_HOST_USER": "console",
        "EMAIL_HOST_PASSWORD": "smtp-pass",
        "EMAIL_TIMEOUT": "5",
        **extra,
    }
    if ca:
        env["SSL_CERT_FILE"] = ca
    return env


@pytest.fixture
def mailbox(tmp_path: Any) -> Mailbox:
    return Mailbox(tmp_path / "smtp")


@pytest.mark.parametrize(("mode", "extra"), [("STARTTLS", {}), ("implicit TLS", {"EMAIL_USE_SSL": "1"})])
def test_the_environments_settings_send_over_tls_with_the_login(mailbox, tls_certificate, mode, extra) -> None:
    port = free_port()
    server = controller(
        mailbox,
        port=port,
        cert=tls_certificate.cert,
        key=tls_certificate.key,
        user="console",
        password="smtp-pass",
        implicit_tls=mode == "implicit TLS",
    )
    server.start()
    try:
        result = manage("sendtestemail", "alice@acme.co.id", **smtp_environment(port, str(tls_certificate.ca), **extra))
    finally:
        server.stop()
    assert result.returncode == 0, result.stderr
    [message] = read_messages(mailbox.folder)
    assert message["To"] == "alice@acme.co.id"
    assert received_with(message) == "ESMTPSA"  # over TLS, authenticated


def test_a_server_whose_certificate_isnt_trusted_gets_nothing(mailbox, tls_certificate) -> None:
    port = free_port()
    server = controller(
        mailbox, port=port, cert=tls_certificate.cert, key=tls_certificate.key, user="console", password="smtp-pass"
    )
    server.start()
    try:
        result = manage("sendtestemail", "alice@acme.co.id", **smtp_environment(port, ca=None))
    finally:
        server.stop()
    assert result.returncode != 0
    assert "CERTIFICATE_VERIFY_FAILED" in result.stderr
    assert read_messages(mailbox.folder) == []
