"""The outbox channel that delivers webhooks (registered in apps.py)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Q

from outbox.channels import Channel, Outcome
from outbox.models import Message

from . import crypto, sender, signing
from .models import Attempt, Delivery, Endpoint


@dataclass(frozen=True)
class Prepared:
    """What a sending thread needs, loaded beforehand (sending threads don't query)."""

    url: str
    webhook_id: str
    secrets: list[str]
    endpoint_id: int | None
    disabled: bool


class WebhookChannel(Channel):
    name = "webhook"
    # Standard Webhooks' schedule after the first attempt: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h.
    schedule = (5, 300, 1800, 7200, 18000, 36000, 36000)
    # Up to 8 connections to one endpoint at once per worker process, earned one
    # success at a time and back to 1 after a failure (see outbox.dispatch);
    # each sends its endpoint's deliveries 25 at a time, one after another.
    per_key_concurrency = 8
    chunk_size = 25

    def prepare(self, messages: list[Message]) -> None:
        deliveries = Delivery.objects.filter(pk__in=[m.pk for m in messages]).select_related(
            "endpoint", "app__webhook_secret"
        )
        by_id = {delivery.pk: delivery for delivery in deliveries}
        secrets: dict[int, list[str]] = {}  # decrypted once per app and claim
        for message in messages:
            delivery = by_id.get(message.pk)
            message.prepared = _prepare(delivery, secrets) if delivery is not None else None  # type: ignore[attr-defined]

    def send(self, message: Message) -> Outcome:
        prepared: Prepared | None = getattr(message, "prepared", None)
        if prepared is None:
            return Outcome(ok=False, permanent=True, error="The delivery's record is gone.")
        if prepared.disabled:
            return Outcome(ok=False, permanent=True, error="The endpoint is disabled; re-enable it and redeliver.")
        if not prepared.secrets:
            return Outcome(ok=False, permanent=True, error="The app has no webhook secret to sign with.")
        body = message.payload["body"].encode()
        headers = signing.headers(
            body=body, secrets=prepared.secrets, webhook_id=prepared.webhook_id, timestamp=int(time.time())
        )
        answer = sender.post(prepared.url, body, headers)
        detail: dict[str, Any] = {
            "status": answer.status,
            "latency_ms": answer.latency_ms,
            "excerpt": answer.excerpt,
            "error": answer.error,
        }
        if answer.status is None:
            return Outcome(ok=False, error=answer.error, detail=detail)
        if 200 <= answer.status < 300:
            return Outcome(ok=True, detail=detail)
        if answer.status == 410:
            error = "410 Gone: the endpoint is disabled"
            return Outcome(ok=False, permanent=True, error=error, detail={**detail, "error": error, "gone": True})
        if 300 <= answer.status < 400:
            error = f"redirect to {answer.location or '(no Location)'} not followed"
        else:
            error = f"HTTP {answer.status}"
        detail["error"] = error
        return Outcome(ok=False, error=error, retry_after=answer.retry_after, detail=detail)

    def record(self, results: list[tuple[Message, Outcome]], *, now: datetime) -> None:
        attempts = []
        ok_endpoints: set[int] = set()
        failed_endpoints: set[int] = set()
        gone_endpoints: set[int] = set()
        for message, outcome in results:
            prepared: Prepared | None = getattr(message, "prepared", None)
            endpoint_id = prepared.endpoint_id if prepared else None
            if prepared is not None and not prepared.disabled:
                attempts.append(
                    Attempt(
                        delivery_id=message.pk,
                        endpoint_id=endpoint_id,
                        at=now,
                        ok=outcome.ok,
                        status_code=outcome.detail.get("status"),
                        latency_ms=outcome.detail.get("latency_ms", 0),
                        error=(outcome.detail.get("error") or outcome.error)[:300],
                        response_excerpt=outcome.detail.get("excerpt", ""),
                    )
                )
            if endpoint_id is None or (prepared and prepared.disabled):
                continue
            (ok_endpoints if outcome.ok else failed_endpoints).add(endpoint_id)
            if outcome.detail.get("gone"):
                gone_endpoints.add(endpoint_id)
        Attempt.objects.bulk_create(attempts)
        if ok_endpoints:
            Endpoint.objects.filter(pk__in=ok_endpoints, failing_since__isnull=False).update(failing_since=None)
        failed_endpoints -= ok_endpoints
        if failed_endpoints:
            Endpoint.objects.filter(pk__in=failed_endpoints, failing_since__isnull=True).update(failing_since=now)
        self._disable(gone_endpoints, failed_endpoints, now)

    @staticmethod
    def _disable(gone: set[int], failed: set[int], now: datetime) -> None:
        from .services import webhook_endpoint_disable

        cutoff = now - timedelta(days=settings.WEBHOOK_DISABLE_AFTER_DAYS)
        stale = Q(pk__in=failed, failing_since__lte=cutoff)
        for endpoint in Endpoint.objects.filter(Q(pk__in=gone) | stale, disabled_at__isnull=True).select_related(
            "app__partner__super_admin"
        ):
            if endpoint.pk in gone:
                reason = "The endpoint answered 410 Gone."
            else:
                reason = f"Every attempt failed for {settings.WEBHOOK_DISABLE_AFTER_DAYS} days."
            webhook_endpoint_disable(endpoint=endpoint, reason=reason, now=now)

    def retention(self) -> timedelta:
        return timedelta(days=settings.WEBHOOK_RETENTION_DAYS)


def _secrets(delivery: Delivery) -> list[str]:
    secrets: list[str] = []
    stored = getattr(delivery.app, "webhook_secret", None)
    if stored is not None:
        secrets.append(crypto.decrypt(stored.encrypted))
        if stored.previous_in_grace:
            secrets.append(crypto.decrypt(stored.previous_encrypted))
    return secrets


def _prepare(delivery: Delivery, secrets: dict[int, list[str]]) -> Prepared:
    if delivery.app_id not in secrets:
        secrets[delivery.app_id] = _secrets(delivery)
    endpoint = delivery.endpoint
    return Prepared(
        url=delivery.url,
        webhook_id=delivery.webhook_id,
        secrets=secrets[delivery.app_id],
        endpoint_id=endpoint.pk if endpoint is not None else None,
        disabled=bool(endpoint is not None and not endpoint.is_enabled and not delivery.is_test),
    )
