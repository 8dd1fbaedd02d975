"""The Open API's order endpoints on Tokopedia's paths: the list, one order,
and the lifecycle (ack, nack, confirm shipping, request pickup, shipping
label), each step a service of sandbox/ (sandbox/services.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_noop
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.request import Request

from apps_mgmt.models import App
from sandbox import selectors as sandbox_selectors
from sandbox.data import sandbox_shops_generate
from sandbox.models import SandboxOrder
from sandbox.services import (
    Actor,
    OrderStateError,
    sandbox_order_ack,
    sandbox_order_cancel_request_answer,
    sandbox_order_label_print,
    sandbox_order_nack,
    sandbox_order_pickup_request,
    sandbox_order_ship,
)

from . import presenters, schemas, selectors, serializers
from .api import MAX_ID, ApiError, OpenApiView, shop_forbidden, validated
from .single_order import single_order
from .views import FS_ID, POSITIVE_ID, responses

ORDER_ID = OpenApiParameter("order_id", POSITIVE_ID, OpenApiParameter.PATH, description=gettext_noop("The order."))
# Tokopedia's "Data Not Found" for an order id no shop of the app has.
ORDER_NOT_FOUND = "ORD_API_008"
_STATE = OpenApiResponse(schemas.ErrorEnvelope, description=gettext_noop("The order's status doesn't allow this step."))


class OrderListView(OpenApiView):
    operation = "order_list"
    fs_id_from_query = True
    shop_id_in_query = True

    @extend_schema(
        operation_id=operation,
        tags=["Order"],
        summary=gettext_noop("Get all orders created in a time range (at most 3 days)"),
        description=gettext_noop(
            "`to_date` must not be before `from_date` nor more than 3 days after it (`ORD_DLV_013`). "
            "Filter by `shop_id` or `warehouse_id`, and by `status`."
        ),
        parameters=[serializers.OrderListQuery],
        responses=responses(schemas.OrderListEnvelope),
    )
    def get(self, request: Request) -> Any:
        query = validated(serializers.OrderListQuery, request.query_params)
        span = query["to_date"] - query["from_date"]
        if span < 0 or span > serializers.ORDER_RANGE_MAX:
            raise ApiError(400, "ORD_DLV_013", "to_date: The range from from_date to to_date is 0 to 3 days.")
        if "shop_id" in query:
            shop = self.linked_shop(query["shop_id"])
            if shop is None:
                raise shop_forbidden(query["shop_id"])
            shops = [shop]
        else:
            shops = list(selectors.app_shops(self.caller.app))
        sandbox_shops_generate(shops=shops)
        rows = sandbox_selectors.orders_page(
            shops,
            from_ts=query["from_date"],
            to_ts=query["to_date"],
            page=query["page"],
            per_page=query["per_page"],
            status=query.get("status"),
            warehouse_id=query.get("warehouse_id"),
        )
        for row in rows:
            row.seen_by_fs_id = self.caller.app.fs_id  # type: ignore[attr-defined]
        return self.ok([presenters.order_list_item(row) for row in rows])


class OrderDetailView(OpenApiView):
    operation = "order_detail"

    @extend_schema(
        operation_id=operation,
        tags=["Order"],
        summary=gettext_noop("Get single order, by order_id or invoice_num"),
        description=gettext_noop("Send `order_id` or `invoice_num`; with both, `order_id` wins. With neither: 404."),
        parameters=[FS_ID, serializers.OrderDetailQuery],
        responses=responses(schemas.OrderEnvelope, 404),
    )
    def get(self, request: Request, fs_id: str) -> Any:
        query = validated(serializers.OrderDetailQuery, request.query_params)
        order = order_of_app(self.caller.app, order_id=query.get("order_id"), invoice_num=query.get("invoice_num"))
        return self.ok(single_order(order))


class _OrderStepView(OpenApiView):
    # A POST on /v1/order/{order_id}/fs/{fs_id}/...: find the app's order, run one sandbox service.
    # (A comment, not a docstring: drf-spectacular would publish a docstring as each step's description.)

    def step(self, order_id: str, run: Callable[[SandboxOrder], Any]) -> Any:
        order = order_of_app(self.caller.app, order_id=path_id("order_id", order_id))
        try:
            return run(order)
        except OrderStateError as error:
            raise ApiError(400, error.code, str(error)) from error

    @property
    def actor(self) -> Actor:
        return Actor.of_app(self.caller.app, request_id=self.request_id)


class OrderAckView(_OrderStepView):
    operation = "order_ack"

    @extend_schema(
        operation_id=operation,
        tags=["Order"],
        summary=gettext_noop("Accept order (ack): 220 to 400"),
        parameters=[ORDER_ID, FS_ID],
        request=None,
        responses={**responses(schemas.ActionEnvelope, 404), 400: _STATE},
    )
    def post(self, request: Request, order_id: str, fs_id: str) -> Any:
        self.step(order_id, lambda order: sandbox_order_ack(order=order, actor=self.actor))
        return self.ok("success")


class OrderNackView(_OrderStepView):
    operation = "order_nack"

    @extend_schema(
        operation_id=operation,
        tags=["Order"],
        summary=gettext_noop("Reject order (nack): 220 to 10, or with reason_code 0 after accepting (400/450 to 0)"),
        description=gettext_noop("The body is JSON, with or without a JSON Content-Type."),
        parameters=[ORDER_ID, FS_ID],
        request=serializers.NackBody,
        responses={**responses(schemas.ActionEnvelope, 404), 400: _STATE},
    )
    def post(self, request: Request, order_id: str, fs_id: str) -> Any:
        body = validated(serializers.NackBody, self.json_body(request) or {})

        def run(order: SandboxOrder) -> Any:
            _nack_rules(body)
            return sandbox_order_nack(
                order=order,
                reason_code=body["reason_code"],
                reason=body["reason"],
                shop_close_end_date=body.get("shop_close_end_date", ""),
                shop_close_note=body.get("shop_close_note", ""),
                empty_products=body.get("empty_products", []),
                actor=self.actor,
            )

        self.step(order_id, run)
        return self.ok("success")


def _nack_rules(body: dict[str, Any]) -> None:
    """Tokopedia's rules between the fields, checked once the order is known to exist."""
    code = body["reason_code"]
    if code in (0, 5, 7, 8) and not body["reason"].strip():
        raise ApiError(400, "INVALID_PARAMETER", f"reason: Required when reason_code is {code}.")
    if code == 4:
        missing = [name for name in ("shop_close_end_date", "shop_close_note") if not body.get(name, "").strip()]
        if missing:
            raise ApiError(
                400, "INVALID_PARAMETER", "; ".join(f"{n}: Required when reason_code is 4." for n in missing)
            )
        try:
            datetime.strptime(body["shop_close_end_date"], "%d/%m/%Y")
        except ValueError:
            raise ApiError(400, "INVALID_PARAMETER", "shop_close_end_date: Use DD/MM/YYYY.") from None


