from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_it_reports_every_dependency_up(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert {name: check["status"] for name, check in body["checks"].items()} == {
        "database": "up",
        "cache": "up",
        "broker": "up",
    }


def test_it_answers_503_and_names_redis_when_redis_is_unreachable(
    client: Client, settings: Any, redis_url: str
) -> None:
    # Point cache and broker at a port where no Redis listens: what a stopped
    # Redis looks like to the console.
    dead = "redis://127.0.0.1:1/0"
    settings.REDIS_URL = dead
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": dead}}
    response = client.get("/healthz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"]["status"] == "up"
    assert checks["cache"]["status"] == "down"
    assert checks["broker"]["status"] == "down"
    assert "Connection" in checks["broker"]["error"]


def test_it_is_not_cached(client: Client) -> None:
    assert "no-cache" in client.get("/healthz")["Cache-Control"]
