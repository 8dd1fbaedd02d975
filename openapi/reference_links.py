"""Links the floors above add to each endpoint of the API reference.

openapi/ can't import the apps built on it, so they register a provider in
their AppConfig.ready() (console/lib/hooks.py): a function of an operation id
that returns its links, if any (the API Playground gives "Try it in the API
Playground" for every endpoint it offers).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from console.lib.hooks import Hooks


@dataclass(frozen=True)
class ReferenceLink:
    text: str
    url: str


_hooks: Hooks[[str], ReferenceLink] = Hooks()


def register_reference_link(name: str, provider: Callable[[str], Iterable[ReferenceLink]]) -> None:
    _hooks.register(name, provider)


def reference_links(operation_id: str) -> list[ReferenceLink]:
    return _hooks.collect(operation_id)
