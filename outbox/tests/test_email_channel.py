"""The email channel against a real SMTP server on loopback that asks for STARTTLS and a
login, as production's does: what is tried again, what is given up, and what staff see."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from accounts.tests.factories import StaffFactory
from console.lib.mail import queue_message
from e2e.mailbox import read_messages
from e2e.stack import free_port
from outbox import channels, dispatch
from outbox.models import Message

pytestmark = pytest.mark.django_db


def attempt() -> Message:
    """One attempt at the message that is due, recorded as the worker records it."""
    Message.objects.filter(status=Message.Status.PENDING).update(due_at=timezone.now())
    [message] = dispatch.claim(limit=1)
    dispatch.finish([(message, channels.get("email").send(message))])
    message.refresh_from_db()
    return message


def test_a_greylisted_recipient_is_tried_again_and_then_delivered(smtp_server) -> None:
    queue_message(subject="Please confirm", text="Body", html=None, to=["grey@acme.co.id"])
    first = attempt()
    assert first.status == Message.Status.PENDING
    assert "grey@acme.co.id: 451 4.7.1 Greylisted" in first.last_error
    second = attempt()
    assert (second.status, second.attempts, second.last_error) == (Message.Status.SENT, 2, "")
    [received] = read_messages(smtp_server.folder)
    assert received["To"] == "grey@acme.co.id"


def test_a_recipient_refused_for_good_is_given_up_at_once(smtp_server) -> None:
    queue_message(subject="Please confirm", text="Body", html=None, to=["bounce@acme.co.id"])
    message = attempt()
    assert (message.status, message.attempts) == (Message.Status.FAILED, 1)
    assert "bounce@acme.co.id: 550 5.1.1" in message.last_error
    assert read_messages(smtp_server.folder) == []


def test_a_server_that_is_down_is_tried_again(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    queue_message(subject="Please confirm", text="Body", html=None, to=["alice@acme.co.id"])
    message = attempt()
    assert message.status == Message.Status.PENDING and message.due_at > timezone.now()
    assert message.last_error.startswith("ConnectionRefusedError")


def test_staff_see_which_email_is_stuck_and_why(smtp_server, client: Client) -> None:
    queue_message(subject="Please confirm your address", text="Body", html=None, to=["grey@acme.co.id"])
    attempt()
    client.force_login(StaffFactory(is_superuser=True))  # as seed_demo's Sam
    html = client.get("/staff/admin/outbox/message/", {"status__exact": "pending"}).content.decode()
    assert "grey@acme.co.id: Please confirm your address" in html
    assert "451 4.7.1 Greylisted" in html
