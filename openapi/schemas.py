"""The shapes of the Open API's answers, for the OpenAPI document: field for
field what presenters.py and single_order.py send, as Tokopedia's
documentation shows them (docs/openapi.md, compatibility table). The fuzz
test checks every answer against them."""

from __future__ import annotations

from django.utils.translation import gettext_noop
from rest_framework import serializers

from .order_schemas import SingleOrder
from .schema_fields import B, Empty, F, I, Ints, S, envelope_of, obj, warehouse_fields
from .schema_fields import ErrorEnvelope as ErrorEnvelope

# --- Shop info ---------------------------------------------------------------

NullInt = obj("NullInt64", Int64=I(), Valid=B())
ShopWarehouse = obj(
    "ShopWarehouse",
    warehouse_id=I(),
    partner_id=NullInt(),
    shop_id=NullInt(),
    **warehouse_fields(),
    phone=S(),
)
ShopInfo = obj(
    "ShopInfo",
    shop_id=I(),
    user_id=I(help_text=gettext_noop("The shop owner's user id.")),
    shop_name=S(),
    logo=S(),
    shop_url=S(),
    is_open=I(help_text=gettext_noop("1 open, 0 closed.")),
    status=I(help_text=gettext_noop("1 open, 2 closed, 3 moderated, 0 inactive.")),
    date_shop_created=S(help_text="YYYY-MM-DD"),
    domain=S(),
    admin_id=Ints(),
    reason=S(help_text=gettext_noop("Why the shop is closed; empty when open.")),
    district_id=I(),
    province_name=S(),
    warehouses=ShopWarehouse(many=True),
    subscribe_tokocabang=B(),
    is_mitra=B(),
)

# --- Product info ------------------------------------------------------------

Price = obj("ProductPrice", value=I(), currency=I(help_text="1 = IDR"), LastUpdateUnix=I(), idr=I())
Product = obj(
    "Product",
    basic=obj(
        "ProductBasic",
        productID=I(),
        shopID=I(),
        status=I(help_text=gettext_noop("1 active, 3 in warehouse")),
        Name=S(),
        condition=I(help_text=gettext_noop("1 new, 2 used")),
        childCategoryID=I(),
        shortDesc=S(),
    )(),
    price=Price(),
    weight=obj("ProductWeight", value=I(), unit=I(help_text="1 = gram"))(),
    stock=obj("ProductStock", value=I(), stockWording=S())(),
    main_stock=I(help_text=gettext_noop("Stock not reserved")),
    reserve_stock=I(help_text=gettext_noop("Stock reserved (e.g. flash sale)")),
    variant=obj("ProductVariant", isParent=B(), isVariant=B(), childrenID=Ints())(),
    menu=obj("ProductMenu", id=I(), Name=S())(),
    preorder=Empty("ProductPreorder"),
    extraAttribute=obj("ProductExtraAttribute", minOrder=I(), lastUpdateCategory=I(), isEligibleCOD=B())(),
    wholesale=obj("ProductWholesale", minQuantity=I(), maxQuantity=I(), price=Price())(many=True),
    categoryTree=obj("ProductCategory", id=I(), Name=S(), title=S(), breadcrumbURL=S())(many=True),
    pictures=obj(
        "ProductPicture",
        picID=I(),
        fileName=S(),
        filePath=S(),
        status=I(),
        OriginalURL=S(),
        ThumbnailURL=S(),
        width=I(),
        height=I(),
        URL300=S(),
    )(many=True),
    GMStats=obj("ProductGMStats", transactionSuccess=I(), transactionReject=I(), countSold=I())(),
    stats=obj("ProductStats", countView=I())(),
    other=obj("ProductOther", sku=S(), url=S(), mobileURL=S())(),
    campaign=obj("ProductCampaign", StartDate=S(), EndDate=S())(),
    volume=obj("ProductVolume", length=I(), width=I(), height=I())(),
    warehouses=obj(
        "ProductWarehouse",
        productID=I(),
        warehouseID=I(),
        price=Price(),
        stock=obj("ProductWarehouseStock", useStock=B(), value=I())(),
    )(many=True),
)

# --- Order list --------------------------------------------------------------

