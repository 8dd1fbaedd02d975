"""Words for lists and times, the same on every page and message."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext


def and_list(names: Iterable[object]) -> str:
    """'A', 'A and B', 'A, B and C', in the active language."""
    items = [str(name) for name in names]
    if len(items) <= 1:
        return "".join(items)
    return gettext("{first} and {last}").format(first=", ".join(items[:-1]), last=items[-1])


def or_list(names: Iterable[object]) -> str:
    """'A', 'A or B', 'A, B or C', in the active language."""
    items = [str(name) for name in names]
    if len(items) <= 1:
        return "".join(items)
    return gettext("{first} or {last}").format(first=", ".join(items[:-1]), last=items[-1])
