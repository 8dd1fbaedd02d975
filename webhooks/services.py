"""Every write of the webhooks area: endpoints, the secret, firing events, redelivery."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from accounts.models import User
from apps_mgmt.models import App
from audit.models import AuditEvent
from audit.services import audit_changes, audit_record
from console.lib.errors import DomainError
from outbox.models import Message
from outbox.services import message_enqueue, messages_resend
from partners.permissions import member_authorize
from partners.roles import Permission

from . import crypto, emails, signing, targets
from .events import URL_FIELDS, Event, sample_payload
from .models import Delivery, Endpoint, WebhookSecret

MAX_SECRET_LENGTH = 200
MIN_SECRET_LENGTH = 16
# What a secret may hold, also declared in the OpenAPI document (openapi/webhook_views.py).
SECRET_PATTERN = r"^[!-~]+$"  # noqa: S105 - a pattern, not a password


class WebhookSettingsInvalid(DomainError):
    """Some URLs or the secret were refused; `errors` maps each field to what to fix."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(" ".join(f"{field}: {message}" for field, message in errors.items()))
        self.errors = errors


class WebhookNotConfigured(DomainError):
    pass


@dataclass(frozen=True)
class SecretSet:
    """The new secret in clear, to show once to whoever set it."""

    secret: str
    previous_until: datetime | None


