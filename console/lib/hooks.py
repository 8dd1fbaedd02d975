"""Named providers that the floors above register with a floor below.

An app can't import the apps built on it (CONTRIBUTING.md, "Where code
goes"), yet some of its pages show what they have to say: the notices on each
app's pages (news/), the links of the API reference (playground/), the links
of a Log History entry (playground/). The lower app keeps a `Hooks`; the
higher one registers a provider in its `AppConfig.ready()`; the page collects
what every provider returns for its object.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Generic, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


class Hooks(Generic[P, R]):
    def __init__(self) -> None:
        self._providers: dict[str, Callable[P, Iterable[R]]] = {}

    def register(self, name: str, provider: Callable[P, Iterable[R]]) -> None:
        """Register (or replace: a reload registers again) the provider called `name`."""
        self._providers[name] = provider

    def collect(self, *args: P.args, **kwargs: P.kwargs) -> list[R]:
        """What every provider has for these arguments, in the order they registered."""
        return [item for provider in self._providers.values() for item in provider(*args, **kwargs)]
