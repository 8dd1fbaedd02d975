"""Links the floors above add to one call's page in Log History.

calllogs/ can't import the apps built on it, so they register a provider in
their AppConfig.ready() (console/lib/hooks.py): a function of the app and the
call that returns its links, if any (the API Playground gives "Try again in
the API Playground" for a call to an endpoint it offers).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from apps_mgmt.models import App
from console.lib.hooks import Hooks

from .models import CallLog


@dataclass(frozen=True)
class EntryLink:
    text: str
    url: str


_hooks: Hooks[[App, CallLog], EntryLink] = Hooks()


def register_entry_link(name: str, provider: Callable[[App, CallLog], Iterable[EntryLink]]) -> None:
    _hooks.register(name, provider)


def entry_links(app: App, call: CallLog) -> list[EntryLink]:
    return _hooks.collect(app, call)
