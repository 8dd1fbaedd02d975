"""Imports between the project's apps run one way, from the top floor down.

The floors are INSTALLED_APPS' order (CONTRIBUTING.md, "Where code goes"):
an app may import the apps listed before it, never one listed after it.
Tests and migrations are left out; they may reach anywhere.
"""

from __future__ import annotations

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
FLOORS = [name for name in settings.INSTALLED_APPS if (ROOT / name / "apps.py").exists()]


def imported_apps(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names & set(FLOORS)


def test_no_app_imports_an_app_above_it() -> None:
    upward = []
    for floor, app in enumerate(FLOORS):
        for path in sorted((ROOT / app).rglob("*.py")):
            if {"tests", "migrations"} & set(path.relative_to(ROOT).parts):
                continue
            for other in imported_apps(path):
                if FLOORS.index(other) > floor:
                    upward.append(f"{path.relative_to(ROOT)} imports {other}")
    assert upward == []


def test_the_floors_include_every_app_of_the_project() -> None:
    assert {
        "console",
        "accounts",
        "audit",
        "partners",
        "apps_mgmt",
        "shops",
        "teams",
        "registration",
        "openapi",
    } <= set(FLOORS)
