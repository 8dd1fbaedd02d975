"""How Testing Account's audit actions read in the log (audit/labels.py)."""

from __future__ import annotations

LABELS = {
    "testing.seller_create": "Created a test seller and shop",
    "testing.seller_reset": "Reset a test shop",
    "testing.buyer_create": "Created the test buyer",
    "testing.orders_place": "Placed test orders",
    "testing.scenario_start": "Started a test order scenario",
    "testing.event_fire": "Fired a test event",
    "testing.remove_for_app": "Removed the test accounts of a deleted app",
    "sandbox.order.place": "A test buyer placed an order",
    "sandbox.order.ack": "Accepted an order",
    "sandbox.order.nack": "Rejected an order",
    "sandbox.order.pickup_request": "Requested a pickup",
    "sandbox.order.ship": "Confirmed shipping",
    "sandbox.order.deliver": "An order was delivered",
    "sandbox.order.finish": "An order was finished",
    "sandbox.order.buyer_cancel": "A buyer cancelled an order",
    "sandbox.order.cancel_request": "A buyer asked to cancel an order",
    "sandbox.order.cancel_request_accept": "Granted a buyer's cancellation",
    "sandbox.order.cancel_request_reject": "Refused a buyer's cancellation",
}
