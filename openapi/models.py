"""Access tokens of the Open API and the sandbox's products and orders."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from django.db import models
from django.utils import timezone


class AccessToken(models.Model):
    """A bearer token issued to an app by POST /token.

    Only the SHA-256 of the token is stored: tokens are 256-bit random values,
    so a plain hash is enough (nothing to brute-force) and a lookup by digest
    is an indexed equality match that reveals nothing about near misses.
    """

    app = models.ForeignKey("apps_mgmt.App", on_delete=models.CASCADE, related_name="access_tokens")
    digest = models.CharField(max_length=64, unique=True, editable=False)
    scope = models.CharField(max_length=200, blank=True)
    client_ip = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"token of {self.app_id} until {self.expires_at:%Y-%m-%d %H:%M}"

    def is_active(self, now: datetime | None = None) -> bool:
        return self.revoked_at is None and self.expires_at > (now or timezone.now())


class SandboxProduct(models.Model):
    """A product of a catalogue shop in the sandbox (generated, see sandbox.py)."""

    product_id = models.BigIntegerField(unique=True)
    shop = models.ForeignKey("shops.Shop", on_delete=models.CASCADE, related_name="sandbox_products")
    name = models.CharField(max_length=200)
    sku = models.CharField(max_length=50)
    price = models.PositiveIntegerField(help_text="Rupiah")
    stock = models.PositiveIntegerField()
    weight = models.PositiveIntegerField(help_text="Grams")
    category_id = models.PositiveIntegerField()
    condition = models.PositiveSmallIntegerField(default=1)  # 1 new, 2 used (Tokopedia's codes)
    status = models.PositiveSmallIntegerField(default=1)  # 1 active, 3 warehouse (Tokopedia's codes)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["product_id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.product_id})"


class SandboxOrder(models.Model):
    """An order of a catalogue shop in the sandbox, with Tokopedia's status codes."""

    class Status(models.IntegerChoices):
        SELLER_CANCELLED = 0, "Seller cancelled the order"
        REJECTED_BY_SELLER = 10, "Order rejected by seller"
        PAYMENT_VERIFIED = 220, "Payment verified, order ready to process"
        SELLER_ACCEPTED = 400, "Seller accepted the order"
        SHIPPED = 500, "Order shipped"
        DELIVERED = 600, "Order delivered"
        FINISHED = 700, "Order finished"

    # Only an order waiting for the seller can be acknowledged or refused.
    TRANSITIONS: ClassVar[dict[int, frozenset[int]]] = {
        Status.PAYMENT_VERIFIED: frozenset({Status.SELLER_ACCEPTED, Status.REJECTED_BY_SELLER}),
        Status.SELLER_ACCEPTED: frozenset({Status.SHIPPED, Status.SELLER_CANCELLED}),
        Status.SHIPPED: frozenset({Status.DELIVERED}),
        Status.DELIVERED: frozenset({Status.FINISHED}),
    }

    order_id = models.BigIntegerField(unique=True)
    shop = models.ForeignKey("shops.Shop", on_delete=models.CASCADE, related_name="sandbox_orders")
    invoice_number = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField(choices=Status.choices, default=Status.PAYMENT_VERIFIED)
    buyer = models.JSONField(default=dict)  # id, name, email, phone
    items = models.JSONField(default=list)  # product_id, name, sku, quantity, price, weight
    destination = models.JSONField(default=dict)
    courier = models.CharField(max_length=50)
    shipping_price = models.PositiveIntegerField()
    total_price = models.PositiveIntegerField()
    reject_reason_code = models.PositiveSmallIntegerField(null=True, blank=True)
    reject_reason = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "order_id"]
        indexes = [models.Index(fields=["shop", "created_at"], name="sandbox_order_shop_time")]

    def __str__(self) -> str:
        return self.invoice_number

    def can_become(self, status: int) -> bool:
        return status in self.TRANSITIONS.get(self.status, frozenset())
