"""Email plumbing: every message is rendered in the request, in each recipient's
language and time zone, and sent from the outbox.

Each app keeps one small function per email in its `emails.py`; they call
`queue_email`, which renders `emails/<name>_subject.txt`, `emails/<name>.txt`
and `emails/<name>.html` and writes the rendered message as an outbox row in
the surrounding transaction: a rolled-back change sends nothing, a committed
one always sends, even if the broker is down at that moment (outbox/).
"""

from __future__ import annotations

import time
import uuid
import zoneinfo
from collections.abc import Sequence
from email import message_from_bytes, policy
from email.message import EmailMessage as StdEmailMessage
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.template.loader import render_to_string
from django.utils import timezone, translation

from outbox.services import message_enqueue


def render_email(
    template: str, context: dict[str, Any], *, languages: Sequence[str] = (), time_zone: str = ""
) -> tuple[str, str, str]:
    """Subject, text body and HTML body of `emails/<template>`, in each of `languages`
    in turn (default: the active one), dates in `time_zone` (default: settings.TIME_ZONE).

    With two languages the subject is the first's and the bodies follow one another,
    the second under a rule that names it in its own words."""
    languages = list(languages) or [translation.get_language() or settings.LANGUAGE_CODE]
    base = {"PLATFORM_NAME": settings.PLATFORM_NAME, "SITE_URL": settings.SITE_URL, **context}
    parts: list[dict[str, str]] = []
    with timezone.override(zoneinfo.ZoneInfo(time_zone or settings.TIME_ZONE)):
        for language in languages:
            with translation.override(language):
                ctx = {**base, "LANGUAGE_CODE": language, "email_part": len(languages) > 1}
                parts.append(
                    {
                        "code": language,
                        "name": translation.get_language_info(language)["name_local"],
                        "subject": " ".join(render_to_string(f"emails/{template}_subject.txt", ctx).split()),
                        "text": render_to_string(f"emails/{template}.txt", ctx),
                        "html": render_to_string(f"emails/{template}.html", ctx),
                    }
                )
        first = parts[0]
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + first["subject"]
        if len(parts) == 1:
            return subject, first["text"], first["html"]
        text = "".join(
            part["text"] if n == 0 else f"\n\n{'-' * 40}\n{part['name']}\n{'-' * 40}\n\n{part['text']}"
            for n, part in enumerate(parts)
        )
        with translation.override(first["code"]):
            html = render_to_string(
                "emails/_languages.html",
                {**base, "LANGUAGE_CODE": first["code"], "title": first["subject"], "parts": parts},
            )
    return subject, text, html


def queue_email(*, template: str, to: Sequence[str], context: dict[str, Any], languages: Sequence[str] = ()) -> None:
    """Render `emails/<template>` for each recipient and queue it in the outbox.

    A recipient with an account reads it in their saved language and time zone;
    an address with no account, or none saved, reads it in `languages` (each in
    turn; by default the language of the page that caused it, LANGUAGE_CODE
    outside a request), dates in settings.TIME_ZONE. Recipients who
    read alike share one message. `context` may hold datetimes and lazy
    translations: they are formatted in each recipient's language and zone.
    """
    default = tuple(languages) or (translation.get_language() or settings.LANGUAGE_CODE,)
    for (langs, zone), addresses in _audiences(to, default).items():
        subject, text, html = render_email(template, context, languages=langs, time_zone=zone)
        queue_message(subject=subject, text=text, html=html, to=addresses)


def _audiences(to: Sequence[str], default: tuple[str, ...]) -> dict[tuple[tuple[str, ...], str], list[str]]:
    # get_user_model(): the user model's app sits above this ground floor.
    users = {
        user.email.lower(): user
        for user in get_user_model()
        .objects.filter(email__in=[address.lower() for address in to])
        .only("email", "language", "time_zone")
    }
    audiences: dict[tuple[tuple[str, ...], str], list[str]] = {}
    for address in to:
        user = users.get(address.lower())
        langs = (user.language,) if user is not None and user.language else default
        zone = user.time_zone if user is not None else settings.TIME_ZONE
        audiences.setdefault((langs, zone), []).append(address)
    return audiences


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
