"""Two steps on one order at once apply once (PostgreSQL, row lock)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from apps_mgmt.tests.factories import issue_app
from partners.models import Partner
from partners.tests.factories import PartnerFactory
from sandbox.data import sandbox_shops_generate
from sandbox.models import SandboxOrder
from sandbox.services import Actor, OrderStateError, sandbox_order_ack, sandbox_order_nack
from shops.tests.factories import ShopFactory

pytestmark = pytest.mark.postgres


def test_of_ten_simultaneous_acks_and_nacks_exactly_one_applies(postgres: None, transactional_db: None) -> None:
    shop = ShopFactory()
    sandbox_shops_generate(shops=[shop])
    order = SandboxOrder.objects.filter(shop=shop, status=220).first()
    actor = Actor.of_app(issue_app(PartnerFactory(status=Partner.Status.ACTIVE), name="Racer").app)
    barrier = threading.Barrier(10)
    outcomes: list[str] = []
    lock = threading.Lock()

    def step(n: int) -> None:
        try:
            barrier.wait()
            try:
                if n % 2:
                    sandbox_order_ack(order=order, actor=actor)
                else:
                    sandbox_order_nack(order=order, reason_code=1, reason="", actor=actor)
                result = "applied"
            except OrderStateError as error:
                result = error.code
            with lock:
                outcomes.append(result)
        finally:
            connection.close()

    threads = [threading.Thread(target=step, args=(n,)) for n in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("applied") == 1
    assert set(outcomes) - {"applied"} <= {"ORD_USC_001", "ORD_USC_008"}
    order.refresh_from_db()
    assert order.status in (400, 10) and len([e for e in order.history if e["status"] in (400, 10)]) == 1
