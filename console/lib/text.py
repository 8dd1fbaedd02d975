"""Words for lists and times, the same on every page and message."""

from __future__ import annotations

from collections.abc import Iterable


def and_list(names: Iterable[object]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    items = [str(name) for name in names]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"
