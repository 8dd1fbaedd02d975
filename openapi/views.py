"""The Open API's shop, product and app endpoints on Tokopedia's paths (orders: order_views.py)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_noop
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions
from rest_framework.request import Request

from sandbox import selectors as sandbox_selectors
from sandbox.data import sandbox_shops_generate
from sandbox.models import SandboxProduct
from sandbox.services import Actor, sandbox_product_price_update, sandbox_product_stock_update
from shops.models import Shop

from . import presenters, schemas, selectors, serializers
from .api import ApiError, OpenApiView, field_errors, shop_forbidden, validated

POSITIVE_ID = {"type": "integer", "format": "int64", "minimum": 1, "maximum": serializers.MAX_ID}
FS_ID = OpenApiParameter(
    "fs_id", POSITIVE_ID, OpenApiParameter.PATH, description=gettext_noop("The app's App ID (fs_id).")
)
_ERRORS = {
    400: OpenApiResponse(schemas.ErrorEnvelope, description=gettext_noop("Bad parameter; `reason` names the field.")),
    401: OpenApiResponse(
        schemas.ErrorEnvelope,
        description=gettext_noop("Missing, unknown, expired or revoked token, or another app's fs_id."),
    ),
    403: OpenApiResponse(
        schemas.ErrorEnvelope,
        description=gettext_noop("`RBAC_MDLW_001`: shop not linked to the app; or IP not whitelisted."),
    ),
    429: OpenApiResponse(
        schemas.ErrorEnvelope,
        description=gettext_noop("Over the endpoint's rate limit; see the X-Ratelimit-* headers."),
    ),
}


def responses(ok: Any, *extra: int) -> dict[int, Any]:
    answers = {200: ok, **_ERRORS}
    for status in extra:
        answers[status] = OpenApiResponse(schemas.ErrorEnvelope, description=gettext_noop("Not found."))
    return answers


class ShopInfoView(OpenApiView):
    operation = "shop_info"
    shop_id_in_query = True

    @extend_schema(
        operation_id=operation,
        tags=["Shop"],
        summary=gettext_noop("Get shop info: the shops linked to the app"),
        parameters=[FS_ID, serializers.ShopInfoQuery],
        responses=responses(schemas.ShopInfoEnvelope),
    )
    def get(self, request: Request, fs_id: str) -> Any:
        query = validated(serializers.ShopInfoQuery, request.query_params)
        if "shop_id" in query:
            shop = self.linked_shop(query["shop_id"])
            if shop is None:
                raise shop_forbidden(query["shop_id"])
            shops = [shop] if query["page"] == 1 else []
        else:
            start = (query["page"] - 1) * query["per_page"]
            shops = list(selectors.app_shops(self.caller.app)[start : start + query["per_page"]])
        return self.ok([presenters.shop_info(shop) for shop in shops])


class ProductInfoView(OpenApiView):
    operation = "product_info"
    shop_id_in_query = True

    @extend_schema(
        operation_id=operation,
        tags=["Product"],
        summary=gettext_noop("Get product info: by product_id (one or several), product_url, sku, or a shop's page"),
        description=gettext_noop(
            "One way at a time; when several are sent the first of product_id, product_url, sku, shop_id wins. "
            "With none, the products of the app's shops are listed page by page."
        ),
        parameters=[FS_ID, serializers.ProductInfoQuery],
        responses=responses(schemas.ProductEnvelope, 404),
    )
    def get(self, request: Request, fs_id: str) -> Any:
        query = validated(serializers.ProductInfoQuery, request.query_params)
        app = self.caller.app
        if "product_id" in query or "product_url" in query:
            sandbox_shops_generate(shops=selectors.app_shops(app))
            if "product_id" in query:
                rows = sandbox_selectors.products_by_id(query["product_id"])
            else:
                found = sandbox_selectors.product_by_url(query["product_url"])
                rows = [found] if found else []
            return self.ok(self._visible(rows))
        if "sku" in query:
            shops = list(selectors.app_shops(app))
            sandbox_shops_generate(shops=shops)
            return self.ok(self._visible(sandbox_selectors.products_by_sku(shops, query["sku"])))
        shop = self._shop(query.get("shop_id"))
        sandbox_shops_generate(shops=[shop] if shop else [])
        rows = sandbox_selectors.products_page(shop, page=query["page"], per_page=query["per_page"]) if shop else []
        return self.ok([presenters.product(row) for row in rows])

    def _shop(self, shop_id: int | None) -> Shop | None:
        if shop_id is None:
            return selectors.app_shops(self.caller.app).first()
        shop = self.linked_shop(shop_id)
        if shop is None:
            raise shop_forbidden(shop_id)
        return shop

    def _visible(self, rows: list[SandboxProduct]) -> list[dict[str, Any]]:
        if not rows:
            raise ApiError(404, "PRODUCT_NOT_FOUND", "No such product in the app's shops.")
        for row in rows:
            if self.linked_shop(row.shop.shop_id) is None:
                raise shop_forbidden(row.shop.shop_id)
        return [presenters.product(row) for row in rows]


class _BatchUpdateView(OpenApiView):
    # POST a JSON array of rows for one shop (?shop_id=); answer Tokopedia's per-row results.
    # (A comment, not a docstring: drf-spectacular would publish a docstring as each update's description.)

    row_serializer: type[Any]

    def post(self, request: Request, fs_id: str) -> Any:
        query = validated(serializers.ShopQuery, request.query_params)
        body = self.json_body(request)
        rows = validated_rows(self.row_serializer, body)
        shop = self.linked_shop(query["shop_id"])
        if shop is None:
            raise shop_forbidden(query["shop_id"])
        sandbox_shops_generate(shops=[shop])
        result = self.update(shop, rows)
        return self.ok(
            {
                "failed_rows": result.failed_rows,
                "failed_rows_data": result.failed_rows_data,
                "succeed_rows": result.succeed_rows,
            }
        )

    def update(self, shop: Shop, rows: list[dict[str, Any]]) -> Any:
        raise NotImplementedError


def validated_rows(row: type[Any], body: Any) -> list[dict[str, Any]]:
    if not isinstance(body, list):
        raise ApiError(400, "INVALID_PARAMETER", "body: Send a JSON array of rows.")
    return [dict(item) for item in validated_list(row, body)]


def validated_list(row: type[Any], body: list[Any]) -> list[Any]:
    try:
        return list(serializers.rows_of(row).run_validation(body))
    except exceptions.ValidationError as error:
        raise ApiError(400, "INVALID_PARAMETER", "; ".join(field_errors(error.detail))) from None


class StockUpdateView(_BatchUpdateView):
    operation = "stock_update"
    row_serializer = serializers.StockRow

    @extend_schema(
        operation_id=operation,
        tags=["Product"],
        summary=gettext_noop("Update stock, by SKU or product_id, up to 100 rows"),
        parameters=[FS_ID, serializers.ShopQuery],
        request=serializers.rows_of(serializers.StockRow),
        responses=responses(schemas.StockUpdateEnvelope),
    )
    def post(self, request: Request, fs_id: str) -> Any:
        return super().post(request, fs_id)

    def update(self, shop: Shop, rows: list[dict[str, Any]]) -> Any:
        return sandbox_product_stock_update(shop=shop, rows=rows, actor=Actor.of_app(self.caller.app))


class PriceUpdateView(_BatchUpdateView):
    operation = "price_update"
    row_serializer = serializers.PriceRow

    @extend_schema(
        operation_id=operation,
        tags=["Product"],
        summary=gettext_noop("Update price, by SKU or product_id, up to 100 rows"),
        parameters=[FS_ID, serializers.ShopQuery],
        request=serializers.rows_of(serializers.PriceRow),
        responses=responses(schemas.PriceUpdateEnvelope),
    )
    def post(self, request: Request, fs_id: str) -> Any:
        return super().post(request, fs_id)

    def update(self, shop: Shop, rows: list[dict[str, Any]]) -> Any:
        return sandbox_product_price_update(shop=shop, rows=rows, actor=Actor.of_app(self.caller.app))


class WhitelistView(OpenApiView):
    operation = "ip_whitelist"

    @extend_schema(
        operation_id=operation,
        tags=["App"],
        summary=gettext_noop("Get IP whitelist: the addresses the app's calls may come from"),
        parameters=[FS_ID],
        responses=responses(schemas.WhitelistEnvelope),
    )
    def get(self, request: Request, fs_id: str) -> Any:
        app = self.caller.app
        return self.ok({"fs_id": app.fs_id, "ip_whitelisted": [str(entry) for entry in app.ip_whitelist]})
