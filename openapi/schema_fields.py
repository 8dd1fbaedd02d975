"""Building blocks of the response shapes (schemas.py, order_schemas.py): an
object is obj("Name", field=I(), ...); every field is required. Tokopedia's
JSON has names a class statement can't always hold comfortably ("Name",
"GMStats", "Int64"), hence type()."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_noop
from rest_framework import serializers


def obj(title: str, /, **fields: Any) -> type[serializers.Serializer]:
    return type(title, (serializers.Serializer,), fields)


def I(**kwargs: Any) -> serializers.IntegerField:  # noqa: E743 - reads as a type in the tables below
    return serializers.IntegerField(**kwargs)


def S(**kwargs: Any) -> serializers.CharField:
    return serializers.CharField(allow_blank=True, **kwargs)


def B(**kwargs: Any) -> serializers.BooleanField:
    return serializers.BooleanField(**kwargs)


def F(**kwargs: Any) -> serializers.FloatField:
    return serializers.FloatField(**kwargs)


def Ints(**kwargs: Any) -> serializers.ListField:
    return serializers.ListField(child=serializers.IntegerField(), **kwargs)


def Empty(name: str) -> serializers.Serializer:
    """An object Tokopedia sends without documented fields ({})."""
    return obj(name)()


# --- Envelope ----------------------------------------------------------------

Header = obj(
    "Header",
    process_time=F(help_text=gettext_noop("Seconds spent serving the call.")),
    messages=S(),
    reason=S(help_text=gettext_noop("What went wrong, field by field; empty on success.")),
    error_code=S(help_text=gettext_noop("e.g. RBAC_MDLW_001; empty on success.")),
)


def envelope_of(name: str, data: serializers.Field) -> type[serializers.Serializer]:
    return obj(name, header=Header(), data=data)


ErrorEnvelope = envelope_of(
    "ErrorEnvelope", serializers.JSONField(allow_null=True, help_text=gettext_noop("null on errors"))
)


def warehouse_fields() -> dict[str, serializers.Field]:
    """The fields Tokopedia's warehouse objects share (shop-info's warehouses,
    a single order's order_warehouse.meta_data); each adds its own."""
    return {
        "warehouse_name": S(),
        "district_id": I(),
        "district_name": S(),
        "city_id": I(),
        "city_name": S(),
        "province_id": I(),
        "province_name": S(),
        "status": I(),
        "postal_code": S(),
        "is_default": I(),
        "latlon": S(),
        "latitude": S(),
        "longitude": S(),
        "email": S(),
        "address_detail": S(),
    }
