"""Every change of the sandbox marketplace: one service per order transition,
and the stock and price updates.

Two callers drive the sandbox: a partner's software through the Open API
(openapi/ views, `Actor.of_app`) and a person in the console (Testing
Account's buttons, `Actor.of_user`). Both get the same rules, the same
Tokopedia error codes and the same audit trail.

A transition re-reads the order under a row lock and checks the status
before changing it, so two concurrent calls (two acks, an ack and a nack)
apply once on PostgreSQL: the second sees the first one's status and is
refused with Tokopedia's error code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from apps_mgmt.models import App
from audit.models import AuditEvent
from audit.services import audit_record
from console.lib.errors import DomainError
from shops.models import Shop, ShopLink
from webhooks.events import Event
from webhooks.services import webhook_event_fire

from . import webhook_payloads
from .models import SandboxOrder, SandboxProduct

Status = SandboxOrder.Status


class OrderStateError(DomainError):
    """The order's status doesn't allow this step; `code` is Tokopedia's error code for it."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Actor:
    """Who moves the sandbox: an app through the Open API, or a console user."""

    label: str
    app: App | None = None
    user: User | None = None

    @classmethod
    def of_app(cls, app: App) -> Actor:
        return cls(label=f"app {app.fs_id}", app=app)

    @classmethod
    def of_user(cls, user: User, *, app: App | None = None) -> Actor:
        return cls(label=user.email, app=app, user=user)

    @property
    def partner(self) -> Any:
        return self.app.partner if self.app is not None else None


# Tokopedia's error code when a step isn't allowed in the order's status.
ACK_REFUSED = "ORD_USC_001"  # "Order Status not eligible to accept"
NACK_REFUSED = "ORD_USC_008"  # "Order Status not eligible to reject"
SHIP_REFUSED = "LGS_USC_006"  # "Error When Request Confirm Shipping To Ext Service"
PICKUP_REFUSED = "SHP_GRPC_003"  # "Data Not Found" (request pickup)
LABEL_REFUSED = "ORD_API_008"  # "Data Not Found" (shipping label before 400)


def sandbox_order_ack(*, order: SandboxOrder, actor: Actor) -> SandboxOrder:
    """The seller accepts an order waiting for it (220 to 400)."""
    return _order_move(
        order=order, to=Status.SELLER_ACCEPTED, actor=actor, action="ack", code=ACK_REFUSED, verb="accepted"
    )


def sandbox_order_nack(
    *,
    order: SandboxOrder,
    reason_code: int,
    reason: str,
    actor: Actor,
    shop_close_end_date: str = "",
    shop_close_note: str = "",
    empty_products: list[int] | None = None,
) -> SandboxOrder:
    """The seller refuses an order: before accepting it (220 to 10), or after,
    with reason code 0 ("reject shipping": 400 or 450 to 0)."""
    to = Status.SELLER_CANCELLED if reason_code == 0 else Status.REJECTED_BY_SELLER
    detail = {
        "reason_code": reason_code,
        "reason": reason,
        "shop_close_end_date": shop_close_end_date,
        "shop_close_note": shop_close_note,
        "empty_products": empty_products or [],
    }

    def apply(locked: SandboxOrder) -> list[str]:
        locked.reject_reason_code, locked.reject_reason = reason_code, reason
        return ["reject_reason_code", "reject_reason"]

    return _order_move(
        order=order, to=to, actor=actor, action="nack", code=NACK_REFUSED, verb="rejected", apply=apply, data=detail
    )


def sandbox_order_pickup_request(*, order: SandboxOrder, actor: Actor) -> SandboxOrder:
    """The seller asks the courier to pick the parcel up (400 to 450); the order gets a booking code."""

    def apply(locked: SandboxOrder) -> list[str]:
        locked.booking_code = f"TKP{locked.order_id % 10**9:09d}"
        return ["booking_code"]

    return _order_move(
        order=order,
        to=Status.WAITING_PICKUP,
        actor=actor,
        action="pickup_request",
        code=PICKUP_REFUSED,
        verb="picked up",
        apply=apply,
    )


