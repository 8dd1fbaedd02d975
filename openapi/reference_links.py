"""Links the floors above add to each endpoint of the API reference.

openapi/ can't import the apps built on it (CONTRIBUTING.md, "Where code
goes"), so they register a provider in their AppConfig.ready(): a function of
an operation id that returns a link for it, or None (the API Playground gives
"Try it in the API Playground" for every endpoint it offers).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ReferenceLink:
    text: str
    url: str


Provider = Callable[[str], ReferenceLink | None]
_providers: dict[str, Provider] = {}


def register_reference_link(name: str, provider: Provider) -> None:
    """Register (or replace) the provider called `name`."""
    _providers[name] = provider


def reference_links(operation_id: str) -> list[ReferenceLink]:
    return [link for provider in _providers.values() if (link := provider(operation_id)) is not None]
