"""The Open API's routes, at the root paths Tokopedia's clients expect."""

from __future__ import annotations

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

from . import order_views, reference_views, token_views, views, webhook_views
from .api import not_found

ORDER = "v1/order/<str:order_id>/fs/<str:fs_id>"

urlpatterns = [
    path("token", token_views.TokenView.as_view(), name="openapi_token"),
    path("token/", token_views.TokenSlashView.as_view()),
    path("token/introspect", token_views.IntrospectView.as_view(), name="openapi_introspect"),
    path("v1/shop/fs/<str:fs_id>/shop-info", views.ShopInfoView.as_view(), name="openapi_shop_info"),
    path("inventory/v1/fs/<str:fs_id>/product/info", views.ProductInfoView.as_view(), name="openapi_product_info"),
    path("inventory/v1/fs/<str:fs_id>/stock/update", views.StockUpdateView.as_view(), name="openapi_stock_update"),
    path("inventory/v1/fs/<str:fs_id>/price/update", views.PriceUpdateView.as_view(), name="openapi_price_update"),
    path("inventory/v1/fs/<str:fs_id>/pick-up", order_views.PickupView.as_view(), name="openapi_pickup"),
    path("v2/order/list", order_views.OrderListView.as_view(), name="openapi_order_list"),
    path("v2/fs/<str:fs_id>/order", order_views.OrderDetailView.as_view(), name="openapi_order_detail"),
    path(f"{ORDER}/ack", order_views.OrderAckView.as_view(), name="openapi_order_ack"),
    path(f"{ORDER}/nack", order_views.OrderNackView.as_view(), name="openapi_order_nack"),
    path(f"{ORDER}/status", order_views.OrderStatusView.as_view(), name="openapi_order_status"),
    path(f"{ORDER}/reject-cancel", order_views.RejectCancelView.as_view(), name="openapi_reject_cancel"),
    path(f"{ORDER}/shipping-label", order_views.ShippingLabelView.as_view(), name="openapi_shipping_label"),
    path("v1/fs/<str:fs_id>/whitelist", views.WhitelistView.as_view(), name="openapi_whitelist"),
    path("v1/fs/<str:fs_id>/register", webhook_views.WebhookRegisterView.as_view(), name="openapi_webhook_register"),
    path("v1/fs/<str:fs_id>/trigger", webhook_views.WebhookTriggerView.as_view(), name="openapi_webhook_trigger"),
    path("v1/fs/<str:fs_id>", webhook_views.WebhookListView.as_view(), name="openapi_webhook_list"),
    path(
        "v1/order/<str:order_id>/fs/<str:fs_id>/webhook",
        webhook_views.WebhookPayloadView.as_view(),
        name="openapi_webhook_payload",
    ),
    path("openapi/schema.yaml", SpectacularAPIView.as_view(), name="openapi_schema"),
    path("openapi/docs/", reference_views.api_reference, name="openapi_docs"),
    path("bench/bare", token_views.bench_bare, name="openapi_bench_bare"),
    # Anything else under the Open API's prefixes: a 404 in the envelope.
    re_path(r"^(?:v\d+|inventory|fulfillment|token)/", not_found),
]
