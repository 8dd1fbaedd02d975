"""Scenarios play a test order on a compressed clock in the background. The
row is the truth: steps happen when due, once each, whoever runs them (the
task nudged after a step, or beat's sweep after a worker restart)."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from sandbox.models import SandboxOrder
from testing import services
from testing.models import Scenario
from testing.services import TestAccountError
from webhooks.models import Delivery

from .conftest import Alice, register_every_event

pytestmark = pytest.mark.django_db


def _order(alice: Alice) -> SandboxOrder:
    [order] = services.testing_orders_place(
        seller=alice.seller, lines=[(alice.product().product_id, 1)], count=1, actor=alice.user
    )
    return order


def _sweep_until_idle(start, step_seconds: float) -> int:
    """Beat's sweep, run as the clock moves on a step at a time (no worker at all)."""
    played, now = 0, start
    for _ in range(20):
        now += timedelta(seconds=step_seconds)
        count = services.scenarios_advance_due(now=now)
        played += count
        if not Scenario.objects.filter(status=Scenario.Status.RUNNING).exists():
            break
    return played


def test_the_happy_path_plays_to_finished_on_the_sweeps_alone(alice: Alice, settings) -> None:
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True
    register_every_event(alice.app, "http://127.0.0.1:9/hook")
    order = _order(alice)
    scenario = services.scenario_start(app=alice.app, order=order, kind="happy_path", actor=alice.user)
    assert scenario.status == "running" and scenario.next_at <= timezone.now()
    assert _sweep_until_idle(timezone.now(), settings.TESTING_SCENARIO_STEP_SECONDS) == 5
    scenario.refresh_from_db()
    order.refresh_from_db()
    assert (scenario.status, scenario.steps_done, order.status) == ("done", 5, 700)
    assert [entry["status"] for entry in order.history if entry.get("via") == "scenario"] == [400, 450, 500, 600, 700]
    assert Delivery.objects.filter(subject=f"order:{order.order_id}", event="order_status").count() == 5


def test_a_step_not_yet_due_is_not_played_twice(alice: Alice) -> None:
    order = _order(alice)
    scenario = services.scenario_start(app=alice.app, order=order, kind="happy_path", actor=alice.user)
    now = timezone.now()
    assert services.scenario_advance(scenario_id=scenario.pk, now=now) is not None
    # The nudge for the same step arrives again (a redelivered task): nothing happens.
    assert services.scenario_advance(scenario_id=scenario.pk, now=now) is None
    order.refresh_from_db()
    assert order.status == 400


def test_the_cancellation_asks_and_grants(alice: Alice, settings) -> None:
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True
    register_every_event(alice.app, "http://127.0.0.1:9/hook")
    order = _order(alice)
    services.scenario_start(app=alice.app, order=order, kind="cancellation", actor=alice.user)
    _sweep_until_idle(timezone.now(), 5)
    order.refresh_from_db()
    assert order.status == 15
    events = Delivery.objects.filter(subject=f"order:{order.order_id}").order_by("created_at", "message_id")
    assert list(events.values_list("event", flat=True)) == [
        "order_notification",
        "order_status",
        "order_request_cancellation",
        "order_status",
        "order_cancellation",
    ]


def test_a_scenario_stops_saying_why_when_someone_else_moves_the_order(alice: Alice) -> None:
    order = _order(alice)
    scenario = services.scenario_start(app=alice.app, order=order, kind="happy_path", actor=alice.user)
    services.scenario_advance(scenario_id=scenario.pk, now=timezone.now())
    services.testing_order_step(app=alice.app, order=order, step="nack", actor=alice.user, reason_code=1)
    _sweep_until_idle(timezone.now(), 5)
    scenario.refresh_from_db()
    assert scenario.status == "stopped" and "became 0" in scenario.outcome


def test_one_scenario_at_a_time_and_only_from_where_it_can_start(alice: Alice) -> None:
    order = _order(alice)
    services.scenario_start(app=alice.app, order=order, kind="happy_path", actor=alice.user)
    with pytest.raises(TestAccountError, match="playing this order already"):
        services.scenario_start(app=alice.app, order=order, kind="cancellation", actor=alice.user)
    closed = _order(alice)
    services.testing_order_step(app=alice.app, order=closed, step="buyer_cancel", actor=alice.user)
    with pytest.raises(TestAccountError, match="can't start from status 15"):
        services.scenario_start(app=alice.app, order=closed, kind="happy_path", actor=alice.user)


@pytest.mark.redis
def test_a_worker_plays_the_scenario_in_the_background_and_one_restarted_carries_on(
    alice_tx, celery_worker, settings
) -> None:
    """A real worker plays steps as their nudges come due; stopped, the next
    worker (or beat) finds the scenario's row where it was and goes on."""
    alice = alice_tx
    settings.TESTING_SCENARIO_STEP_SECONDS = 0.3
    order = _order(alice)
    page = alice.client.post(alice.url(f"orders/{order.order_id}/scenario/"), {"kind": "happy_path"}, follow=True)
    assert "The happy path is playing" in page.content.decode()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        order.refresh_from_db()
        if order.status == 700:
            break
        time.sleep(0.1)
    scenario = Scenario.objects.get(order=order)
    assert (order.status, scenario.status, scenario.steps_done) == (700, "done", 5)
    stamps = [entry["timestamp"] for entry in order.history if entry.get("via") == "scenario"]
    assert len(stamps) == 5
