"""The demo shop catalogue (`seed_demo`): every tier, plus closed and moderated shops to be refused."""

from __future__ import annotations

from pathlib import Path

from .catalogue import ImportReport, shop_catalogue_import

DEMO_CSV = Path(__file__).resolve().parent / "data" / "demo_shops.csv"


def seed_shops() -> ImportReport:
    with DEMO_CSV.open(encoding="utf-8", newline="") as lines:
        return shop_catalogue_import(lines=lines)