class RejectCancelView(_OrderStepView):
    operation = "reject_cancel"

    @extend_schema(
        operation_id=operation,
        tags=["Order"],
        summary=gettext_noop("Reject buyer request cancelation: the order carries on where it was"),
        description=gettext_noop(
            "For an order whose buyer asked to cancel (the order request cancellation webhook). "
            "Without a pending request: `ORD_API_016`. To grant it, the seller rejects the order (nack)."
        ),
        parameters=[ORDER_ID, FS_ID, serializers.RejectCancelQuery],
        request=None,
        responses={**responses(schemas.SuccessEnvelope, 404), 400: _STATE},
    )
    def post(self, request: Request, order_id: str, fs_id: str) -> Any:
        query = validated(serializers.RejectCancelQuery, request.query_params)

        def run(order: SandboxOrder) -> Any:
            if order.shop.shop_id != query["shop_id"]:
                raise ApiError(400, "ORD_USC_024", f"FS ID not associated with Shop ID {query['shop_id']}.")
            return sandbox_order_cancel_request_answer(order=order, accept=False, actor=self.actor)

        self.step(order_id, run)
        return self.ok({"success": True})


class OrderStatusView(_OrderStepView):
    operation = "order_status"

    @extend_schema(
        operation_id=operation,
        tags=["Order"],
        summary=gettext_noop("Confirm shipping (update order status to 500) with the AWB: 400 or 450 to 500"),
        parameters=[ORDER_ID, FS_ID],
        request=serializers.ShippingBody,
        responses={**responses(schemas.ActionEnvelope, 404), 400: _STATE},
    )
    def post(self, request: Request, order_id: str, fs_id: str) -> Any:
        body = validated(serializers.ShippingBody, self.json_body(request) or {})
        self.step(
            order_id,
            lambda order: sandbox_order_ship(order=order, shipping_ref_num=body["shipping_ref_num"], actor=self.actor),
        )
        return self.ok("Success")


