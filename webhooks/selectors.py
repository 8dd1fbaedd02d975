"""Reads of the webhooks area: endpoints with their health, the delivery log."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from django.utils.functional import Promise

from apps_mgmt.models import App

from .events import URL_FIELDS, Event
from .models import Attempt, Delivery, Endpoint, WebhookSecret

HEALTH_DAYS = 7
PAGE_SIZE = 50


@dataclass(frozen=True)
class EndpointRow:
    event: str
    label: str | Promise
    field: str
    endpoint: Endpoint | None
    attempts: int
    failures: int
    p90_ms: int | None

    @property
    def failure_rate(self) -> float | None:
        return self.failures / self.attempts if self.attempts else None


def endpoint_rows(app: App) -> list[EndpointRow]:
    """Every event with its endpoint and its last 7 days: attempts, failures, p90 latency.

    A fixed number of queries whatever the volume: one for the endpoints, one
    for the counts, and one per endpoint that had attempts (nine at most).
    """
    endpoints = {endpoint.event: endpoint for endpoint in Endpoint.objects.filter(app=app)}
    since = timezone.now() - timedelta(days=HEALTH_DAYS)
    ids = [endpoint.pk for endpoint in endpoints.values()]
    counts = {
        row["endpoint_id"]: row
        for row in Attempt.objects.filter(endpoint_id__in=ids, at__gte=since)
        .values("endpoint_id")
        .annotate(total=Count("id"), failed=Count("id", filter=Q(ok=False)))
        .order_by()
    }
    rows = []
    for event in Event:
        endpoint = endpoints.get(event.value)
        stats = counts.get(endpoint.pk) if endpoint is not None else None
        total = stats["total"] if stats else 0
        p90 = None
        if endpoint is not None and total:
            # The 90th percentile is the value at this rank in the sorted latencies.
            rank = math.ceil(0.9 * total) - 1
            p90 = (
                Attempt.objects.filter(endpoint_id=endpoint.pk, at__gte=since)
                .order_by("latency_ms")
                .values_list("latency_ms", flat=True)[rank]
            )
        rows.append(
            EndpointRow(
                event=event.value,
                label=event.label,
                field=URL_FIELDS[event.value],
                endpoint=endpoint,
                attempts=total,
                failures=stats["failed"] if stats else 0,
                p90_ms=p90,
            )
        )
    return rows


def app_has_secret(app: App) -> WebhookSecret | None:
    return WebhookSecret.objects.filter(app=app).first()


def deliveries_page(app: App, *, event: str = "", status: str = "", page: int | str = 1) -> Page[Delivery]:
    deliveries = Delivery.objects.filter(app=app).select_related("message").order_by("-created_at", "-message_id")
    if event:
        deliveries = deliveries.filter(event=event)
    if status:
        deliveries = deliveries.filter(message__status=status)
    return Paginator(deliveries, PAGE_SIZE).get_page(page)


def delivery_of_app(app: App, webhook_id: str) -> Delivery:
    delivery = Delivery.objects.select_related("message", "endpoint").filter(app=app, webhook_id=webhook_id).first()
    if delivery is None:
        raise Http404("No such delivery")
    return delivery
