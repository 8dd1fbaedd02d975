"""Tokopedia's documented objects, one dataclass each, every documented field
required and typed: written from Tokopedia's API reference
(developer.tokopedia.com/openapi/guide), not from this sandbox's code."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# --- Authentication (guides/authentication) ----------------------------------


@dataclass
class Token:
    access_token: str
    expires_in: int
    token_type: str


@dataclass
class Header:
    process_time: float
    messages: str
    reason: str
    error_code: str


# --- Shop API: Get Shop Info -------------------------------------------------


@dataclass
class NullInt64:
    Int64: int
    Valid: bool


@dataclass
class ShopWarehouse:
    warehouse_id: int
    partner_id: NullInt64
    shop_id: NullInt64
    warehouse_name: str
    district_id: int
    district_name: str
    city_id: int
    city_name: str
    province_id: int
    province_name: str
    status: int
    postal_code: str
    is_default: int
    latlon: str
    latitude: str
    longitude: str
    email: str
    address_detail: str
    phone: str


@dataclass
class ShopInfo:
    shop_id: int
    user_id: int
    shop_name: str
    logo: str
    shop_url: str
    is_open: int
    status: int
    date_shop_created: str
    domain: str
    admin_id: list[int]
    reason: str
    district_id: int
    province_name: str
    warehouses: list[ShopWarehouse]
    subscribe_tokocabang: bool
    is_mitra: bool


# --- Product API: Get Product Info ---------------------------------------------


@dataclass
class ProductBasic:
    productID: int
    shopID: int
    status: int
    Name: str
    condition: int
    childCategoryID: int
    shortDesc: str


@dataclass
class ProductPrice:
    value: int
    currency: int
    LastUpdateUnix: int
    idr: int


@dataclass
class ProductWeight:
    value: int
    unit: int


@dataclass
class ProductStock:
    value: int
    stockWording: str


@dataclass
class ProductVariant:
    isParent: bool
    isVariant: bool
    childrenID: list[int]


@dataclass
class ProductMenu:
    id: int
    Name: str


@dataclass
class ProductExtraAttribute:
    minOrder: int
    lastUpdateCategory: int
    isEligibleCOD: bool


@dataclass
class ProductWholesale:
    minQuantity: int
    maxQuantity: int
    price: ProductPrice


@dataclass
class ProductCategory:
    id: int
    Name: str
    title: str
    breadcrumbURL: str


@dataclass
class ProductPicture:
    picID: int
    fileName: str
    filePath: str
    status: int
    OriginalURL: str
    ThumbnailURL: str
    width: int
    height: int
    URL300: str


@dataclass
class ProductGMStats:
    transactionSuccess: int
    transactionReject: int
    countSold: int


@dataclass
class ProductStats:
    countView: int


@dataclass
class ProductOther:
    sku: str
    url: str
    mobileURL: str


@dataclass
class ProductCampaign:
    StartDate: str
    EndDate: str


@dataclass
class ProductVolume:
    length: int
    width: int
    height: int


@dataclass
class ProductWarehouseStock:
    useStock: bool
    value: int


@dataclass
class ProductWarehouse:
    productID: int
    warehouseID: int
    price: ProductPrice
    stock: ProductWarehouseStock


@dataclass
class Product:
    basic: ProductBasic
    price: ProductPrice
    weight: ProductWeight
    stock: ProductStock
    main_stock: int
    reserve_stock: int
    variant: ProductVariant
    menu: ProductMenu
    preorder: dict[str, Any]
    extraAttribute: ProductExtraAttribute
    wholesale: list[ProductWholesale]
    categoryTree: list[ProductCategory]
    pictures: list[ProductPicture]
    GMStats: ProductGMStats
    stats: ProductStats
    other: ProductOther
    campaign: ProductCampaign
    volume: ProductVolume
    warehouses: list[ProductWarehouse]


# --- Product API: Update Stock / Update Price ----------------------------------


@dataclass
class StockFailure:
    product_id: int
    sku: str
    product_url: str
    new_stock: int
    message: str


@dataclass
class StockResult:
    failed_rows: int
    failed_rows_data: list[StockFailure]
    succeed_rows: int


@dataclass
class PriceFailure:
    product_id: int
    sku: str
    product_url: str
    new_price: int
    message: str


@dataclass
class PriceResult:
    failed_rows: int
    failed_rows_data: list[PriceFailure]
    succeed_rows: int


# --- Order API: Get All Orders -------------------------------------------------


@dataclass
class OrderProduct:
    id: int
    name: str
    quantity: int
    notes: str
    weight: float
    total_weight: float
    price: int
    total_price: int
    currency: str
    sku: str
    is_wholesale: bool


@dataclass
class ProductFulfilled:
    product_id: int
    quantity_deliver: int
    quantity_reject: int


@dataclass
class BundleDetail:
    bundle: list[dict[str, Any]]
    non_bundle: list[dict[str, Any]]
    total_product: int


@dataclass
class Buyer:
    id: int
    name: str
    phone: str
    email: str


@dataclass
class Address:
    address_full: str
    district: str
    city: str
    province: str
    country: str
    postal_code: str
    district_id: int
    city_id: int
    province_id: int
    geo: str


@dataclass
class Recipient:
    name: str
    phone: str
    address: Address


@dataclass
class Logistics:
    shipping_id: int
    district_id: int
    city_id: int
    province_id: int
    geo: str
    shipping_agency: str
    service_type: str


@dataclass
class Amount:
    ttl_product_price: int
    shipping_cost: int
    insurance_cost: int
    ttl_amount: int
    voucher_amount: int
    toppoints_amount: int


@dataclass
class VoucherInfo:
    voucher_code: str
    voucher_type: int


@dataclass
class CustomFields:
    awb: str


@dataclass
class PromoOrderDetail:
    order_id: int
    total_cashback: int
    total_discount: int
    total_discount_product: int
    total_discount_shipping: int
    total_discount_details: list[dict[str, Any]]
    summary_promo: list[dict[str, Any]]


@dataclass
class Order:
    fs_id: str
    order_id: int
    is_cod_mitra: bool
    accept_partial: bool
    invoice_ref_num: str
    have_product_bundle: bool
    products: list[OrderProduct]
    products_fulfilled: list[ProductFulfilled]
    bundle_detail: BundleDetail
    device_type: str
    buyer: Buyer
    shop_id: int
    payment_id: int
    recipient: Recipient
    logistics: Logistics
    amt: Amount
    dropshipper_info: dict[str, Any]
    voucher_info: VoucherInfo
    order_status: int
    warehouse_id: int
    fulfill_by: int
    create_time: int
    custom_fields: CustomFields
    promo_order_detail: PromoOrderDetail


# --- Order API: Get Single Order -----------------------------------------------


@dataclass
class WarehouseMeta:
    warehouse_id: int
    partner_id: int
    shop_id: int
    warehouse_name: str
    district_id: int
    district_name: str
    city_id: int
    city_name: str
    province_id: int
    province_name: str
    status: int
    postal_code: str
    is_default: int
    latlon: str
    latitude: str
    longitude: str
    email: str
    address_detail: str
    country_name: str
    is_fulfillment: bool


@dataclass
class OrderWarehouse:
    warehouse_id: int
    fulfill_by: int
    meta_data: WarehouseMeta


@dataclass
class BuyerInfo:
    buyer_id: int
    buyer_fullname: str
    buyer_email: str
    buyer_phone: str


@dataclass
class OrderShopInfo:
    shop_owner_id: int
    shop_owner_email: str
    shop_owner_phone: str
    shop_name: str
    shop_domain: str
    shop_id: int


@dataclass
class NullTime:
    Time: str
    Valid: bool


@dataclass
class ShipmentFulfillment:
    id: int
    order_id: int
    payment_date_time: str
    is_same_day: bool
    accept_deadline: str
    confirm_shipping_deadline: str
    item_delivered_deadline: NullTime
    is_accepted: bool
    is_confirm_shipping: bool
    is_item_delivered: bool
    fulfillment_status: int


@dataclass
class Preorder:
    order_id: int
    preorder_type: int
    preorder_process_time: int
    preorder_process_start: str
    preorder_deadline: str
    shop_id: int
    customer_id: int


@dataclass
class OrderDetail:
    order_detail_id: int
    product_id: int
    product_name: str
    product_desc_pdp: str
    product_desc_atc: str
    product_price: float
    subtotal_price: float
    weight: float
    total_weight: float
    quantity: int
    quantity_deliver: int
    quantity_reject: int
    is_free_returns: bool
    insurance_price: float
    normal_price: float
    currency_id: int
    currency_rate: float
    min_order: int
    child_cat_id: int
    campaign_id: int
    product_picture: str
    snapshot_url: str
    sku: str


@dataclass
class OrderHistory:
    action_by: str
    hist_status_code: int
    message: str
    timestamp: str
    comment: str
    create_by: int
    update_by: str


@dataclass
class ShippingInfo:
    sp_id: int
    shipping_id: int
    logistic_name: str
    logistic_service: str
    shipping_price: float
    shipping_price_rate: float
    shipping_fee: float
    insurance_price: float
    fee: float
    is_change_courier: bool
    second_sp_id: int
    second_shipping_id: int
    second_logistic_name: str
    second_logistic_service: str
    second_agency_fee: float
    second_insurance: int
    second_rate: float
    awb: str
    autoresi_cashless_status: int
    autoresi_awb: str
    autoresi_shipping_price: int
    count_awb: int
    isCashless: bool
    is_fake_delivery: bool
    recommended_courier_info: list[dict[str, Any]]


@dataclass
class Destination:
    receiver_name: str
    receiver_phone: str
    address_street: str
    address_district: str
    address_city: str
    address_province: str
    address_postal: str
    customer_address_id: int
    district_id: int
    city_id: int
    province_id: int


@dataclass
class OrderInfo:
    order_detail: list[OrderDetail]
    order_history: list[OrderHistory]
    order_age_day: int
    shipping_age_day: int
    delivered_age_day: int
    partial_process: bool
    shipping_info: ShippingInfo
    destination: Destination
    is_replacement: bool
    replacement_multiplier: int


@dataclass
class GeoPoint:
    lat: float
    lon: float


@dataclass
class OriginInfo:
    sender_name: str
    origin_province: int
    origin_province_name: str
    origin_city: int
    origin_city_name: str
    origin_address: str
    origin_district: int
    origin_district_name: str
    origin_postal_code: str
    origin_geo: str
    receiver_name: str
    destination_address: str
    destination_province: int
    destination_city: int
    destination_district: int
    destination_postal_code: str
    destination_geo: str
    destination_loc: GeoPoint


@dataclass
class PaymentInfo:
    payment_id: int
    payment_ref_num: str
    payment_date: str
    payment_method: int
    payment_status: str
    payment_status_id: int
    create_time: str
    pg_id: int
    gateway_name: str
    discount_amount: int
    voucher_code: str
    voucher_id: int


@dataclass
class InsuranceInfo:
    insurance_type: int


@dataclass
class SingleOrder:
    order_id: int
    buyer_id: int
    seller_id: int
    payment_id: int
    is_affiliate: bool
    is_fulfillment: bool
    order_warehouse: OrderWarehouse
    order_status: int
    invoice_number: str
    invoice_pdf: str
    invoice_url: str
    open_amt: float
    lp_amt: float
    cashback_amt: float
    info: str
    comment: str
    item_price: float
    buyer_info: BuyerInfo
    shop_info: OrderShopInfo
    shipment_fulfillment: ShipmentFulfillment
    preorder: Preorder
    order_info: OrderInfo
    origin_info: OriginInfo
    payment_info: PaymentInfo
    insurance_info: InsuranceInfo
    create_time: str
    shipping_date: str
    update_time: str
    payment_date: str
    delivered_date: str
    est_shipping_date: str
    est_delivery_date: str


# --- Order API: Request Pickup, IP whitelist ----------------------------------


@dataclass
class Pickup:
    order_id: int
    shop_id: int
    request_time: str
    result: str


@dataclass
class Whitelist:
    fs_id: int
    ip_whitelisted: list[str]
