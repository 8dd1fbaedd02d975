"""Input validation (query and body) of the Open API. The shapes of the
answers, for the document, are in schemas.py; views answer plain dicts from
presenters.py, and the fuzz test (tests/test_schema_fuzz.py) checks they match."""

from __future__ import annotations

import re
from typing import Any

from django.core.validators import RegexValidator
from django.utils.translation import gettext_noop
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

MAX_ID = 2**63 - 1
MAX_INT = 2**31 - 1
MAX_TIMESTAMP = 32503680000  # year 3000: beyond it datetime.fromtimestamp overflows on some platforms
ORDER_RANGE_MAX = 3 * 24 * 3600
BATCH_MAX = 100  # rows per stock or price update, as Tokopedia's


def _id(**kwargs: Any) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


def _text(**kwargs: Any) -> serializers.CharField:
    """Text taken as sent (no trimming), without NUL characters, which the
    document says (a pattern) rather than refusing them unannounced."""
    return serializers.CharField(trim_whitespace=False, validators=[RegexValidator(NO_NUL)], **kwargs)


NO_NUL = r"^[^\x00]*$"


def _page() -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=10_000, default=1, help_text=gettext_noop("From 1."))


class ShopInfoQuery(serializers.Serializer):
    shop_id = _id(required=False, help_text=gettext_noop("One shop; omit for every shop linked to the app."))
    page = _page()
    per_page = serializers.IntegerField(min_value=1, max_value=100, default=100)


ID_LIST = r"^[1-9][0-9]{0,17}(,[1-9][0-9]{0,17}){0,49}$"


@extend_schema_field({"type": "string", "pattern": ID_LIST, "example": "15245228,15245978"})
class IdList(serializers.Field):
    """One id or several, comma-separated (`product_id=1,2`), at most 50."""

    def to_internal_value(self, data: Any) -> list[int]:
        if not isinstance(data, str) or not re.fullmatch(ID_LIST, data):
            raise serializers.ValidationError("Send 1 to 50 positive integer ids, separated by commas.")
        return [int(part) for part in data.split(",")]


class ProductInfoQuery(serializers.Serializer):
    product_id = IdList(required=False, help_text=gettext_noop("One or more product ids, comma-separated (up to 50)."))
    product_url = _text(required=False, max_length=500, help_text=gettext_noop("The product's marketplace URL."))
    sku = _text(required=False, max_length=50, help_text=gettext_noop("A SKU of one of the app's shops."))
    shop_id = _id(required=False, help_text=gettext_noop("The shop whose products to list, with page and per_page."))
    page = _page()
    per_page = serializers.IntegerField(min_value=1, max_value=50, default=10)


class OrderListQuery(serializers.Serializer):
    fs_id = _id(help_text=gettext_noop("The app's App ID."))
    from_date = serializers.IntegerField(
        min_value=0, max_value=MAX_TIMESTAMP, help_text=gettext_noop("Unix time, seconds.")
    )
    to_date = serializers.IntegerField(
        min_value=0, max_value=MAX_TIMESTAMP, help_text=gettext_noop("Unix time, from from_date to 3 days after it.")
    )
    page = _page()
    per_page = serializers.IntegerField(min_value=1, max_value=100, default=10, help_text=gettext_noop("At most 100."))
    shop_id = _id(required=False, help_text=gettext_noop("Only this shop's orders (instead of warehouse_id)."))
    warehouse_id = _id(required=False, help_text=gettext_noop("Only this warehouse's orders (instead of shop_id)."))
    status = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=999,
        help_text=gettext_noop("Only orders with this status code (e.g. 220)."),
    )


class OrderDetailQuery(serializers.Serializer):
    order_id = _id(required=False, help_text=gettext_noop("The order (or invoice_num)."))
    invoice_num = _text(
        required=False,
        max_length=64,
        help_text=gettext_noop("The invoice reference number, e.g. INV/20170720/XVII/VII/12472252."),
    )


