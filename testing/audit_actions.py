"""How Testing Account's audit actions read in the log (audit/labels.py)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

LABELS: dict[str, str | Promise] = {
    "testing.seller_create": _("Created a test seller and shop"),
    "testing.seller_reset": _("Reset a test shop"),
    "testing.buyer_create": _("Created the test buyer"),
    "testing.orders_place": _("Placed test orders"),
    "testing.scenario_start": _("Started a test order scenario"),
    "testing.event_fire": _("Fired a test event"),
    "testing.remove_for_app": _("Removed the test accounts of a deleted app"),
    "sandbox.order.place": _("A test buyer placed an order"),
    "sandbox.order.ack": _("Accepted an order"),
    "sandbox.order.nack": _("Rejected an order"),
    "sandbox.order.pickup_request": _("Requested a pickup"),
    "sandbox.order.ship": _("Confirmed shipping"),
    "sandbox.order.deliver": _("An order was delivered"),
    "sandbox.order.finish": _("An order was finished"),
    "sandbox.order.buyer_cancel": _("A buyer cancelled an order"),
    "sandbox.order.cancel_request": _("A buyer asked to cancel an order"),
    "sandbox.order.cancel_request_accept": _("Granted a buyer's cancellation"),
    "sandbox.order.cancel_request_reject": _("Refused a buyer's cancellation"),
}