OrderListItem = obj(
    "OrderListItem",
    fs_id=S(help_text=gettext_noop("The app's fs_id, as a string.")),
    order_id=I(),
    is_cod_mitra=B(),
    accept_partial=B(),
    invoice_ref_num=S(),
    have_product_bundle=B(),
    products=obj(
        "OrderProduct",
        id=I(),
        name=S(),
        quantity=I(),
        notes=S(),
        weight=F(help_text="kg"),
        total_weight=F(help_text="kg"),
        price=I(),
        total_price=I(),
        currency=S(),
        sku=S(),
        is_wholesale=B(),
    )(many=True),
    products_fulfilled=obj("ProductFulfilled", product_id=I(), quantity_deliver=I(), quantity_reject=I())(many=True),
    bundle_detail=obj(
        "BundleDetail",
        bundle=serializers.ListField(child=serializers.DictField()),
        non_bundle=serializers.ListField(child=serializers.DictField()),
        total_product=I(),
    )(),
    device_type=S(),
    buyer=obj("OrderBuyer", id=I(), name=S(), phone=S(), email=S())(),
    shop_id=I(),
    payment_id=I(),
    recipient=obj(
        "OrderRecipient",
        name=S(),
        phone=S(),
        address=obj(
            "OrderAddress",
            address_full=S(),
            district=S(),
            city=S(),
            province=S(),
            country=S(),
            postal_code=S(),
            district_id=I(),
            city_id=I(),
            province_id=I(),
            geo=S(),
        )(),
    )(),
    logistics=obj(
        "OrderLogistics",
        shipping_id=I(),
        district_id=I(),
        city_id=I(),
        province_id=I(),
        geo=S(),
        shipping_agency=S(),
        service_type=S(),
    )(),
    amt=obj(
        "OrderAmount",
        ttl_product_price=I(),
        shipping_cost=I(),
        insurance_cost=I(),
        ttl_amount=I(help_text="ttl_product_price + shipping_cost + insurance_cost"),
        voucher_amount=I(),
        toppoints_amount=I(),
    )(),
    dropshipper_info=Empty("DropshipperInfo"),
    voucher_info=obj("VoucherInfo", voucher_code=S(), voucher_type=I())(),
    order_status=I(
        help_text=gettext_noop("Tokopedia's status code: 220 paid, 400 accepted, 450 waiting pickup, 500 shipped...")
    ),
    warehouse_id=I(),
    fulfill_by=I(),
    create_time=I(help_text=gettext_noop("Unix time")),
    custom_fields=obj("OrderCustomFields", awb=S())(),
    promo_order_detail=obj(
        "PromoOrderDetail",
        order_id=I(),
        total_cashback=I(),
        total_discount=I(),
        total_discount_product=I(),
        total_discount_shipping=I(),
        total_discount_details=serializers.ListField(child=serializers.DictField()),
        summary_promo=serializers.ListField(child=serializers.DictField()),
    )(),
)

ShopInfoEnvelope = envelope_of("ShopInfoEnvelope", ShopInfo(many=True))
ProductEnvelope = envelope_of("ProductEnvelope", Product(many=True))
OrderListEnvelope = envelope_of("OrderListEnvelope", OrderListItem(many=True))
OrderEnvelope = envelope_of("OrderEnvelope", SingleOrder())
ActionEnvelope = envelope_of("ActionEnvelope", S(help_text='"success"'))
WhitelistEnvelope = envelope_of(
    "WhitelistEnvelope",
    obj(
        "Whitelist",
        fs_id=I(),
        ip_whitelisted=serializers.ListField(child=S(), help_text=gettext_noop("Addresses and ranges")),
    )(),
)
SuccessEnvelope = envelope_of("SuccessEnvelope", obj("Success", success=serializers.BooleanField())())
PickupEnvelope = envelope_of("PickupEnvelope", obj("Pickup", order_id=I(), shop_id=I(), request_time=S(), result=S())())


def _failed(name: str, value_key: str) -> serializers.Serializer:
    fields = {"product_id": I(), "sku": S(), "product_url": S(), value_key: I(), "message": S()}
    return obj(name, **fields)(many=True)


StockUpdateEnvelope = envelope_of(
    "StockUpdateEnvelope",
    obj(
        "StockUpdateResult",
        failed_rows=I(),
        failed_rows_data=_failed("StockUpdateFailure", "new_stock"),
        succeed_rows=I(),
    )(),
)
PriceUpdateEnvelope = envelope_of(
    "PriceUpdateEnvelope",
    obj(
        "PriceUpdateResult",
        failed_rows=I(),
        failed_rows_data=_failed("PriceUpdateFailure", "new_price"),
        succeed_rows=I(),
    )(),
)
