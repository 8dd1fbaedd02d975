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
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop, pgettext_lazy

from accounts.models import User
from apps_mgmt.models import App
from audit.models import AuditEvent
from audit.services import audit_record
from console.lib.errors import DomainError
from console.lib.text import or_list
from shops.models import Shop, ShopLink
from webhooks.events import Event
from webhooks.services import webhook_event_fire

from . import webhook_payloads
from .models import SandboxOrder, SandboxProduct

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise

Status = SandboxOrder.Status


class OrderStateError(DomainError):
    """The order's status doesn't allow this step; `code` is Tokopedia's error code for it."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Actor:
    """Who moves the sandbox: an app through the Open API, a console user
    (Testing Account's buttons), or a Testing Account scenario. `via` and the
    API call's `request_id` go into the order's history, for its timeline."""

    label: str
    app: App | None = None
    user: User | None = None
    via: str = "console"  # "api", "console" or "scenario"
    request_id: str = ""

    @classmethod
    def of_app(cls, app: App, *, request_id: str = "") -> Actor:
        return cls(label=f"app {app.fs_id}", app=app, via="api", request_id=request_id)

    @classmethod
    def of_user(cls, user: User, *, app: App | None = None) -> Actor:
        return cls(label=user.email, app=app, user=user)

    @classmethod
    def of_scenario(cls, app: App, *, name: str) -> Actor:
        return cls(label=f"scenario: {name}", app=app, via="scenario")

    def history_entry(self, *, status: int, now: Any, message: str) -> dict[str, Any]:
        entry = {"status": status, "timestamp": now.isoformat(), "action_by": self.label, "message": message}
        entry["via"] = self.via
        if self.request_id:
            entry["request_id"] = self.request_id
        return entry

    @property
    def partner(self) -> Any:
        return self.app.partner if self.app is not None else None


# Tokopedia's error code when a step isn't allowed in the order's status.
ACK_REFUSED = "ORD_USC_001"  # "Order Status not eligible to accept"
NACK_REFUSED = "ORD_USC_008"  # "Order Status not eligible to reject"
SHIP_REFUSED = "LGS_USC_006"  # "Error When Request Confirm Shipping To Ext Service"
PICKUP_REFUSED = "SHP_GRPC_003"  # "Data Not Found" (request pickup)
LABEL_REFUSED = "ORD_API_008"  # "Data Not Found" (shipping label before 400)
# The buyer's side has no Open API endpoint (the sandbox plays the buyer): a
# refused buyer step answers with the refusal code of the seller's step it
# mirrors. Answering a cancellation request: Tokopedia's reject-cancel code.
BUYER_CANCEL_REFUSED = "ORD_USC_008"
CANCEL_REQUEST_REFUSED = "ORD_API_016"  # "FS ID not authorized to reject cancel request"

# Tokopedia's buyer cancellation reasons (the order request cancellation webhook's reason_code).
CANCEL_REASONS: dict[int, str] = {
    1: gettext_noop("Want to change the shipping address"),
    2: gettext_noop("Want to change the order (product, variant or quantity)"),
    3: gettext_noop("Found a better price elsewhere"),
    4: gettext_noop("Seller is not responding"),
    5: gettext_noop("Other"),
}


def sandbox_order_ack(*, order: SandboxOrder, actor: Actor) -> SandboxOrder:
    """The seller accepts an order waiting for it (220 to 400)."""
    return _order_move(
        order=order,
        to=Status.SELLER_ACCEPTED,
        actor=actor,
        action="ack",
        code=ACK_REFUSED,
        verb=pgettext_lazy("an order can be …", "accepted"),
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
        order=order,
        to=to,
        actor=actor,
        action="nack",
        code=NACK_REFUSED,
        verb=pgettext_lazy("an order can be …", "rejected"),
        apply=apply,
        data=detail,
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
        verb=pgettext_lazy("an order can be …", "picked up"),
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
        verb=pgettext_lazy("an order can be …", "confirmed as shipped"),
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
        verb=pgettext_lazy("an order can be …", "delivered"),
        apply=apply,
    )


def sandbox_order_finish(*, order: SandboxOrder, actor: Actor) -> SandboxOrder:
    """The buyer confirms receipt and the order is finished (600 to 700)."""
    return _order_move(
        order=order,
        to=Status.FINISHED,
        actor=actor,
        action="finish",
        code=SHIP_REFUSED,
        verb=pgettext_lazy("an order can be …", "finished"),
    )


def sandbox_order_label_print(*, order: SandboxOrder, printed: bool, actor: Actor) -> SandboxOrder:
    """The shipping label is shown (from 400 on); with `printed` the order is marked as printed."""
    if order.status < Status.SELLER_ACCEPTED or order.status in (Status.SELLER_CANCELLED, Status.REJECTED_BY_SELLER):
        raise OrderStateError(
            gettext(
                "Order {order_id} has status {status}; its shipping label exists once the seller has accepted it (status 400)."
            ).format(order_id=order.order_id, status=order.status),
            code=LABEL_REFUSED,
        )
    if printed and not order.label_printed:
        with transaction.atomic():
            SandboxOrder.objects.filter(pk=order.pk).update(label_printed=True)
            order.label_printed = True
            _audit(actor, "label_print", order, {"order_id": order.order_id})
    return order


def sandbox_order_buyer_cancel(*, order: SandboxOrder, actor: Actor) -> SandboxOrder:
    """The buyer cancels an order the seller hasn't accepted yet (220 to 15, Tokopedia's instant cancel)."""
    if order.status != Status.PAYMENT_VERIFIED:
        # 400 and 450 may become 15 too, but only when the seller grants the buyer's request.
        raise OrderStateError(
            gettext(
                "Order {order_id} has status {status} ({label}); the buyer can cancel it at once only with status 220. Once the seller has accepted it, the buyer requests a cancellation instead."
            ).format(order_id=order.order_id, status=order.status, label=Status(order.status).label),
            code=BUYER_CANCEL_REFUSED,
        )

    def apply(locked: SandboxOrder) -> list[str]:
        locked.reject_reason_code, locked.reject_reason = 0, "Cancelled by the buyer"
        return ["reject_reason_code", "reject_reason"]

    return _order_move(
        order=order,
        to=Status.CANCELLED_BY_BUYER,
        actor=actor,
        action="buyer_cancel",
        code=BUYER_CANCEL_REFUSED,
        verb=pgettext_lazy("an order can be …", "cancelled by the buyer"),
        apply=apply,
        expect=Status.PAYMENT_VERIFIED,
    )


def sandbox_order_cancel_request(*, order: SandboxOrder, reason_code: int, actor: Actor) -> SandboxOrder:
    """The buyer asks to cancel (220, 400 or 450): the order request cancellation
    webhook tells the partner, who must grant it (the order becomes 15) or refuse it."""
    reason = CANCEL_REASONS.get(reason_code, CANCEL_REASONS[5])

    def check(locked: SandboxOrder) -> None:
        if not locked.may_request_cancel:
            if locked.is_closed:
                refusal = gettext(
                    "Order {order_id} has status {status} ({label}); the buyer can't request its cancellation: it is closed."
                )
            elif locked.cancel_request:
                refusal = gettext(
                    "Order {order_id} has status {status} ({label}); the buyer can't request its cancellation: it already has one waiting for the seller."
                )
            else:
                refusal = gettext(
                    "Order {order_id} has status {status} ({label}); the buyer can't request its cancellation: it has been shipped."
                )
            raise OrderStateError(
                refusal.format(order_id=locked.order_id, status=locked.status, label=Status(locked.status).label),
                code=BUYER_CANCEL_REFUSED,
            )

    def change(locked: SandboxOrder, now: Any) -> None:
        locked.cancel_request = {"reason_code": reason_code, "reason": reason, "requested_at": now.isoformat()}
        for app in _apps_of(locked.shop):
            webhook_event_fire(
                app=app,
                event=Event.ORDER_REQUEST_CANCELLATION,
                payload=webhook_payloads.order_request_cancellation(app, locked),
                subject=f"order:{locked.order_id}",
            )

    return _cancel_request_note(
        order=order, actor=actor, action="cancel_request", check=check, change=change, data={"reason_code": reason_code}
    )


def sandbox_order_cancel_request_answer(*, order: SandboxOrder, accept: bool, actor: Actor) -> SandboxOrder:
    """The seller answers the buyer's cancellation request: granted, the order
    is cancelled (15); refused, it carries on where it was."""

    def check(locked: SandboxOrder) -> None:
        if not locked.cancel_request:
            refusal = (
                gettext("Order {order_id} has no cancellation request to grant.")
                if accept
                else gettext("Order {order_id} has no cancellation request to refuse.")
            )
            raise OrderStateError(refusal.format(order_id=locked.order_id), code=CANCEL_REQUEST_REFUSED)

    if accept:

        def apply(locked: SandboxOrder) -> list[str]:
            check(locked)
            locked.reject_reason_code = int(locked.cancel_request.get("reason_code", 0))
            locked.reject_reason = str(locked.cancel_request.get("reason", ""))
            locked.cancel_request = {}
            return ["reject_reason_code", "reject_reason", "cancel_request"]

        return _order_move(
            order=order,
            to=Status.CANCELLED_BY_BUYER,
            actor=actor,
            action="cancel_request_accept",
            code=CANCEL_REQUEST_REFUSED,
            verb=pgettext_lazy("an order can be …", "cancelled at the buyer's request"),
            apply=apply,
        )

    def change(locked: SandboxOrder, now: Any) -> None:
        locked.cancel_request = {}

    return _cancel_request_note(order=order, actor=actor, action="cancel_request_reject", check=check, change=change)


def _cancel_request_note(
    *,
    order: SandboxOrder,
    actor: Actor,
    action: str,
    check: Any,
    change: Any,
    data: dict[str, Any] | None = None,
) -> SandboxOrder:
    """A change of the buyer's cancellation request that leaves the status as
    it is: checked and written under the order's row lock, in its history."""
    with transaction.atomic():
        locked = SandboxOrder.objects.select_for_update().select_related("shop").get(pk=order.pk)
        check(locked)
        now = timezone.now()
        locked.updated_at = now
        locked.history = [*locked.history, actor.history_entry(status=locked.status, now=now, message=action)]
        change(locked, now)
        locked.save(update_fields=["cancel_request", "updated_at", "history"])
        _audit(actor, action, locked, {"order_id": locked.order_id, **(data or {})})
    return locked


