"""Test-suite wiring shared by every app.

Without DATABASE_URL / REDIS_URL the suite runs on SQLite with a local-memory
cache, and tests that need PostgreSQL, Redis or Chromium skip. Under CI
(CI=true) nothing skips: a missing service fails the run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API keeps an event loop in the main thread; Django would
# otherwise refuse ORM calls made by the test alongside it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
CHROMIUM = "/usr/bin/chromium"


def pytest_configure(config: pytest.Config) -> None:
    if IN_CI:
        missing = [name for name in ("DATABASE_URL", "REDIS_URL") if not os.environ.get(name)]
        if missing:
            raise pytest.UsageError(f"CI must run against real services; not set: {', '.join(missing)}")
        if not Path(CHROMIUM).exists():
            raise pytest.UsageError(f"CI must run the browser tests; {CHROMIUM} is missing")


def require(condition: bool, what: str) -> None:
    """Skip when a service isn't configured locally; fail when it isn't under CI."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{what} is required under CI")
    pytest.skip(f"{what} is not configured")


@pytest.fixture(autouse=True)
def _isolated_side_effects(settings: Any, tmp_path: Path) -> Iterator[None]:
    """Each test gets its own mail folder, private storage and cache namespace."""
    from django.conf import settings as django_settings

    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    # Recorded calls wait in the buffer until a test writes them with
    # recorder.flush(), in its own transaction (calllogs/recorder.py).
    from calllogs.recorder import recorder

    settings.CALLLOG_BACKGROUND = False
    recorder.discard()
    # PBKDF2's million rounds are the point in production and pure cost here:
    # every factory user and every test sign-in would pay them.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    storage = dict(django_settings.STORAGES)
    if storage["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage":
        private = {**storage["default"], "OPTIONS": {"location": str(tmp_path / "private")}}
        storage["default"] = storage["private"] = private
        settings.STORAGES = storage
    cache = dict(django_settings.CACHES["default"])
    if "redis" not in cache["BACKEND"].lower():
        cache = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    settings.CACHES = {"default": {**cache, "KEY_PREFIX": uuid.uuid4().hex[:12]}}
    yield
    # Calls a test made and didn't write (a live server's, a shell's) go with it,
    # not to the exit hook after the test database is gone.
    recorder.discard()


@pytest.fixture(autouse=True, scope="session")
def _celery_runs_inline() -> Iterator[None]:
    """Tasks run in the test's process unless a test asks for a real worker."""
    from console.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield


@pytest.fixture
def postgres(settings: Any) -> None:
    require(settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql", "PostgreSQL (DATABASE_URL)")


@pytest.fixture
def redis_url(settings: Any) -> str:
    require(bool(settings.REDIS_URL), "Redis (REDIS_URL)")
    return str(settings.REDIS_URL)


@pytest.fixture
def celery_worker(redis_url: str, transactional_db: None, worker_id: str) -> Iterator[Any]:
    """A real Celery worker consuming from Redis, in a thread of this process
    so that it shares the test database."""
    from celery.contrib.testing.worker import start_worker

    from console.celery import app

    queue = f"test-{worker_id}-{uuid.uuid4().hex[:6]}"
    app.conf.task_always_eager = False
    app.conf.task_default_queue = queue
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, queues=[queue], shutdown_timeout=10) as worker:
            yield worker
    finally:
        app.conf.task_always_eager = True
        app.conf.task_default_queue = "celery"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    require(Path(CHROMIUM).exists(), "Chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any, live_server: Any, settings: Any) -> Iterator[Any]:
    """A fresh browser tab against the live server, with the mail folder on."""
    settings.DEBUG = True  # /dev/mail/ is a development page
    settings.EMAIL_BACKEND = "console.lib.mail.EmlFileBackend"
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.console_errors = errors
    yield tab
    context.close()


@dataclass
class Bucket:
    """A private bucket on the local S3-compatible server, and a client to look inside it."""

    name: str
    endpoint: str
    client: Any

    def keys(self) -> list[str]:
        listing = self.client.list_objects_v2(Bucket=self.name)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def read(self, key: str) -> bytes:
        return bytes(self.client.get_object(Bucket=self.name, Key=key)["Body"].read())


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """An S3-compatible server (moto's server mode) in a process of its own, one per test worker."""
    from e2e.stack import free_port, wait_for_port

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, process=server)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.kill()  # it holds nothing worth a graceful stop: the buckets live in its memory
        server.wait(10)


@pytest.fixture
def s3_bucket(s3_endpoint: str, settings: Any, monkeypatch: pytest.MonkeyPatch) -> Bucket:
    """Private documents go to a fresh bucket, through the S3 backend production uses."""
    import boto3

    from console.lib.storage import s3_storage

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test-key")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test-secret")
    name = f"documents-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=name, ACL="private")
    storage = s3_storage(bucket_name=name, endpoint_url=s3_endpoint, region_name="us-east-1")
    settings.STORAGES = {**settings.STORAGES, "default": storage, "private": storage}
    return Bucket(name=name, endpoint=s3_endpoint, client=client)


@pytest.fixture(scope="session")
def tls_certificate(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A throwaway CA and a certificate for 127.0.0.1 (e2e/certs.py)."""
    from e2e.certs import server_certificate

    return server_certificate(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def smtp_server(settings: Any, tmp_path: Path, tls_certificate: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """A real SMTP server on loopback that asks for STARTTLS and a login (e2e/mailbox.py), and
    the console sending through it as production does. It refuses `bounce*@*` for good (550)
    and greylists `grey*@*` (451 to the first attempt)."""
    from e2e.mailbox import Mailbox, controller
    from e2e.stack import free_port

    mailbox = Mailbox(tmp_path / "smtp", refuse=["bounce*@*"], greylist=["grey*@*"])
    port = free_port()
    login = {"user": "console", "password": "smtp-pass"}
    server = controller(mailbox, port=port, cert=tls_certificate.cert, key=tls_certificate.key, **login)
    server.start()
    monkeypatch.setenv("SSL_CERT_FILE", str(tls_certificate.ca))
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    settings.EMAIL_USE_TLS, settings.EMAIL_USE_SSL = True, False
    settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = login["user"], login["password"]
    try:
        yield mailbox
    finally:
        server.stop()