def _clean_urls(urls: Mapping[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    cleaned: dict[str, str] = {}
    errors: dict[str, str] = {}
    for event in Event:
        value = (urls.get(event.value) or "").strip()
        if value:
            try:
                targets.check(value)
            except targets.TargetRefused as refused:
                errors[URL_FIELDS[event.value]] = str(refused)
        cleaned[event.value] = value
    return cleaned, errors


def _check_secret(secret: str) -> str | None:
    if len(secret) < MIN_SECRET_LENGTH:
        return gettext("Use at least {count} characters (or let the console generate one).").format(
            count=MIN_SECRET_LENGTH
        )
    if len(secret) > MAX_SECRET_LENGTH:
        return gettext("Use at most {count} characters.").format(count=MAX_SECRET_LENGTH)
    if not re.fullmatch(SECRET_PATTERN, secret):
        return gettext("Use printable ASCII characters without spaces.")
    return None


def webhook_endpoints_register(
    *,
    app: App,
    urls: Mapping[str, str],
    secret: str | None = None,
    actor: User | None,
    actor_label: str = "",
    ip: str | None = None,
) -> list[Endpoint]:
    """Set every event's URL at once; an event left out gets no URL (as Tokopedia's register does).

    Every URL is checked (http(s), public address) before anything is saved;
    `secret`, when given, replaces the webhook secret too. An app without a
    secret gets one generated: every delivery is signed.
    """
    cleaned, errors = _clean_urls(urls)
    if secret is not None and (why := _check_secret(secret)):
        errors["webhook_secret"] = why
    if errors:
        raise WebhookSettingsInvalid(errors)
    with transaction.atomic():
        member_authorize(actor=actor, partner=app.partner, need=Permission.EDIT_WEBHOOKS)
        existing = {endpoint.event: endpoint for endpoint in Endpoint.objects.select_for_update().filter(app=app)}
        before = {event: endpoint.url for event, endpoint in existing.items()}
        changed: dict[str, str] = {}
        for event, url in cleaned.items():
            endpoint = existing.get(event)
            if endpoint is None:
                endpoint = Endpoint.objects.create(app=app, event=event, url=url)
                existing[event] = endpoint
                if url:
                    changed[event] = url
            elif endpoint.url != url:
                # A new URL starts afresh: enabled, with no failures counted.
                endpoint.url, endpoint.failing_since, endpoint.disabled_at, endpoint.disabled_reason = (
                    url,
                    None,
                    None,
                    "",
                )
                endpoint.save()
                changed[event] = url
        if secret is None and not WebhookSecret.objects.filter(app=app).exists():
            secret = signing.new_secret()
        if secret is not None:
            _secret_store(app=app, secret=secret)
        audit_record(
            actor=actor,
            actor_label=actor_label,
            actor_type=AuditEvent.ActorType.API_CLIENT if actor is None and actor_label else None,
            action="webhooks.register",
            target=app,
            partner=app.partner,
            data={"secret_changed": secret is not None},
            changes=audit_changes({event: before.get(event, "") for event in changed}, changed),
            ip=ip,
        )
    return [existing[event.value] for event in Event]


def webhook_secret_set(*, app: App, secret: str | None, actor: User | None, ip: str | None = None) -> SecretSet:
    """Replace the webhook secret (generate one when `secret` is None).

    Deliveries keep a second signature with the old secret for
    WEBHOOK_SECRET_GRACE_HOURS, so the receiver can switch without a gap.
    """
    if secret is not None and (why := _check_secret(secret)):
        raise WebhookSettingsInvalid({"webhook_secret": why})
    new = secret if secret is not None else signing.new_secret()
    with transaction.atomic():
        member_authorize(actor=actor, partner=app.partner, need=Permission.EDIT_WEBHOOKS)
        stored = _secret_store(app=app, secret=new)
        audit_record(
            actor=actor,
            action="webhooks.secret_set",
            target=app,
            partner=app.partner,
            data={"generated": secret is None},
            ip=ip,
        )
    return SecretSet(secret=new, previous_until=stored.previous_until if stored.previous_in_grace else None)


def _secret_store(*, app: App, secret: str) -> WebhookSecret:
    stored = WebhookSecret.objects.select_for_update().filter(app=app).first()
    if stored is None:
        return WebhookSecret.objects.create(app=app, encrypted=crypto.encrypt(secret), hint=secret[-4:])
    if crypto.decrypt(stored.encrypted) != secret:
        stored.previous_encrypted = stored.encrypted
        stored.previous_until = timezone.now() + timedelta(hours=settings.WEBHOOK_SECRET_GRACE_HOURS)
        stored.encrypted, stored.hint = crypto.encrypt(secret), secret[-4:]
        stored.save()
    return stored


def webhook_secret_reveal(*, app: App) -> str | None:
    """The secret in clear, for those allowed to see it (callers check the role)."""
    stored = WebhookSecret.objects.filter(app=app).first()
    return crypto.decrypt(stored.encrypted) if stored is not None else None


def webhook_event_fire(
    *,
    app: App,
    event: str,
    payload: dict[str, Any],
    url: str | None = None,
    is_test: bool = False,
    subject: str = "",
) -> Delivery | None:
    """Queue `payload` for the app's URL for `event`, in the caller's transaction.

    The one function the rest of the console calls to send a webhook. Returns
    None when the app has no URL for the event or its endpoint is disabled
    (nothing to send). `url` sends to that address instead (the trigger
    endpoint's custom URL). `subject` names what the event is about
    ("order:<order_id>"), so a page can list that object's deliveries.
    """
    endpoint = Endpoint.objects.filter(app=app, event=event).first()
    if url is None:
        if endpoint is None or not endpoint.url or not endpoint.is_enabled:
            return None
        url = endpoint.url
    elif endpoint is not None and endpoint.url != url:
        endpoint = None  # a one-off URL is not the endpoint: its failures don't count against it
    body = json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
    key = (
        endpoint.outbox_key if endpoint is not None else "webhook:url:" + hashlib.sha256(url.encode()).hexdigest()[:16]
    )
    message = message_enqueue(channel="webhook", payload={"body": body}, key=key)
    return Delivery.objects.create(
        message=message,
        app=app,
        endpoint=endpoint,
        event=event,
        url=url,
        webhook_id=signing.new_webhook_id(),
        is_test=is_test,
        subject=subject[:64],
    )


def webhook_test_send(*, app: App, event: str, actor: User | None, ip: str | None = None) -> Delivery:
    """Send the event's sample payload to its URL, marked as a test."""
    member_authorize(actor=actor, partner=app.partner, need=Permission.EDIT_WEBHOOKS)
    if not WebhookSecret.objects.filter(app=app).exists():
        raise WebhookNotConfigured(gettext("Set a webhook secret first: every delivery is signed with it."))
    endpoint = Endpoint.objects.filter(app=app, event=event).exclude(url="").first()
    if endpoint is None:
        raise WebhookNotConfigured(gettext("Set a URL for {label} first.").format(label=Event(event).label))
    with transaction.atomic():
        delivery = webhook_event_fire(
            app=app, event=event, payload=sample_payload(event, app.fs_id), url=endpoint.url, is_test=True
        )
        assert delivery is not None
        delivery.endpoint = endpoint
        delivery.save(update_fields=["endpoint"])
        audit_record(
            actor=actor,
            action="webhooks.test_send",
            target=app,
            partner=app.partner,
            data={"event": event, "webhook_id": delivery.webhook_id},
            ip=ip,
        )
    return delivery


def webhook_delivery_redeliver(*, delivery: Delivery, actor: User | None, ip: str | None = None) -> Delivery:
    """Send a finished delivery again, with the same webhook-id (receivers deduplicate by it)."""
    member_authorize(actor=actor, partner=delivery.app.partner, need=Permission.EDIT_WEBHOOKS)
    with transaction.atomic():
        message = Message.objects.select_for_update().get(pk=delivery.pk)
        if message.status == Message.Status.PENDING:
            raise DomainError(gettext("This delivery is still being sent; wait for it to finish."))
        messages_resend(messages=[message])
        audit_record(
            actor=actor,
            action="webhooks.redeliver",
            target=delivery.app,
            partner=delivery.app.partner,
            data={"webhook_id": delivery.webhook_id},
            ip=ip,
        )
    return delivery


def webhook_deliveries_recover(*, app: App, since: datetime, actor: User | None, ip: str | None = None) -> int:
    """Send again every delivery of the app that failed since `since`; returns how many."""
    member_authorize(actor=actor, partner=app.partner, need=Permission.EDIT_WEBHOOKS)
    with transaction.atomic():
        failed = list(
            Message.objects.select_for_update().filter(
                webhook_delivery__app=app, status=Message.Status.FAILED, created_at__gte=since
            )
        )
        count = messages_resend(messages=failed)
        audit_record(
            actor=actor,
            action="webhooks.recover",
            target=app,
            partner=app.partner,
            data={"since": since.isoformat(), "count": count},
            ip=ip,
        )
    return count


def webhook_endpoint_enable(*, endpoint: Endpoint, actor: User | None, ip: str | None = None) -> Endpoint:
    with transaction.atomic():
        endpoint = Endpoint.objects.select_for_update().select_related("app__partner").get(pk=endpoint.pk)
        member_authorize(actor=actor, partner=endpoint.app.partner, need=Permission.EDIT_WEBHOOKS)
        endpoint.disabled_at, endpoint.disabled_reason, endpoint.failing_since = None, "", None
        endpoint.save()
        audit_record(
            actor=actor,
            action="webhooks.endpoint_enable",
            target=endpoint.app,
            partner=endpoint.app.partner,
            data={"event": endpoint.event, "url": endpoint.url},
            ip=ip,
        )
    return endpoint


def webhook_endpoint_disable(*, endpoint: Endpoint, reason: str, now: datetime | None = None) -> Endpoint:
    """Stop sending to an endpoint (410 Gone, or failing for days) and tell the partner."""
    now = now or timezone.now()
    with transaction.atomic():
        updated = Endpoint.objects.filter(pk=endpoint.pk, disabled_at__isnull=True).update(
            disabled_at=now, disabled_reason=reason[:200]
        )
        if not updated:
            return endpoint
        endpoint.disabled_at, endpoint.disabled_reason = now, reason[:200]
        audit_record(
            actor=None,
            actor_label="webhook sender",
            action="webhooks.endpoint_disable",
            target=endpoint.app,
            partner=endpoint.app.partner,
            data={"event": endpoint.event, "url": endpoint.url, "reason": reason},
        )
        emails.endpoint_disabled(endpoint=endpoint, reason=reason, when=now)
    return endpoint
