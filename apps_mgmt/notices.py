"""Notices at the top of each app's pages, given by the floors above.

apps_mgmt can't import the apps built on it (CONTRIBUTING.md, "Where code
goes"), so they register a provider in their AppConfig.ready(): a function of
the app that returns the notices it has for it (news/ lists the deprecations
that touch the app). `_app_header.html` shows them on every per-app page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .models import App


@dataclass(frozen=True)
class AppNotice:
    title: str
    text: str
    link_text: str
    url: str


Provider = Callable[[App], list[AppNotice]]
_providers: dict[str, Provider] = {}


def register_app_notices(name: str, provider: Provider) -> None:
    """Register (or replace) the provider called `name`."""
    _providers[name] = provider


def app_notices(app: App) -> list[AppNotice]:
    return [notice for provider in _providers.values() for notice in provider(app)]
