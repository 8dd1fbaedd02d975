"""The sandbox marketplace's products and orders, in Tokopedia's terms.

Both tables predate this app (they were created by openapi/, hence db_table):
moving the models here changed Django's state only, not the data.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _


class SandboxProduct(models.Model):
    """A product of a catalogue shop (generated, see data.py). A variant is a
    product whose `parent` is the product it varies."""

    product_id = models.BigIntegerField(unique=True)
    shop = models.ForeignKey("shops.Shop", on_delete=models.CASCADE, related_name="sandbox_products")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="variants", help_text=_("Variant of")
    )
    name = models.CharField(max_length=200)
    short_desc = models.CharField(max_length=500, blank=True, default="")
    sku = models.CharField(max_length=50, db_index=True)
    price = models.PositiveIntegerField(help_text=_("Rupiah"))
    price_updated_at = models.DateTimeField(null=True, blank=True)
    stock = models.PositiveIntegerField()
    reserve_stock = models.PositiveIntegerField(default=0, help_text=_("Held for campaigns (flash sales)"))
    weight = models.PositiveIntegerField(help_text=_("Grams"))
    length = models.PositiveIntegerField(default=0, help_text=_("cm"))
    width = models.PositiveIntegerField(default=0, help_text=_("cm"))
    height = models.PositiveIntegerField(default=0, help_text=_("cm"))
    category_id = models.PositiveIntegerField()
    category_tree = models.JSONField(default=list)  # [{id, Name, title, breadcrumbURL}], root first
    menu_id = models.PositiveIntegerField(default=0, help_text=_("Etalase (showcase) id"))
    menu_name = models.CharField(max_length=100, blank=True, default="")
    min_order = models.PositiveSmallIntegerField(default=1)
    pictures = models.JSONField(default=list)  # [{picID, fileName, filePath, ...}]
    wholesale = models.JSONField(default=list)  # [{minQuantity, maxQuantity, price}]
    sold_count = models.PositiveIntegerField(default=0)
    view_count = models.PositiveIntegerField(default=0)
    condition = models.PositiveSmallIntegerField(default=1)  # 1 new, 2 used (Tokopedia's codes)
    status = models.PositiveSmallIntegerField(default=1)  # 1 active, 3 warehouse (Tokopedia's codes)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "openapi_sandboxproduct"
        ordering = ["product_id"]
        indexes = [models.Index(fields=["shop", "sku"], name="sandbox_product_shop_sku")]

    def __str__(self) -> str:
        return f"{self.name} ({self.product_id})"


class SandboxOrder(models.Model):
    """An order of a catalogue shop, with Tokopedia's status codes."""

    class Status(models.IntegerChoices):
        SELLER_CANCELLED = 0, _("Seller cancelled the order")
        REJECTED_EMPTY_STOCK = 3, _("Order rejected due to empty stock")
        CANCELLED_FRAUD = 5, _("Order cancelled by fraud")
        REJECTED_AUTO = 6, _("Order rejected (auto cancel out of stock)")
        REJECTED_BY_SELLER = 10, _("Order rejected by seller")
        CANCELLED_BY_BUYER = 15, _("Instant cancel by buyer")
        CREATED = 100, _("Order created")
        WAITING_PAYMENT = 103, _("Waiting for payment confirmation from third party")
        PAYMENT_VERIFIED = 220, _("Payment verified, order ready to process")
        WAITING_PARTNER = 221, _("Waiting for partner approval")
        SELLER_ACCEPTED = 400, _("Seller accepted the order")
        WAITING_PICKUP = 450, _("Waiting for pickup")
        SHIPPED = 500, _("Order shipped")
        WAITING_AWB = 501, _("Status changed to waiting resi have no input")
        INVALID_AWB = 520, _("Invalid shipment reference number (AWB)")
        AWB_CORRECTION = 530, _("Requested by user to correct invalid entry of shipment reference number")
        AT_PICKUP_POINT = 540, _("Delivered to pickup point")
        RETURNED = 550, _("Return to seller")
        DELIVERED = 600, _("Order delivered")
        BUYER_CASE = 601, _("Buyer opened a case to finish an order")
        FRAUD_REVIEW = 690, _("Fraud review")
        FINISHED = 700, _("Order finished")

    # Each step a seller (or the sandbox's buyer and courier) can take, and
    # the statuses it may start from; services.py has one function per step.
    # 15 is the buyer's cancellation: at once while the order waits for the
    # seller (220), or later when the seller grants the buyer's request.
    TRANSITIONS: ClassVar[dict[int, frozenset[int]]] = {
        Status.PAYMENT_VERIFIED: frozenset(
            {Status.SELLER_ACCEPTED, Status.REJECTED_BY_SELLER, Status.CANCELLED_BY_BUYER}
        ),
        Status.SELLER_ACCEPTED: frozenset(
            {Status.WAITING_PICKUP, Status.SHIPPED, Status.SELLER_CANCELLED, Status.CANCELLED_BY_BUYER}
        ),
        Status.WAITING_PICKUP: frozenset({Status.SHIPPED, Status.SELLER_CANCELLED, Status.CANCELLED_BY_BUYER}),
        Status.SHIPPED: frozenset({Status.DELIVERED}),
        Status.DELIVERED: frozenset({Status.FINISHED}),
    }

    order_id = models.BigIntegerField(unique=True)
    shop = models.ForeignKey("shops.Shop", on_delete=models.CASCADE, related_name="sandbox_orders")
    invoice_number = models.CharField(max_length=64, unique=True)
    status = models.PositiveSmallIntegerField(choices=Status.choices, default=Status.PAYMENT_VERIFIED)
    payment_id = models.BigIntegerField(default=0)
    warehouse_id = models.BigIntegerField(default=0)
    fulfill_by = models.PositiveSmallIntegerField(default=0, help_text=_("0 the seller, 1 the marketplace's warehouse"))
    buyer = models.JSONField(default=dict)  # id, name, email, phone
    items = models.JSONField(default=list)  # product_id, name, sku, quantity, price, weight, notes, ...
    destination = models.JSONField(default=dict)  # receiver_*, address_*, district/city/province ids, geo
    logistics = models.JSONField(default=dict)  # shipping_id, sp_id, shipping_agency, service_type
    courier = models.CharField(max_length=50)
    shipping_price = models.PositiveIntegerField()
    insurance_cost = models.PositiveIntegerField(default=0)
    total_price = models.PositiveIntegerField(help_text=_("Items + shipping + insurance: what the buyer paid"))
    shipping_ref_num = models.CharField(max_length=100, blank=True, default="", help_text=_("AWB (nomor resi)"))
    booking_code = models.CharField(max_length=32, blank=True, default="")
    label_printed = models.BooleanField(default=False)
    reject_reason_code = models.PositiveSmallIntegerField(null=True, blank=True)
    reject_reason = models.CharField(max_length=512, blank=True)
    history = models.JSONField(default=list)  # [{status, timestamp, action_by, via, ...}], newest last
    # The buyer's pending request to cancel ({reason_code, reason, requested_at}),
    # which the seller grants (15) or refuses; empty when there is none.
    cancel_request = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField()
    payment_at = models.DateTimeField(null=True, blank=True)
    shipped_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField()

    class Meta:
        db_table = "openapi_sandboxorder"
        ordering = ["created_at", "order_id"]
        indexes = [models.Index(fields=["shop", "created_at"], name="sandbox_order_shop_time")]

    def __str__(self) -> str:
        return self.invoice_number

    def can_become(self, status: int) -> bool:
        return status in self.TRANSITIONS.get(self.status, frozenset())

    @property
    def is_closed(self) -> bool:
        """Finished, or cancelled or rejected: nothing can happen to it any more."""
        return self.status not in self.TRANSITIONS

    @property
    def may_request_cancel(self) -> bool:
        """The buyer may ask to cancel until the parcel ships, once at a time."""
        return self.status in CANCEL_REQUEST_STATUSES and not self.cancel_request

    @property
    def item_price(self) -> int:
        return sum(int(line["price"]) * int(line["quantity"]) for line in self.items)


# The statuses in which a buyer may ask to cancel (before shipping).
CANCEL_REQUEST_STATUSES = frozenset(
    {SandboxOrder.Status.PAYMENT_VERIFIED, SandboxOrder.Status.SELLER_ACCEPTED, SandboxOrder.Status.WAITING_PICKUP}
)