def sandbox_order_place(
    *,
    shop: Shop,
    order_id: int,
    invoice_number: str,
    buyer: dict[str, Any],
    destination: dict[str, Any],
    lines: list[tuple[SandboxProduct, int]],
    actor: Actor,
) -> SandboxOrder:
    """A buyer's paid order (status 220, payment verified): the order
    notification webhook tells the apps the shop is linked to. Testing
    Account places orders in its test shops through this."""
    if not lines:
        raise DomainError(gettext("An order needs at least one product."))
    with transaction.atomic():
        now = timezone.now()
        courier = {"shipping_id": 1, "sp_id": 1, "shipping_agency": "JNE", "service_type": "Reguler"}
        items = [
            {
                "product_id": product.product_id,
                "name": product.name,
                "sku": product.sku,
                "quantity": quantity,
                "price": product.price,
                "weight": product.weight,
                "notes": "",
                "category_id": product.category_id,
                "picture": product.pictures[0]["URL300"] if product.pictures else "",
            }
            for product, quantity in lines
        ]
        item_price = sum(product.price * quantity for product, quantity in lines)
        shipping = 9_000 + 1_000 * (sum(product.weight * quantity for product, quantity in lines) // 1000)
        order = SandboxOrder.objects.create(
            order_id=order_id,
            shop=shop,
            invoice_number=invoice_number,
            status=Status.PAYMENT_VERIFIED,
            payment_id=order_id + 7_000_000_000,
            warehouse_id=shop.shop_id * 10 + 1,
            buyer=buyer,
            items=items,
            destination=destination,
            logistics=courier,
            courier=f"{courier['shipping_agency']} {courier['service_type']}",
            shipping_price=shipping,
            total_price=item_price + shipping,
            history=[
                {**actor.history_entry(status=Status.CREATED, now=now, message="Order created"), "action_by": "buyer"},
                actor.history_entry(status=Status.PAYMENT_VERIFIED, now=now, message="Payment verified"),
            ],
            created_at=now,
            payment_at=now,
            updated_at=now,
        )
        _audit(actor, "place", order, {"order_id": order_id, "shop_id": shop.shop_id, "lines": len(items)})
        for app in _apps_of(shop):
            webhook_event_fire(
                app=app,
                event=Event.ORDER_NOTIFICATION,
                payload=webhook_payloads.order_notification(app, order),
                subject=f"order:{order_id}",
            )
    return order


def _order_move(
    *,
    order: SandboxOrder,
    to: int,
    actor: Actor,
    action: str,
    code: str,
    verb: _StrOrPromise,
    apply: Any = None,
    data: dict[str, Any] | None = None,
    expect: int | None = None,
) -> SandboxOrder:
    with transaction.atomic():
        # Re-read under lock: of two concurrent steps, the second sees the first's status.
        locked = SandboxOrder.objects.select_for_update().select_related("shop").get(pk=order.pk)
        if not locked.can_become(to) or (expect is not None and locked.status != expect):
            allowed = (
                [expect]
                if expect is not None
                else sorted(status for status, targets in SandboxOrder.TRANSITIONS.items() if to in targets)
            )
            raise OrderStateError(
                gettext(
                    "Order {order_id} has status {status} ({label}); it can be {verb} only with status {value}."
                ).format(
                    order_id=locked.order_id,
                    status=locked.status,
                    label=Status(locked.status).label,
                    verb=verb,
                    value=or_list(allowed),
                ),
                code=code,
            )
        previous = locked.status
        now = timezone.now()
        locked.status, locked.updated_at = to, now
        locked.history = [*locked.history, actor.history_entry(status=to, now=now, message=action)]
        fields = ["status", "updated_at", "history", *(apply(locked) if apply else [])]
        if locked.cancel_request and locked.is_closed:
            # A closed order has nothing left to cancel: the buyer's request is moot.
            locked.cancel_request = {}
            fields.append("cancel_request")
        locked.save(update_fields=fields)
        _audit(actor, action, locked, {"order_id": locked.order_id, "from": previous, "to": to, **(data or {})})
        _order_status_changed(locked, previous=previous)
    return locked


def _order_status_changed(order: SandboxOrder, *, previous: int) -> None:
    """Where an order's new status leaves the sandbox: the order status webhook
    to every app the shop is linked to (and the cancellation one when the
    seller refuses it), rows of this transaction, sent once it commits."""
    cancelled = order.status in (Status.SELLER_CANCELLED, Status.REJECTED_BY_SELLER, Status.CANCELLED_BY_BUYER)
    subject = f"order:{order.order_id}"
    for app in _apps_of(order.shop):
        payload = webhook_payloads.order_status(app, order)
        webhook_event_fire(app=app, event=Event.ORDER_STATUS, payload=payload, subject=subject)
        if cancelled:
            payload = webhook_payloads.order_cancellation(app, order)
            webhook_event_fire(app=app, event=Event.ORDER_CANCELLATION, payload=payload, subject=subject)


def _apps_of(shop: Shop) -> list[App]:
    """The live apps the shop is actively linked to: the ones its webhooks go to."""
    return list(
        App.objects.filter(
            shop_links__shop=shop, shop_links__status=ShopLink.Status.ACTIVE, status=App.Status.LIVE
        ).distinct()
    )


def _audit(actor: Actor, action: str, target: SandboxOrder | SandboxProduct, data: dict[str, Any]) -> None:
    machine = AuditEvent.ActorType.API_CLIENT if actor.via == "api" else AuditEvent.ActorType.SYSTEM
    audit_record(
        actor=actor.user,
        actor_type=machine if actor.user is None else None,
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


# --- Other marketplace events (Testing Account fires them) -------------------

# Products a shop may gain after its generated ones: ids base+900 to base+999
# (data.py gives shop_id * ID_STRIDE + index to the generated ones).
CREATED_PRODUCTS_OFFSET = 900
CREATED_PRODUCTS_MAX = 99


def sandbox_product_create(*, shop: Shop, actor: Actor) -> SandboxProduct:
    """A new product in the shop, as if Create Product V2 had finished its
    upload: the product creation webhook tells the apps the shop is linked to."""
    base = shop.shop_id * 1000 + CREATED_PRODUCTS_OFFSET
    with transaction.atomic():
        rows = SandboxProduct.objects.select_for_update().filter(shop=shop).order_by("product_id")
        products = list(rows)
        created = [product for product in products if product.product_id > base]
        if len(created) >= CREATED_PRODUCTS_MAX:
            raise DomainError(
                gettext(
                    "This shop has {CREATED_PRODUCTS_MAX} created products, as many as it may hold; reset it to start over."
                ).format(CREATED_PRODUCTS_MAX=CREATED_PRODUCTS_MAX)
            )
        template = next((product for product in products if product.parent_id is None and product.status == 1), None)
        if template is None:
            raise DomainError(gettext("This shop has no product to model a new one on; reset it first."))
        number = len(created) + 1
        now = timezone.now()
        product = SandboxProduct.objects.create(
            product_id=base + number,
            shop=shop,
            name=f"New {template.name} {number}",
            short_desc=template.short_desc,
            sku=f"NEW-{shop.shop_id}-{number:03d}",
            price=template.price,
            price_updated_at=now,
            stock=100,
            weight=template.weight,
            length=template.length,
            width=template.width,
            height=template.height,
            category_id=template.category_id,
            category_tree=template.category_tree,
            menu_id=template.menu_id,
            menu_name=template.menu_name,
            pictures=template.pictures,
            created_at=now,
            updated_at=now,
        )
        _audit(actor, "create", product, {"product_id": product.product_id, "shop_id": shop.shop_id})
        upload_id = product.product_id % 10**8
        for app in _apps_of(shop):
            payload = webhook_payloads.product_creation(app, product, upload_id=upload_id)
            webhook_event_fire(app=app, event=Event.PRODUCT_CREATION, payload=payload)
    return product


def sandbox_chat_message_send(*, shop: Shop, buyer: dict[str, Any], message: str, actor: Actor) -> int:
    """A buyer writes to the shop: the chat notification webhook. Returns the message's msg_id."""
    msg_id = int(timezone.now().timestamp() * 1000) % 10**12
    with transaction.atomic():
        for app in _apps_of(shop):
            payload = webhook_payloads.chat_notification(
                msg_id=msg_id, shop_id=shop.shop_id, buyer=buyer, message=message
            )
            webhook_event_fire(app=app, event=Event.CHAT_NOTIFICATION, payload=payload)
    return msg_id


def sandbox_campaign_start(
    *, product: SandboxProduct, discount_percentage: int, hours: int, actor: Actor
) -> dict[str, Any]:
    """A slash price campaign starts on the product: the campaign notification webhook."""
    if not 1 <= discount_percentage <= 99:
        raise DomainError(gettext("A discount is between 1 and 99 percent."))
    start = timezone.now()
    end = start + timedelta(hours=hours)
    with transaction.atomic():
        _audit(
            actor,
            "campaign_start",
            product,
            {"product_id": product.product_id, "discount_percentage": discount_percentage, "hours": hours},
        )
        for app in _apps_of(product.shop):
            payload = webhook_payloads.campaign_notification(
                app, product, discount_percentage=discount_percentage, start=start, end=end
            )
            webhook_event_fire(app=app, event=Event.CAMPAIGN_NOTIFICATION, payload=payload)
    return {"start": start, "end": end}
