"""Testing Account: an app's test sellers (each with a test shop), its test
buyer, the scenarios that play test orders on a compressed clock, and the
count of test orders placed each day.

A test shop is a catalogue `shops.Shop` with `is_test` (linked to this app
alone); its products and orders are the sandbox's (`sandbox/`), so the Open
API and the order services treat them as any other shop's.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SellerShop(models.Model):
    """A test seller and their test shop, for one app. `number` is the shop's
    place among the app's test shops (1, 2, ...), part of its ids."""

    app = models.ForeignKey("apps_mgmt.App", on_delete=models.CASCADE, related_name="test_sellers")
    shop = models.OneToOneField("shops.Shop", on_delete=models.CASCADE, related_name="test_seller")
    number = models.PositiveSmallIntegerField()
    seller_name = models.CharField(max_length=100)
    seller_email = models.EmailField()
    # Numbers the shop's test orders; never goes back (Reset keeps it), so an
    # order id is never reused and receivers can deduplicate by it.
    orders_placed = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    reset_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["app", "number"]
        constraints = [models.UniqueConstraint(fields=["app", "number"], name="one_test_shop_per_app_number")]

    def __str__(self) -> str:
        return f"{self.seller_name} ({self.shop_id})"


class Buyer(models.Model):
    """The app's test buyer: who places its test orders."""

    app = models.OneToOneField("apps_mgmt.App", on_delete=models.CASCADE, related_name="test_buyer")
    buyer_id = models.BigIntegerField()
    name = models.CharField(max_length=100)
    email = models.EmailField()
    phone = models.CharField(max_length=20)
    address = models.JSONField(default=dict)  # the order's destination, in SandboxOrder.destination's keys
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.name} ({self.buyer_id})"

    def as_order_buyer(self) -> dict[str, object]:
        return {"id": self.buyer_id, "name": self.name, "email": self.email, "phone": self.phone}


class Scenario(models.Model):
    """A test order played through its steps in the background.

    The row is the truth: `next_at` says when the next step is due, and
    whoever gets there first (the task nudged for it, or beat's sweep after
    a worker restart) takes the row's lock, plays one step and sets the next
    `next_at`. A step the order no longer allows (a person or the partner's
    software moved it meanwhile) stops the scenario, saying why.
    """

    class Kind(models.TextChoices):
        HAPPY_PATH = "happy_path", _("Happy path")
        CANCELLATION = "cancellation", _("Cancellation")

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        STOPPED = "stopped", _("Stopped")

    app = models.ForeignKey("apps_mgmt.App", on_delete=models.CASCADE, related_name="test_scenarios")
    order = models.ForeignKey("sandbox.SandboxOrder", on_delete=models.CASCADE, related_name="scenarios")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.RUNNING)
    steps_done = models.PositiveSmallIntegerField(default=0)
    step_seconds = models.FloatField()
    next_at = models.DateTimeField()
    started_by = models.CharField(max_length=254)
    outcome = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["next_at"], condition=models.Q(status="running"), name="test_scenario_due"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["order"], condition=models.Q(status="running"), name="one_running_scenario_per_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of order {self.order_id} ({self.status})"


class DailyOrders(models.Model):
    """How many test orders an app placed on a day (TIME_ZONE's calendar day)."""

    app = models.ForeignKey("apps_mgmt.App", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["app", "day"], name="one_test_order_count_per_app_day")]
        verbose_name_plural = "daily orders"

    def __str__(self) -> str:
        return f"{self.count} test orders of {self.app_id} on {self.day}"
