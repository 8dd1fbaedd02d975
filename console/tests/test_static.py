from __future__ import annotations

from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parents[2] / "static"


@pytest.mark.parametrize("path", sorted(STATIC.glob("css/*.css")), ids=lambda p: p.name)
def test_every_stylesheet_closes_each_block_it_opens(path: Path) -> None:
    # An unclosed @media block silently swallows every rule after it (it
    # happened once when two areas' styles were merged).
    depth = 0
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        depth += line.count("{") - line.count("}")
        assert 0 <= depth <= 2, f"{path.name}:{number}: braces out of balance"
        if line and not line[0].isspace() and not line.startswith(("}", "/*", "@")):
            assert depth <= 1, f"{path.name}:{number}: a top-level rule inside an unclosed block"
    assert depth == 0, f"{path.name}: {depth} block(s) never closed"
