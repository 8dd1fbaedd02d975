"""Load the legacy app registry from a CSV file (safe to run again).

Columns: fs_id, client_id, client_secret, name, shop_ids (shop ids separated
by spaces or semicolons; may be empty). Every row is checked first: if any is
bad, the command lists them by line number and imports nothing.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from apps_mgmt.models import LegacyApp
from apps_mgmt.services import legacy_app_ids_check, legacy_app_save
from console.lib.errors import DomainError

COLUMNS = ("fs_id", "client_id", "client_secret", "name", "shop_ids")


@dataclass(frozen=True)
class Row:
    line: int
    fs_id: int
    client_id: str
    client_secret: str
    name: str
    shop_ids: list[int]


def parse_row(line: int, record: dict[str, str | None]) -> tuple[Row | None, str]:
    values = {key: (record.get(key) or "").strip() for key in COLUMNS}
    if not values["fs_id"].isdigit():
        return None, f"fs_id must be a number, got “{values['fs_id']}”"
    if not values["client_id"] or len(values["client_id"]) > 64:
        return None, "client_id is required (up to 64 characters)"
    if len(values["client_secret"]) < 8:
        return None, "client_secret is required (at least 8 characters)"
    if not values["name"] or len(values["name"]) > 100:
        return None, "name is required (up to 100 characters)"
    shops = values["shop_ids"].replace(";", " ").replace(",", " ").split()
    if not all(part.isdigit() for part in shops):
        return None, f"shop_ids must be numbers separated by spaces or semicolons, got “{values['shop_ids']}”"
    row = Row(
        line,
        int(values["fs_id"]),
        values["client_id"],
        values["client_secret"],
        values["name"],
        [int(s) for s in shops],
    )
    return row, ""


class Command(BaseCommand):
    help = "Import legacy apps (for Import App) from a CSV: fs_id,client_id,client_secret,name,shop_ids."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            with path.open(newline="", encoding="utf-8-sig") as handle:
                reader = csv.DictReader(handle)
                missing = [column for column in COLUMNS if column not in (reader.fieldnames or [])]
                if missing:
                    raise CommandError(f"{path}: missing column(s) {', '.join(missing)}; expected {','.join(COLUMNS)}")
                records = [(reader.line_num, record) for record in reader]
        except OSError as error:
            raise CommandError(f"Can't read {path}: {error}") from error

        rows, problems = self._check(records)
        if problems:
            raise CommandError("Nothing imported. Fix these lines:\n" + "\n".join(problems))
        counts: Counter[str] = Counter()
        with transaction.atomic():
            for row in rows:
                claimed = LegacyApp.objects.filter(fs_id=row.fs_id, claimed_at__isnull=False).exists()
                if claimed:
                    counts["already claimed (left as is)"] += 1
                    continue
                _, outcome = legacy_app_save(
                    fs_id=row.fs_id,
                    client_id=row.client_id,
                    name=row.name,
                    shop_ids=row.shop_ids,
                    client_secret=row.client_secret,
                    actor=None,
                )
                counts[outcome] += 1
        summary = ", ".join(f"{count} {what}" for what, count in sorted(counts.items())) or "no rows"
        self.stdout.write(self.style.SUCCESS(f"Legacy apps from {path.name}: {summary}."))

    def _check(self, records: list[tuple[int, dict[str, str | None]]]) -> tuple[list[Row], list[str]]:
        rows: list[Row] = []
        problems: list[str] = []
        seen_fs: dict[int, int] = {}
        seen_client: dict[str, int] = {}
        for line, record in records:
            row, error = parse_row(line, record)
            if row is None:
                problems.append(f"line {line}: {error}")
                continue
            if row.fs_id in seen_fs or row.client_id in seen_client:
                first = seen_fs.get(row.fs_id) or seen_client.get(row.client_id)
                problems.append(f"line {line}: repeats the App ID or Client ID of line {first}")
                continue
            seen_fs[row.fs_id], seen_client[row.client_id] = line, line
            existing = LegacyApp.objects.filter(fs_id=row.fs_id).first()
            if existing is not None and existing.is_claimed:
                rows.append(row)  # reported as left alone
                continue
            try:
                legacy_app_ids_check(fs_id=row.fs_id, client_id=row.client_id, own_pk=existing.pk if existing else None)
            except DomainError as error:
                problems.append(f"line {line}: {error}")
                continue
            rows.append(row)
        return rows, problems
