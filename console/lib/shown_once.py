"""A value a page must show once, on the page a POST redirects to.

Every POST that changes state answers with a redirect, so reloading the page
repeats nothing. What the change produced and must be shown once (a Client
Secret in clear) waits in the session for that one read, and goes at the
first read or after a few minutes, whichever comes first: a reload, the
back button or another tab never shows it again.
"""

from __future__ import annotations

import time
from typing import Any

from django.http import HttpRequest

_PREFIX = "shown-once:"
# Long enough to follow one redirect on a slow connection, short enough that
# an abandoned value doesn't sit in the session store.
TTL_SECONDS = 300


def keep_once(request: HttpRequest, key: str, value: dict[str, Any]) -> None:
    request.session[_PREFIX + key] = {"value": value, "until": time.time() + TTL_SECONDS}


def take_once(request: HttpRequest, key: str) -> dict[str, Any] | None:
    """The value kept under `key`, removed from the session; None if none or too old."""
    kept = request.session.pop(_PREFIX + key, None)
    if not isinstance(kept, dict) or kept.get("until", 0) < time.time():
        return None
    value = kept.get("value")
    return value if isinstance(value, dict) else None
