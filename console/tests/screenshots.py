"""Screenshots of a browser test's pages for a person to look at, when SCREENSHOTS_DIR is set."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


def shoot(page: Any, name: str, widths: tuple[int, ...] = (1280, 390, 320)) -> None:
    """Save `<name>-<width>.png` of the whole page at each width, then put the window back to 1280 px."""
    folder = os.environ.get("SCREENSHOTS_DIR")
    if not folder:
        return
    for width in widths:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(Path(folder) / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
