"""Input validation (query and body) and, for the OpenAPI document, the
shapes of the responses. Responses are built as plain dicts in views.py for
speed; the fuzz test (tests/test_schema_fuzz.py) checks they match these."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

MAX_ID = 2**63 - 1
MAX_TIMESTAMP = 32503680000  # year 3000: beyond it datetime.fromtimestamp overflows on some platforms
ORDER_RANGE_MAX = 3 * 24 * 3600


def _id(**kwargs: Any) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


# --- Input ---------------------------------------------------------------


class ShopInfoQuery(serializers.Serializer):
    shop_id = _id(required=False, help_text="One shop; omit for every shop linked to the app.")


class ProductInfoQuery(serializers.Serializer):
    product_id = _id(required=False, help_text="One product (instead of shop_id).")
    shop_id = _id(required=False, help_text="The shop whose products to list (instead of product_id).")
    page = serializers.IntegerField(min_value=1, max_value=10_000, default=1)
    per_page = serializers.IntegerField(min_value=1, max_value=50, default=10)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if ("product_id" in attrs) == ("shop_id" in attrs):
            raise serializers.ValidationError({"shop_id": "Send either shop_id (with page, per_page) or product_id."})
        return attrs


class OrderListQuery(serializers.Serializer):
    fs_id = _id(help_text="The app's App ID.")
    from_date = serializers.IntegerField(min_value=0, max_value=MAX_TIMESTAMP, help_text="Unix time, seconds.")
    to_date = serializers.IntegerField(min_value=0, max_value=MAX_TIMESTAMP, help_text="Unix time, at most 3 days on.")
    page = serializers.IntegerField(min_value=1, max_value=10_000, default=1)
    per_page = serializers.IntegerField(min_value=1, max_value=100, default=10)
    shop_id = _id(required=False, help_text="Only this shop's orders.")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["to_date"] < attrs["from_date"]:
            raise serializers.ValidationError({"to_date": "Must not be before from_date."})
        return attrs


class OrderDetailQuery(serializers.Serializer):
    order_id = _id()


class NackBody(serializers.Serializer):
    # Tokopedia's reasons: 1 out of stock, 2 variant unavailable, 3 wrong price
    # or weight, 4 shop closed, 5 other (reason required), 7 courier problem,
    # 8 buyer's request.
    reason_code = serializers.ChoiceField(choices=[1, 2, 3, 4, 5, 7, 8])
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["reason_code"] == 5 and not attrs["reason"].strip():
            raise serializers.ValidationError({"reason": "Required when reason_code is 5 (other)."})
        return attrs


# --- Output (documentation) ----------------------------------------------


class Header(serializers.Serializer):
    process_time = serializers.FloatField(help_text="Seconds spent serving the call.")
    messages = serializers.CharField()
    reason = serializers.CharField(allow_blank=True, help_text="What went wrong, field by field; empty on success.")
    error_code = serializers.CharField(allow_blank=True, help_text="e.g. RBAC_MDLW_001; empty on success.")


def envelope_of(name: str, data: serializers.Field) -> type[serializers.Serializer]:
    # Built with type(): a field named `data` would clash with Serializer.data for mypy.
    return type(name, (serializers.Serializer,), {"header": Header(), "data": data})


ErrorEnvelope = envelope_of("ErrorEnvelope", serializers.JSONField(allow_null=True, help_text="null on errors"))


class ShopInfo(serializers.Serializer):
    shop_id = serializers.IntegerField()
    user_id = serializers.IntegerField(help_text="The shop owner's user id.")
    shop_name = serializers.CharField()
    logo = serializers.CharField()
    shop_url = serializers.CharField()
    is_open = serializers.IntegerField(help_text="1 open, 0 not.")
    status = serializers.IntegerField(help_text="1 open, 2 closed, 3 moderated, 0 inactive.")
    date_shop_created = serializers.CharField(help_text="YYYY-MM-DD")
    domain = serializers.CharField()


class ProductBasic(serializers.Serializer):
    productID = serializers.IntegerField()
    shopID = serializers.IntegerField()
    status = serializers.IntegerField()
    name = serializers.CharField()
    condition = serializers.IntegerField()
    childCategoryID = serializers.IntegerField()
    createTimeUnix = serializers.IntegerField()


class ProductPrice(serializers.Serializer):
    value = serializers.IntegerField()
    currency = serializers.IntegerField(help_text="1 = IDR")
    idr = serializers.IntegerField()


class ProductWeight(serializers.Serializer):
    value = serializers.IntegerField()
    unit = serializers.IntegerField(help_text="1 = gram")


class ProductStock(serializers.Serializer):
    useStock = serializers.BooleanField()
    value = serializers.IntegerField()


class ProductOther(serializers.Serializer):
    sku = serializers.CharField()
    url = serializers.CharField()


class Product(serializers.Serializer):
    basic = ProductBasic()
    price = ProductPrice()
    weight = ProductWeight()
    stock = ProductStock()
    other = ProductOther()


class OrderLine(serializers.Serializer):
    product_id = serializers.IntegerField()
    product_name = serializers.CharField()
    sku = serializers.CharField()
    quantity = serializers.IntegerField()
    product_price = serializers.IntegerField()
    weight = serializers.IntegerField()


class OrderBuyer(serializers.Serializer):
    buyer_id = serializers.IntegerField()
    buyer_fullname = serializers.CharField()
    buyer_email = serializers.CharField()
    buyer_phone = serializers.CharField()


class OrderShop(serializers.Serializer):
    shop_id = serializers.IntegerField()
    shop_name = serializers.CharField()
    shop_domain = serializers.CharField()
    shop_owner_id = serializers.IntegerField()


class Order(serializers.Serializer):
    order_id = serializers.IntegerField()
    invoice_number = serializers.CharField()
    order_status = serializers.IntegerField(
        help_text="Tokopedia's codes: 220 paid (to ack), 400 accepted, 10 refused..."
    )
    buyer_id = serializers.IntegerField()
    seller_id = serializers.IntegerField()
    shop_id = serializers.IntegerField()
    item_price = serializers.IntegerField()
    shipping_price = serializers.IntegerField()
    open_amt = serializers.IntegerField(help_text="Total the buyer paid.")
    logistic_service = serializers.CharField()
    create_time = serializers.IntegerField(help_text="Unix time")
    update_time = serializers.IntegerField(help_text="Unix time")
    buyer_info = OrderBuyer()
    shop_info = OrderShop()
    products = OrderLine(many=True)
    destination = serializers.DictField(child=serializers.CharField())


class Whitelist(serializers.Serializer):
    fs_id = serializers.IntegerField()
    ip_whitelisted = serializers.ListField(child=serializers.CharField(), help_text="Addresses and CIDR ranges.")


ShopInfoEnvelope = envelope_of("ShopInfoEnvelope", ShopInfo(many=True))
ProductEnvelope = envelope_of("ProductEnvelope", Product(many=True))
OrderListEnvelope = envelope_of("OrderListEnvelope", Order(many=True))
OrderEnvelope = envelope_of("OrderEnvelope", Order())
ActionEnvelope = envelope_of("ActionEnvelope", serializers.CharField(help_text='"success"'))
WhitelistEnvelope = envelope_of("WhitelistEnvelope", Whitelist())


class TokenResponse(serializers.Serializer):
    access_token = serializers.CharField()
    expires_in = serializers.IntegerField(help_text="Seconds")
    token_type = serializers.CharField(help_text='"Bearer"')


class OAuthError(serializers.Serializer):
    error = serializers.CharField(help_text="invalid_client, invalid_request, unsupported_grant_type, ...")
    error_description = serializers.CharField(required=False)


class TokenRequest(serializers.Serializer):
    grant_type = serializers.ChoiceField(choices=["client_credentials"])
    client_id = serializers.CharField(required=False, help_text="Instead of Basic auth (RFC 6749 2.3.1).")
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