class PickupView(OpenApiView):
    operation = "request_pickup"

    @extend_schema(
        operation_id=operation,
        tags=["Order"],
        summary=gettext_noop("Request pickup: 400 to 450, the courier gets a booking code"),
        parameters=[FS_ID],
        request=serializers.PickupBody,
        responses={**responses(schemas.PickupEnvelope, 404), 400: _STATE},
    )
    def post(self, request: Request, fs_id: str) -> Any:
        body = validated(serializers.PickupBody, self.json_body(request) or {})
        order = order_of_app(self.caller.app, order_id=body["order_id"])
        if order.shop.shop_id != body["shop_id"]:
            raise ApiError(404, ORDER_NOT_FOUND, f"Shop {body['shop_id']} has no order {body['order_id']}.")
        try:
            sandbox_order_pickup_request(order=order, actor=Actor.of_app(self.caller.app, request_id=self.request_id))
        except OrderStateError as error:
            raise ApiError(400, error.code, str(error)) from error
        return self.ok(
            {
                "order_id": order.order_id,
                "shop_id": order.shop.shop_id,
                "request_time": timezone.localtime().strftime("%Y-%m-%d %H:%M:%S"),
                "result": "Terima kasih telah melakukan pengiriman.",
            }
        )


class ShippingLabelView(_OrderStepView):
    operation = "shipping_label"

    @extend_schema(
        operation_id=operation,
        tags=["Order"],
        summary=gettext_noop("Get shipping label: an HTML page to print (from status 400)"),
        parameters=[ORDER_ID, FS_ID, serializers.LabelQuery],
        responses={
            (200, "text/html"): OpenApiResponse(str, description=gettext_noop("The label, as an HTML page.")),
            **{status: answer for status, answer in responses(schemas.ErrorEnvelope, 404).items() if status != 200},
            400: _STATE,
        },
    )
    def get(self, request: Request, order_id: str, fs_id: str) -> Any:
        query = validated(serializers.LabelQuery, request.query_params)
        order = self.step(
            order_id,
            lambda order: sandbox_order_label_print(order=order, printed=query["printed"] == 1, actor=self.actor),
        )
        html = render_to_string("openapi/shipping_label.html", {"order": order, "lines": order.items})
        return HttpResponse(html, content_type="text/html; charset=utf-8")


def order_of_app(app: App, *, order_id: int | None = None, invoice_num: str | None = None) -> SandboxOrder:
    if order_id is None and not invoice_num:
        raise ApiError(404, ORDER_NOT_FOUND, "Send order_id or invoice_num.")
    sandbox_shops_generate(shops=selectors.app_shops(app))
    order = sandbox_selectors.order_find(order_id=order_id, invoice_num=invoice_num)
    if order is None:
        raise ApiError(404, ORDER_NOT_FOUND, f"No order {order_id or invoice_num}.")
    if selectors.app_shop(app, order.shop.shop_id) is None:
        raise shop_forbidden(order.shop.shop_id)
    order.seen_by_fs_id = app.fs_id  # type: ignore[attr-defined]
    return order


def path_id(name: str, raw: str) -> int:
    if not raw.isascii() or not raw.isdigit() or len(raw) > 19 or not 1 <= int(raw) <= MAX_ID:
        raise ApiError(400, "INVALID_PARAMETER", f"{name}: A valid positive integer is required.")
    return int(raw)
