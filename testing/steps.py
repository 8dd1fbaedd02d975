"""What can happen next to a test order: the buttons of its page, and the
steps a scenario plays. Every step is a sandbox service (sandbox/services.py),
the one the Open API's ack, nack and confirm shipping also call."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from sandbox import services as sandbox
from sandbox.models import SandboxOrder
from sandbox.services import Actor

Status = SandboxOrder.Status

# Tokopedia's nack reason codes a person picks from (the reason text is the label).
REJECT_REASONS: dict[int, str] = {
    1: gettext_noop("Product(s) out of stock"),
    2: gettext_noop("Product variant unavailable"),
    3: gettext_noop("Wrong price or weight"),
    7: gettext_noop("Courier problem"),
    8: gettext_noop("Buyer's request"),
}


@dataclass(frozen=True)
class Step:
    name: str
    label: str | Promise  # the button
    who: str  # who takes this step in the marketplace: the seller (your app), the buyer, the courier
    run: Callable[..., SandboxOrder]


def _nack(order: SandboxOrder, actor: Actor, reason_code: int = 1, **_: Any) -> SandboxOrder:
    # After accepting (400, 450) Tokopedia's nack takes reason code 0 ("reject shipping"), with a reason.
    status = SandboxOrder.objects.values_list("status", flat=True).get(pk=order.pk)  # the order may have moved on
    code = reason_code if status == Status.PAYMENT_VERIFIED else 0
    return sandbox.sandbox_order_nack(
        order=order, reason_code=code, reason=REJECT_REASONS.get(reason_code, REJECT_REASONS[1]), actor=actor
    )


def _ship(order: SandboxOrder, actor: Actor, shipping_ref_num: str = "", **_: Any) -> SandboxOrder:
    return sandbox.sandbox_order_ship(
        order=order, shipping_ref_num=shipping_ref_num or f"TEST{order.order_id}", actor=actor
    )


STEPS: dict[str, Step] = {
    step.name: step
    for step in (
        Step(
            "ack",
            _("Accept order"),
            "seller",
            lambda order, actor, **_: sandbox.sandbox_order_ack(order=order, actor=actor),
        ),
        Step("nack", _("Reject order"), "seller", _nack),
        Step(
            "pickup",
            _("Request pickup"),
            "seller",
            lambda order, actor, **_: sandbox.sandbox_order_pickup_request(order=order, actor=actor),
        ),
        Step("ship", _("Confirm shipping"), "seller", _ship),
        Step(
            "deliver",
            _("Deliver"),
            "courier",
            lambda order, actor, **_: sandbox.sandbox_order_deliver(order=order, actor=actor),
        ),
        Step(
            "finish",
            _("Finish (buyer confirms receipt)"),
            "buyer",
            lambda order, actor, **_: sandbox.sandbox_order_finish(order=order, actor=actor),
        ),
        Step(
            "buyer_cancel",
            _("Cancel as the buyer"),
            "buyer",
            lambda order, actor, **_: sandbox.sandbox_order_buyer_cancel(order=order, actor=actor),
        ),
        Step(
            "cancel_request",
            _("Request cancellation as the buyer"),
            "buyer",
            lambda order, actor, reason_code=1, **_: sandbox.sandbox_order_cancel_request(
                order=order, reason_code=reason_code, actor=actor
            ),
        ),
        Step(
            "cancel_accept",
            _("Grant the cancellation"),
            "seller",
            lambda order, actor, **_: sandbox.sandbox_order_cancel_request_answer(
                order=order, accept=True, actor=actor
            ),
        ),
        Step(
            "cancel_reject",
            _("Refuse the cancellation"),
            "seller",
            lambda order, actor, **_: sandbox.sandbox_order_cancel_request_answer(
                order=order, accept=False, actor=actor
            ),
        ),
    )
}


def allowed_steps(order: SandboxOrder) -> list[Step]:
    """The steps the order's status allows now, in the order a person would take them."""
    if order.cancel_request:
        # A buyer waits for an answer: that comes first (the seller may still reject the order).
        names = ["cancel_accept", "cancel_reject", "nack"]
    else:
        names = {
            Status.PAYMENT_VERIFIED: ["ack", "nack", "buyer_cancel", "cancel_request"],
            Status.SELLER_ACCEPTED: ["pickup", "ship", "nack", "cancel_request"],
            Status.WAITING_PICKUP: ["ship", "nack", "cancel_request"],
            Status.SHIPPED: ["deliver"],
            Status.DELIVERED: ["finish"],
        }.get(SandboxOrder.Status(order.status), [])
    return [STEPS[name] for name in names]


# A scenario's plan: from the order as it is now, the next step (None: done).
def next_scenario_step(kind: str, order: SandboxOrder) -> str | None:
    if kind == "happy_path":
        return {
            Status.PAYMENT_VERIFIED: "ack",
            Status.SELLER_ACCEPTED: "pickup",
            Status.WAITING_PICKUP: "ship",
            Status.SHIPPED: "deliver",
            Status.DELIVERED: "finish",
        }.get(SandboxOrder.Status(order.status))
    # The cancellation: the seller accepts, the buyer asks to cancel, the seller grants it.
    if order.status == Status.PAYMENT_VERIFIED:
        return "ack"
    if order.status in (Status.SELLER_ACCEPTED, Status.WAITING_PICKUP):
        return "cancel_accept" if order.cancel_request else "cancel_request"
    return None


# What a scenario's order ends as when the plan was played through.
SCENARIO_GOALS: dict[str, int] = {"happy_path": Status.FINISHED, "cancellation": Status.CANCELLED_BY_BUYER}
