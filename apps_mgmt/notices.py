"""Notices at the top of each app's pages, given by the floors above.

apps_mgmt can't import the apps built on it, so they register a provider in
their AppConfig.ready() (console/lib/hooks.py): a function of the app that
returns the notices it has for it (news/ lists the deprecations that touch the
app). `_app_header.html` shows them on every per-app page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from console.lib.hooks import Hooks

from .models import App


@dataclass(frozen=True)
class AppNotice:
    title: str
    text: str
    link_text: str
    url: str


_hooks: Hooks[[App], AppNotice] = Hooks()


def register_app_notices(name: str, provider: Callable[[App], Iterable[AppNotice]]) -> None:
    _hooks.register(name, provider)


def app_notices(app: App) -> list[AppNotice]:
    return _hooks.collect(app)
