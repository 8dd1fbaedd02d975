"""Fixtures of the production-shaped run: the stack, a browser, what the journey learns.

`make e2e` runs `pytest -c e2e/pytest.ini`, so the suite's own conftest (and
its in-process Django) is not loaded: this run sees the console only from
outside, over HTTPS, SMTP, S3 and SQL, as its users and operators do.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

from e2e.stack import ROOT, Stack

CHROMIUM = "/usr/bin/chromium"
STEPS: list[tuple[str, str, float, str]] = []  # (name, first docstring line, seconds, outcome)


def pytest_configure(config: pytest.Config) -> None:
    missing = [name for name in ("DATABASE_URL", "REDIS_URL") if not os.environ.get(name)]
    if missing:
        raise pytest.UsageError(
            f"make e2e runs against PostgreSQL and Redis; set {' and '.join(missing)} "
            "(the run makes its own database next to DATABASE_URL's and uses REDIS_URL's database)"
        )
    if not Path(CHROMIUM).exists():
        raise pytest.UsageError(f"make e2e drives Debian's Chromium: {CHROMIUM} is missing (apt-get install chromium)")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    started = time.monotonic()
    outcome = "passed"
    try:
        return (yield)
    except BaseException:
        outcome = "FAILED"
        _screenshots(item)
        raise
    finally:
        doc = (getattr(getattr(item, "function", None), "__doc__", None) or "").strip().split("\n\n")[0]
        STEPS.append((item.name, " ".join(doc.split()), time.monotonic() - started, outcome))


def _screenshots(item: pytest.Item) -> None:
    """What each open tab showed when a step failed: var/e2e/<step>-<tab>.png."""
    journey = getattr(item, "funcargs", {}).get("journey")
    for name, page in (journey.pages if journey else {}).items():
        with contextlib.suppress(Exception):  # a closed tab has nothing to show
            page.screenshot(path=ROOT / "var" / "e2e" / f"{item.name}-{name}.png", full_page=True)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not STEPS:
        return
    terminalreporter.section("production-shaped run: what each step checked")
    for name, doc, seconds, outcome in STEPS:
        terminalreporter.write_line(f"{seconds:6.1f} s  {outcome:6}  {name}")
        if doc:
            terminalreporter.write_line(f"                   {doc}")
    terminalreporter.write_line(f"{sum(step[2] for step in STEPS):6.1f} s  in the steps (the stack's start included)")


def _e2e_database_url() -> str:
    """DATABASE_URL's server, with a database of the run's own: `<name>_e2e`."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=parts.path.rstrip("/") + "_e2e"))


@pytest.fixture(scope="session")
def stack() -> Iterator[Stack]:
    """The stack's processes, defined but not started: the first step starts them."""
    workdir = ROOT / "var" / "e2e"
    shutil.rmtree(workdir, ignore_errors=True)
    stack = Stack(workdir=workdir, database_url=_e2e_database_url(), redis_url=os.environ["REDIS_URL"])
    try:
        yield stack
    finally:
        stack.stop_all()
        if os.environ.get("E2E_KEEP") != "1":
            stack.drop_database()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
        )
        yield instance
        instance.close()


@dataclass
class Journey:
    """What one step learns and a later one uses."""

    email: str = ""
    password: str = "e2e-Partner-passphrase-7"
    company: str = ""
    shop_domain: str = "acme-official"
    shop_id: int = 1001
    partner_id: int = 0
    seeded_keys: list[str] = field(default_factory=list)
    document_keys: list[str] = field(default_factory=list)
    document_urls: list[str] = field(default_factory=list)
    fs_id: int = 0
    client_id: str = ""
    client_secret: str = ""
    token: str = ""
    shop_info_request_id: str = ""  # the X-Request-Id shop-info answered, looked up in Log History
    pages: dict[str, Any] = field(default_factory=dict)  # browser tabs by who uses them


@pytest.fixture(scope="session")
def journey() -> Journey:
    run = time.strftime("%H%M%S")
    return Journey(email=f"alice+{run}@acme.co.id", company=f"Acme Seller {run}")


def new_page(browser: Any, stack: Stack) -> Any:
    """A tab of its own (own cookies), on the stack's HTTPS address.

    Chromium has no SSL_CERT_FILE: it alone is told to accept the run's private CA.
    """
    context = browser.new_context(base_url=stack.base_url, ignore_https_errors=True)
    context.set_default_timeout(20_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("dialog", lambda dialog: dialog.accept())  # confirmations (Approve, Regenerate)
    page.console_errors = errors
    return page