def sandbox_order_ship(*, order: SandboxOrder, shipping_ref_num: str, actor: Actor) -> SandboxOrder:
    """The seller confirms shipping with the AWB (shipping_ref_num): 400 or 450 to 500."""

    def apply(locked: SandboxOrder) -> list[str]:
        locked.shipping_ref_num, locked.shipped_at = shipping_ref_num, timezone.now()
        return ["shipping_ref_num", "shipped_at"]

    return _order_move(
        order=order,
        to=Status.SHIPPED,
        actor=actor,
        action="ship",
        code=SHIP_REFUSED,
        verb="confirmed as shipped",
        apply=apply,
        data={"shipping_ref_num": shipping_ref_num},
    )


def sandbox_order_deliver(*, order: SandboxOrder, actor: Actor) -> SandboxOrder:
    """The courier delivers the parcel (500 to 600): what the sandbox's courier does for Testing Account."""

    def apply(locked: SandboxOrder) -> list[str]:
        locked.delivered_at = timezone.now()
        return ["delivered_at"]

    return _order_move(
        order=order,
        to=Status.DELIVERED,
        actor=actor,
        action="deliver",
        code=SHIP_REFUSED,
        verb="delivered",
        apply=apply,
    )


def sandbox_order_finish(*, order: SandboxOrder, actor: Actor) -> SandboxOrder:
    """The buyer confirms receipt and the order is finished (600 to 700)."""
    return _order_move(
        order=order, to=Status.FINISHED, actor=actor, action="finish", code=SHIP_REFUSED, verb="finished"
    )


def sandbox_order_label_print(*, order: SandboxOrder, printed: bool, actor: Actor) -> SandboxOrder:
    """The shipping label is shown (from 400 on); with `printed` the order is marked as printed."""
    if order.status < Status.SELLER_ACCEPTED or order.status in (Status.SELLER_CANCELLED, Status.REJECTED_BY_SELLER):
        raise OrderStateError(
            f"Order {order.order_id} has status {order.status}; its shipping label exists once the seller "
            "has accepted it (status 400).",
            code=LABEL_REFUSED,
        )
    if printed and not order.label_printed:
        with transaction.atomic():
            SandboxOrder.objects.filter(pk=order.pk).update(label_printed=True)
            order.label_printed = True
            _audit(actor, "label_print", order, {"order_id": order.order_id})
    return order


def _order_move(
    *,
    order: SandboxOrder,
    to: int,
    actor: Actor,
    action: str,
    code: str,
    verb: str,
    apply: Any = None,
    data: dict[str, Any] | None = None,
) -> SandboxOrder:
    with transaction.atomic():
        # Re-read under lock: of two concurrent steps, the second sees the first's status.
        locked = SandboxOrder.objects.select_for_update().select_related("shop").get(pk=order.pk)
        if not locked.can_become(to):
            allowed = sorted(status for status, targets in SandboxOrder.TRANSITIONS.items() if to in targets)
            raise OrderStateError(
                f"Order {locked.order_id} has status {locked.status} ({Status(locked.status).label}); "
                f"it can be {verb} only with status {' or '.join(map(str, allowed))}.",
                code=code,
            )
        previous = locked.status
        now = timezone.now()
        locked.status, locked.updated_at = to, now
        locked.history = [
            *locked.history,
            {"status": to, "timestamp": now.isoformat(), "action_by": actor.label, "message": action},
        ]
        fields = ["status", "updated_at", "history", *(apply(locked) if apply else [])]
        locked.save(update_fields=fields)
        _audit(actor, action, locked, {"order_id": locked.order_id, "from": previous, "to": to, **(data or {})})
        _order_status_changed(locked, previous=previous)
    return locked


def _order_status_changed(order: SandboxOrder, *, previous: int) -> None:
    """Where an order's new status leaves the sandbox: the order status webhook
    to every app the shop is linked to (and the cancellation one when the
    seller refuses it), rows of this transaction, sent once it commits."""
    cancelled = order.status in (Status.SELLER_CANCELLED, Status.REJECTED_BY_SELLER)
    for app in _apps_of(order.shop):
        webhook_event_fire(app=app, event=Event.ORDER_STATUS, payload=webhook_payloads.order_status(app, order))
        if cancelled:
            payload = webhook_payloads.order_cancellation(app, order)
            webhook_event_fire(app=app, event=Event.ORDER_CANCELLATION, payload=payload)


