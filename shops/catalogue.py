"""Loading the marketplace's shop catalogue from CSV (`manage.py import_shops`, the demo seed).

Columns: shop_id,name,domain,tier,status,owner_id,owner_email. Tier and status
accept the labels staff see ("Official Store") or the codes
("official_store"). A bad row is reported with its line number and skipped;
the good rows are loaded. Loading again updates by shop_id, so it is safe to
repeat.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.functional import Promise

from .eligibility import normalise_domain
from .models import Shop

COLUMNS = ("shop_id", "name", "domain", "tier", "status", "owner_id", "owner_email")


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line number, message)


def _choice(value: str, choices: Iterable[tuple[str, str | Promise]], what: str) -> str:
    wanted = value.strip().lower().replace("-", " ").replace("_", " ")
    for code, label in choices:
        if wanted in {code.replace("_", " "), str(label).lower()}:
            return code
    allowed = ", ".join(str(label) for _, label in choices)
    raise ValueError(f"unknown {what} {value!r} (expected one of: {allowed})")


def _integer(value: str, what: str) -> int:
    try:
        number = int(value.strip())
    except ValueError:
        raise ValueError(f"{what} must be a whole number, not {value!r}") from None
    if number <= 0:
        raise ValueError(f"{what} must be positive")
    return number


def parse_row(row: dict[str, Any]) -> dict[str, Any]:
    """The Shop fields of one CSV row, or ValueError saying what is wrong with it."""
    missing = [column for column in COLUMNS if not (row.get(column) or "").strip()]
    if missing:
        raise ValueError("missing " + ", ".join(missing))
    email = row["owner_email"].strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValueError(f"owner_email {email!r} is not an email address") from None
    domain = normalise_domain(row["domain"])
    if not domain or len(domain) > 100:
        raise ValueError(f"domain {row['domain']!r} is not a shop domain")
    return {
        "shop_id": _integer(row["shop_id"], "shop_id"),
        "name": row["name"].strip()[:200],
        "domain": domain,
        "tier": _choice(row["tier"], Shop.Tier.choices, "tier"),
        "status": _choice(row["status"], Shop.Status.choices, "status"),
        "owner_id": _integer(row["owner_id"], "owner_id"),
        "owner_email": email,
    }


def shop_catalogue_import(*, lines: Iterable[str]) -> ImportReport:
    """Create or update shops from CSV text lines (header first). Each good row commits on its own."""
    report = ImportReport()
    reader = csv.DictReader(lines)
    absent = [column for column in COLUMNS if column not in (reader.fieldnames or [])]
    if absent:
        report.errors.append((1, "header lacks " + ", ".join(absent)))
        return report
    for row in reader:
        line = reader.line_num
        try:
            values = parse_row(row)
            with transaction.atomic():
                outcome = _upsert(values)
        except ValueError as error:
            report.errors.append((line, str(error)))
            continue
        setattr(report, outcome, getattr(report, outcome) + 1)
    return report


def _upsert(values: dict[str, Any]) -> str:
    clash = Shop.objects.filter(domain=values["domain"]).exclude(shop_id=values["shop_id"]).first()
    if clash is not None:
        raise ValueError(f"domain {values['domain']!r} already belongs to shop {clash.shop_id}")
    shop = Shop.objects.select_for_update().filter(shop_id=values["shop_id"]).first()
    if shop is not None and shop.is_test:
        raise ValueError(f"shop_id {values['shop_id']} is a Testing Account's test shop, not a catalogue shop")
    if shop is None:
        Shop.objects.create(**values)
        return "created"
    changed = [name for name, value in values.items() if getattr(shop, name) != value]
    if not changed:
        return "unchanged"
    for name in changed:
        setattr(shop, name, values[name])
    shop.save(update_fields=[*changed, "updated_at"])
    return "updated"
