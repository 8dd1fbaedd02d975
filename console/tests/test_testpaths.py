"""`make test` runs every app's tests: pytest's testpaths must name each one."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_app_with_tests_is_in_testpaths() -> None:
    configured = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]["testpaths"]
    # e2e/ is its own run (`make e2e`, e2e/pytest.ini), not part of `make test`.
    with_tests = {path.parent.name for path in ROOT.glob("*/tests") if path.parent.name != "e2e"}
    assert with_tests - set(configured) == set(), "add these apps to testpaths in pyproject.toml"
