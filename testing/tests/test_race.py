"""Two transitions racing on one test order apply once (PostgreSQL, row lock):
buttons pressed twice, or a button and the partner's API call at once."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from sandbox.models import SandboxOrder
from sandbox.services import Actor, OrderStateError, sandbox_order_ack
from testing import services

from .conftest import make_alice

pytestmark = pytest.mark.postgres


def test_a_button_and_the_api_racing_on_one_order_apply_once(postgres: None, transactional_db: None) -> None:
    alice = make_alice()
    [order] = services.testing_orders_place(
        seller=alice.seller, lines=[(alice.product().product_id, 1)], count=1, actor=alice.user
    )
    barrier = threading.Barrier(8)
    outcomes: list[str] = []
    lock = threading.Lock()

    def step(n: int) -> None:
        try:
            barrier.wait()
            try:
                if n % 2:
                    sandbox_order_ack(order=order, actor=Actor.of_app(alice.app))
                else:
                    services.testing_order_step(app=alice.app, order=order, step="buyer_cancel", actor=alice.user)
                result = "applied"
            except OrderStateError as error:
                result = error.code
            with lock:
                outcomes.append(result)
        finally:
            connection.close()

    threads = [threading.Thread(target=step, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("applied") == 1, outcomes
    assert set(outcomes) - {"applied"} <= {"ORD_USC_001", "ORD_USC_008"}
    order = SandboxOrder.objects.get(pk=order.pk)
    assert order.status in (400, 15)
    assert len([entry for entry in order.history if entry["status"] in (400, 15)]) == 1
