"""Email plumbing: every message is rendered in the request and sent from the outbox.

Each app keeps one small function per email in its `emails.py`; they call
`queue_email`, which renders `emails/<name>_subject.txt`, `emails/<name>.txt`
and `emails/<name>.html` and writes the rendered message as an outbox row in
the surrounding transaction: a rolled-back change sends nothing, a committed
one always sends, even if the broker is down at that moment (outbox/).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from email import message_from_bytes, policy
from email.message import EmailMessage as StdEmailMessage
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.template.loader import render_to_string

from outbox.services import message_enqueue


def render_email(template: str, context: dict[str, Any]) -> tuple[str, str, str]:
    """Subject, text body and HTML body of `emails/<template>`."""
    context = {"PLATFORM_NAME": settings.PLATFORM_NAME, "SITE_URL": settings.SITE_URL, **context}
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(
        render_to_string(f"emails/{template}_subject.txt", context).split()
    )
    text = render_to_string(f"emails/{template}.txt", context)
    html = render_to_string(f"emails/{template}.html", context)
    return subject, text, html


def queue_email(*, template: str, to: Sequence[str], context: dict[str, Any]) -> None:
    subject, text, html = render_email(template, context)
    queue_message(subject=subject, text=text, html=html, to=list(to))


def queue_message(*, subject: str, text: str, html: str | None, to: list[str]) -> None:
    payload = {"subject": subject, "text": text, "html": html, "to": to}
    message_enqueue(channel="email", payload=payload, key="email")


class EmlFileBackend(BaseEmailBackend):
    """Writes each message as its own .eml file, for /dev/mail/ and tests."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        folder = Path(settings.EMAIL_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            name = f"{time.time_ns()}-{uuid.uuid4().hex[:8]}.eml"
            (folder / f".{name}.tmp").write_bytes(message.message().as_bytes())
            (folder / f".{name}.tmp").rename(folder / name)  # readers never see half a file
        return len(email_messages)


def read_eml(path: Path) -> StdEmailMessage:
    parsed = message_from_bytes(path.read_bytes(), policy=policy.default)
    assert isinstance(parsed, StdEmailMessage)
    return parsed


def eml_bodies(message: StdEmailMessage) -> tuple[str, str]:
    """The text and HTML bodies of a parsed message ('' when absent)."""
    text_part = message.get_body(preferencelist=("plain",))
    html_part = message.get_body(preferencelist=("html",))
    text = text_part.get_content() if text_part is not None else ""
    html = html_part.get_content() if html_part is not None else ""
    return text, html
