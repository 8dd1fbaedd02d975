"""Languages and time zones a person may choose, and the ones that apply to them."""

from __future__ import annotations

import zoneinfo
from functools import cache

from django.conf import settings
from django.utils import translation

# Indonesia's three time zones first, in the order people there name them.
INDONESIAN_ZONES = ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")


def language_codes() -> list[str]:
    return [code for code, _ in settings.LANGUAGES]


def language_choices() -> list[tuple[str, str]]:
    """Each language in its own name, as a switcher shows it."""
    return [(code, translation.get_language_info(code)["name_local"]) for code, _ in settings.LANGUAGES]


@cache
def time_zone_names() -> tuple[str, ...]:
    others = sorted(zoneinfo.available_timezones() - set(INDONESIAN_ZONES))
    return (*INDONESIAN_ZONES, *(name for name in others if "/" in name and not name.startswith("Etc/")), "UTC")


def valid_time_zone(name: str) -> bool:
    return name in time_zone_names()


def zone(name: str) -> zoneinfo.ZoneInfo:
    """The user's zone, or the console's default one for a name no longer known."""
    try:
        return zoneinfo.ZoneInfo(name or settings.TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)