class NackBody(serializers.Serializer):
    # Tokopedia's reasons: 0 reject shipping (after accepting), 1 out of
    # stock, 2 variant unavailable, 3 wrong price or weight, 4 shop closed
    # (with the closing date and note), 5 other, 7 courier problem, 8 buyer's request.
    reason_code = serializers.ChoiceField(choices=[0, 1, 2, 3, 4, 5, 7, 8])
    reason = _text(max_length=512, allow_blank=True, help_text=gettext_noop("Why (required for 0, 5, 7, 8)."))
    shop_close_end_date = _text(
        required=False,
        allow_blank=True,
        max_length=10,
        help_text=gettext_noop("DD/MM/YYYY; required with reason_code 4."),
    )
    shop_close_note = _text(
        required=False, allow_blank=True, max_length=512, help_text=gettext_noop("Required with reason_code 4.")
    )
    empty_products = serializers.ListField(
        child=_id(), required=False, max_length=100, help_text=gettext_noop("Product ids out of stock.")
    )


class ShippingBody(serializers.Serializer):
    order_status = serializers.ChoiceField(choices=[500], help_text=gettext_noop("500: shipped."))
    shipping_ref_num = _text(min_length=1, max_length=100, help_text=gettext_noop("The AWB (nomor resi)."))


class PickupBody(serializers.Serializer):
    order_id = _id()
    shop_id = _id()


class RejectCancelQuery(serializers.Serializer):
    shop_id = _id(help_text=gettext_noop("The order's shop."))


class LabelQuery(serializers.Serializer):
    printed = serializers.ChoiceField(
        choices=[0, 1], default=1, help_text=gettext_noop("1 marks the order's label as printed.")
    )


class ShopQuery(serializers.Serializer):
    shop_id = _id(help_text=gettext_noop("The shop whose products to update."))
    warehouse_id = _id(required=False)
    bypass_update_product_status = serializers.BooleanField(required=False, default=False)


class _Row(serializers.Serializer):
    sku = _text(required=False, max_length=50, allow_blank=True, help_text=gettext_noop("Preferred over product_id."))
    product_id = _id(required=False)


class StockRow(_Row):
    new_stock = serializers.IntegerField(min_value=0, max_value=MAX_INT)


class PriceRow(_Row):
    new_price = serializers.IntegerField(
        min_value=100, max_value=MAX_INT, help_text=gettext_noop("Rupiah, at least 100.")
    )


def rows_of(row: type[serializers.Serializer]) -> serializers.ListSerializer:
    return serializers.ListSerializer(child=row(), min_length=1, max_length=BATCH_MAX)


class TokenResponse(serializers.Serializer):
    access_token = serializers.CharField()
    expires_in = serializers.IntegerField(help_text=gettext_noop("Seconds"))
    token_type = serializers.CharField(help_text='"Bearer"')


class OAuthError(serializers.Serializer):
    error = serializers.CharField(help_text="invalid_client, invalid_request, unsupported_grant_type, ...")
    error_description = serializers.CharField(required=False)


class TokenRequest(serializers.Serializer):
    grant_type = serializers.ChoiceField(choices=["client_credentials"])
    client_id = serializers.CharField(required=False, help_text=gettext_noop("Instead of Basic auth (RFC 6749 2.3.1)."))
    client_secret = serializers.CharField(required=False)
    scope = serializers.CharField(required=False)


class IntrospectionRequest(serializers.Serializer):
    token = serializers.CharField()
    token_type_hint = serializers.CharField(required=False)


class IntrospectionResponse(serializers.Serializer):
    active = serializers.BooleanField()
    client_id = serializers.CharField(required=False)
    exp = serializers.IntegerField(required=False)
    iat = serializers.IntegerField(required=False)
    token_type = serializers.CharField(required=False)
    fs_id = serializers.IntegerField(required=False)
    scope = serializers.CharField(required=False)
