"""Amounts in Rupiah as Indonesians write them, whatever the page's language:
`{{ 1250000|rupiah }}` is "Rp1.250.000" (dots between thousands, a comma before
any sen, no space after "Rp"), as the marketplace shows prices."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template

register = template.Library()


def format_rupiah(amount: object) -> str:
    try:
        value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        return ""
    sign = "-" if value < 0 else ""
    whole, _dot, cents = f"{abs(value):.2f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}Rp{grouped}" + (f",{cents}" if cents != "00" else "")


@register.filter
def rupiah(amount: object) -> str:
    return format_rupiah(amount)
