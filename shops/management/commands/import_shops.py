from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from shops.catalogue import COLUMNS, shop_catalogue_import


class Command(BaseCommand):
    help = f"Load or update the shop catalogue from a CSV file with the columns {','.join(COLUMNS)}."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", type=Path, help="CSV file (UTF-8, header row first)")

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        with file.open(encoding="utf-8-sig", newline="") as lines:
            report = shop_catalogue_import(lines=lines)
        for line, message in report.errors:
            self.stderr.write(f"line {line}: {message}")
        self.stdout.write(
            f"{report.created} created, {report.updated} updated, {report.unchanged} unchanged, "
            f"{len(report.errors)} refused."
        )
        if report.errors and not (report.created or report.updated or report.unchanged):
            raise CommandError("No row was loaded.")