def _apps_of(shop: Shop) -> list[App]:
    """The live apps the shop is actively linked to: the ones its webhooks go to."""
    return list(
        App.objects.filter(
            shop_links__shop=shop, shop_links__status=ShopLink.Status.ACTIVE, status=App.Status.LIVE
        ).distinct()
    )


def _audit(actor: Actor, action: str, target: SandboxOrder | SandboxProduct, data: dict[str, Any]) -> None:
    audit_record(
        actor=actor.user,
        actor_type=AuditEvent.ActorType.API_CLIENT if actor.user is None else None,
        fs_id=actor.app.fs_id if actor.app is not None else None,
        actor_label=actor.label,
        action=f"sandbox.{'order' if isinstance(target, SandboxOrder) else 'product'}.{action}",
        target=target,
        partner=actor.partner,
        data=data,
    )


# --- Stock and price ---------------------------------------------------------


@dataclass
class BatchResult:
    """Tokopedia's answer to a batch update: counts, and each refused row with its message."""

    succeed_rows: int = 0
    failed_rows_data: list[dict[str, Any]] = field(default_factory=list)

    @property
    def failed_rows(self) -> int:
        return len(self.failed_rows_data)


def sandbox_product_stock_update(*, shop: Shop, rows: list[dict[str, Any]], actor: Actor) -> BatchResult:
    """Set the stock of the shop's products, each row by `sku` (preferred) or `product_id`, to `new_stock`."""
    return _batch_update(shop=shop, rows=rows, actor=actor, field_name="stock", value_key="new_stock")


def sandbox_product_price_update(*, shop: Shop, rows: list[dict[str, Any]], actor: Actor) -> BatchResult:
    """Set the price of the shop's products, each row by `sku` (preferred) or `product_id`, to `new_price`."""
    return _batch_update(shop=shop, rows=rows, actor=actor, field_name="price", value_key="new_price")


def _batch_update(
    *, shop: Shop, rows: list[dict[str, Any]], actor: Actor, field_name: str, value_key: str
) -> BatchResult:
    result = BatchResult()
    skus = {row["sku"] for row in rows if row.get("sku")}
    ids = {row["product_id"] for row in rows if row.get("product_id") and not row.get("sku")}
    with transaction.atomic():
        products = list(
            SandboxProduct.objects.select_for_update()
            .filter(shop=shop)
            .filter(_by_sku_or_id(skus, ids))
            .order_by("product_id")
        )
        by_sku = {product.sku: product for product in products}
        by_id = {product.product_id: product for product in products}
        now = timezone.now()
        changed: dict[int, SandboxProduct] = {}
        for row in rows:
            product = by_sku.get(row["sku"]) if row.get("sku") else by_id.get(row.get("product_id") or 0)
            if product is None:
                message = "Invalid SKU." if row.get("sku") else "Invalid Product ID."
                result.failed_rows_data.append(
                    {
                        "product_id": row.get("product_id") or 0,
                        "sku": row.get("sku") or "",
                        "product_url": "",
                        value_key: row[value_key],
                        "message": message,
                    }
                )
                continue
            setattr(product, field_name, row[value_key])
            product.updated_at = now
            if field_name == "price":
                product.price_updated_at = now
            changed[product.pk] = product
            result.succeed_rows += 1
        if changed:
            fields = [field_name, "updated_at", *(["price_updated_at"] if field_name == "price" else [])]
            SandboxProduct.objects.bulk_update(list(changed.values()), fields)
            for product in changed.values():
                _audit(
                    actor,
                    f"{field_name}_update",
                    product,
                    {"product_id": product.product_id, value_key: getattr(product, field_name)},
                )
            _products_changed(list(changed.values()))
    return result


def _by_sku_or_id(skus: set[str], ids: set[int]) -> Q:
    return Q(sku__in=skus) | Q(product_id__in=ids)


def _products_changed(products: list[SandboxProduct]) -> None:
    """Where changed products leave the sandbox: the product changes webhook to
    every app the shop is linked to, rows of this transaction."""
    for app in _apps_of(products[0].shop):
        webhook_event_fire(
            app=app, event=Event.PRODUCT_CHANGES, payload=webhook_payloads.product_changes(app, products)
        )
