"""The Open API sandbox's endpoints, on Tokopedia's paths (see docs/openapi.md)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.request import Request

from apps_mgmt.models import App
from console.lib.errors import DomainError

from . import presenters, selectors, serializers
from .api import ApiError, OpenApiView, shop_forbidden, validated
from .models import SandboxOrder
from .sandbox import sandbox_shops_generate
from .services import sandbox_order_ack, sandbox_order_nack

FS_ID = OpenApiParameter("fs_id", int, OpenApiParameter.PATH, description="The app's App ID.")
ORDER_ID = OpenApiParameter("order_id", int, OpenApiParameter.PATH)
_ERRORS = {
    400: OpenApiResponse(serializers.ErrorEnvelope, description="Bad parameter; `reason` names the field."),
    401: OpenApiResponse(
        serializers.ErrorEnvelope, description="Missing, unknown, expired or revoked token, or another app's fs_id."
    ),
    403: OpenApiResponse(
        serializers.ErrorEnvelope, description="`RBAC_MDLW_001`: shop not linked to the app; or IP not whitelisted."
    ),
    429: OpenApiResponse(
        serializers.ErrorEnvelope, description="Over the app's rate limit; see X-Ratelimit-* headers."
    ),
}


def _responses(ok: Any, *extra: int) -> dict[int, Any]:
    responses = {200: ok, **_ERRORS}
    for status in extra:
        responses[status] = OpenApiResponse(serializers.ErrorEnvelope, description="Not found or not allowed now.")
    return responses


class ShopInfoView(OpenApiView):
    shop_id_in_query = True

    @extend_schema(
        operation_id="shop_info",
        tags=["Shop"],
        summary="Shops linked to the app",
        parameters=[FS_ID, serializers.ShopInfoQuery],
        responses=_responses(serializers.ShopInfoEnvelope),
    )
    def get(self, request: Request, fs_id: str) -> Any:
        query = validated(serializers.ShopInfoQuery, request.query_params)
        app = self.caller.app
        if "shop_id" in query:
            shop = self.linked_shop(query["shop_id"])
            if shop is None:
                raise shop_forbidden(query["shop_id"])
            shops = [shop]
        else:
            shops = list(selectors.app_shops(app))
        return self.ok([presenters.shop_info(shop) for shop in shops])


class ProductInfoView(OpenApiView):
    shop_id_in_query = True

    @extend_schema(
        operation_id="product_info",
        tags=["Product"],
        summary="A shop's products, or one product",
        parameters=[FS_ID, serializers.ProductInfoQuery],
        responses=_responses(serializers.ProductEnvelope, 404),
    )
    def get(self, request: Request, fs_id: str) -> Any:
        query = validated(serializers.ProductInfoQuery, request.query_params)
        app = self.caller.app
        if "shop_id" in query:
            shop = self.linked_shop(query["shop_id"])
            if shop is None:
                raise shop_forbidden(query["shop_id"])
            sandbox_shops_generate(shops=[shop])
            rows = selectors.products_page(shop, page=query["page"], per_page=query["per_page"])
            return self.ok([presenters.product(row) for row in rows])
        sandbox_shops_generate(shops=selectors.app_shops(app))
        row = selectors.product_find(query["product_id"])
        if row is None:
            raise ApiError(404, "PRODUCT_NOT_FOUND", f"No product {query['product_id']}.")
        if selectors.app_shop(app, row.shop.shop_id) is None:
            raise shop_forbidden(row.shop.shop_id)
        return self.ok([presenters.product(row)])


class OrderListView(OpenApiView):
    fs_id_from_query = True
    shop_id_in_query = True

    @extend_schema(
        operation_id="order_list",
        tags=["Order"],
        summary="Orders created in a time range (at most 3 days)",
        parameters=[serializers.OrderListQuery],
        responses=_responses(serializers.OrderListEnvelope),
    )
    def get(self, request: Request) -> Any:
        query = validated(serializers.OrderListQuery, request.query_params)
        if query["to_date"] - query["from_date"] > serializers.ORDER_RANGE_MAX:
            raise ApiError(400, "ORD_DLV_013", "to_date: The range from from_date to to_date is at most 3 days.")
        app = self.caller.app
        if "shop_id" in query:
            shop = self.linked_shop(query["shop_id"])
            if shop is None:
                raise shop_forbidden(query["shop_id"])
            shops = [shop]
        else:
            shops = list(selectors.app_shops(app))
        sandbox_shops_generate(shops=shops)
        rows = selectors.orders_page(
            shops, from_ts=query["from_date"], to_ts=query["to_date"], page=query["page"], per_page=query["per_page"]
        )
        return self.ok([presenters.order(row) for row in rows])


class OrderDetailView(OpenApiView):
    @extend_schema(
        operation_id="order_detail",
        tags=["Order"],
        summary="One order",
        parameters=[FS_ID, serializers.OrderDetailQuery],
        responses=_responses(serializers.OrderEnvelope, 404),
    )
    def get(self, request: Request, fs_id: str) -> Any:
        query = validated(serializers.OrderDetailQuery, request.query_params)
        return self.ok(presenters.order(_order_of_app(self.caller.app, query["order_id"])))


class OrderAckView(OpenApiView):
    @extend_schema(
        operation_id="order_ack",
        tags=["Order"],
        summary="Accept an order waiting for the seller (status 220 to 400)",
        parameters=[ORDER_ID, FS_ID],
        request=None,
        responses=_responses(serializers.ActionEnvelope, 404),
    )
    def post(self, request: Request, order_id: str, fs_id: str) -> Any:
        order = _order_of_app(self.caller.app, _path_id("order_id", order_id))
        try:
            sandbox_order_ack(app=self.caller.app, order=order)
        except DomainError as error:
            raise ApiError(400, "ORDER_STATUS_INVALID", str(error)) from error
        return self.ok("success")


class OrderNackView(OpenApiView):
    @extend_schema(
        operation_id="order_nack",
        tags=["Order"],
        summary="Refuse an order waiting for the seller (status 220 to 10)",
        parameters=[ORDER_ID, FS_ID],
        request=serializers.NackBody,
        responses=_responses(serializers.ActionEnvelope, 404),
    )
    def post(self, request: Request, order_id: str, fs_id: str) -> Any:
        order_number = _path_id("order_id", order_id)
        body = validated(serializers.NackBody, request.data)
        order = _order_of_app(self.caller.app, order_number)
        try:
            sandbox_order_nack(app=self.caller.app, order=order, reason_code=body["reason_code"], reason=body["reason"])
        except DomainError as error:
            raise ApiError(400, "ORDER_STATUS_INVALID", str(error)) from error
        return self.ok("success")


class WhitelistView(OpenApiView):
    @extend_schema(
        operation_id="ip_whitelist",
        tags=["App"],
        summary="The app's IP whitelist",
        parameters=[FS_ID],
        responses=_responses(serializers.WhitelistEnvelope),
    )
    def get(self, request: Request, fs_id: str) -> Any:
        app = self.caller.app
        return self.ok({"fs_id": app.fs_id, "ip_whitelisted": [str(entry) for entry in app.ip_whitelist]})


def _order_of_app(app: App, order_id: int) -> SandboxOrder:
    sandbox_shops_generate(shops=selectors.app_shops(app))
    order = selectors.order_find(order_id)
    if order is None:
        raise ApiError(404, "ORDER_NOT_FOUND", f"No order {order_id}.")
    if selectors.app_shop(app, order.shop.shop_id) is None:
        raise shop_forbidden(order.shop.shop_id)
    return order


def _path_id(name: str, raw: str) -> int:
    if not raw.isascii() or not raw.isdigit() or len(raw) > 18 or int(raw) < 1:
        raise ApiError(400, "INVALID_PARAMETER", f"{name}: A valid positive integer is required.")
    return int(raw)
