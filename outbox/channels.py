"""How each kind of message leaves: a channel per kind, registered by name.

The outbox stands on the ground floor, so it knows how to send an email but
not a webhook: webhooks/ registers its channel in its AppConfig.ready(). A
channel's `send` runs in a sending thread and must not touch the database;
whatever it needs is loaded by `prepare` (in the dispatcher's thread, in bulk)
and whatever it learned is written by `record`, in the transaction that
finishes the batch.
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, ClassVar
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection

from .models import Message


@dataclass
class Outcome:
    """What one attempt came to."""

    ok: bool
    error: str = ""
    # Not worth retrying (the receiver is gone, the address is refused).
    permanent: bool = False
    # The receiver asked for at least this many seconds before the next try.
    retry_after: float | None = None
    # Whatever the channel wants to keep about the attempt (see `record`).
    detail: dict[str, Any] = field(default_factory=dict)


class Channel:
    name: ClassVar[str]
    # Seconds to wait after each failed attempt; one attempt more than this
    # has entries is made before the message is given up as failed.
    schedule: ClassVar[tuple[float, ...]]
    # How many sending threads of one key may be busy at once in a worker.
    per_key_concurrency: ClassVar[int] = 4
    # How many of one key's messages a sending thread takes and sends one
    # after another (1: each message is its own send).
    chunk_size: ClassVar[int] = 1

    def prepare(self, messages: list[Message]) -> None:
        """Load what sending needs, for a batch, before it goes to the senders."""

    def send(self, message: Message) -> Outcome:
        raise NotImplementedError

    def record(self, results: list[tuple[Message, Outcome]], *, now: datetime) -> None:
        """Keep what the attempts tell (inside the transaction that finishes them)."""

    def retention(self) -> timedelta:
        """How long a finished message is kept before it is purged."""
        return timedelta(days=settings.OUTBOX_RETENTION_DAYS)


_CHANNELS: dict[str, Channel] = {}


def register(channel: Channel) -> None:
    _CHANNELS[channel.name] = channel


def get(name: str) -> Channel:
    return _CHANNELS[name]


def registered() -> list[Channel]:
    return list(_CHANNELS.values())


def email_message_id(message: Message) -> str:
    """The same Message-ID on every attempt, so a receiver can tell a repeat."""
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<outbox.{message.pk}@{host}>"


class EmailChannel(Channel):
    name = "email"
    schedule = (10, 60, 300, 1800, 7200, 21600, 43200)
    per_key_concurrency = 4

    def send(self, message: Message) -> Outcome:
        payload = message.payload
        email = EmailMultiAlternatives(
            subject=payload["subject"],
            body=payload["text"],
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=payload["to"],
            headers={"Message-ID": email_message_id(message)},
            connection=get_connection(),
        )
        if payload.get("html"):
            email.attach_alternative(payload["html"], "text/html")
        try:
            email.send()
        except smtplib.SMTPRecipientsRefused as error:
            # RFC 5321: a 4xx refusal is temporary (greylisting, a full or busy
            # mailbox) and is tried again on the schedule; a 5xx one is final.
            codes = [code for code, _ in error.recipients.values()]
            return Outcome(
                ok=False,
                permanent=all(code >= 500 for code in codes),
                error=f"recipients refused: {_refusals(error.recipients)}"[:500],
            )
        except (OSError, smtplib.SMTPException) as error:
            return Outcome(ok=False, error=f"{type(error).__name__}: {error}"[:500])
        return Outcome(ok=True)

    def retention(self) -> timedelta:
        # Emails carry sign-in and consent links: keep them no longer than needed to investigate.
        return timedelta(days=settings.OUTBOX_EMAIL_RETENTION_DAYS)


def _refusals(recipients: dict[str, tuple[int, bytes]]) -> str:
    return "; ".join(
        f"{address}: {code} {reply.decode(errors='replace')}" for address, (code, reply) in recipients.items()
    )
