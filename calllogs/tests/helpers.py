"""Calls made the way partners make them, and records written the way the recorder writes them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.test import Client
from django.utils import timezone

from calllogs.recorder import recorder
from calllogs.storage import CallRecord, call_storage


def written() -> int:
    """Write what the Open API calls so far left in the buffer, as the background thread would."""
    return recorder.flush()


def shop_info(client: Client, setup: Any, *, shop_id: int | None = None, **headers: str) -> Any:
    shop = setup.shop.shop_id if shop_id is None else shop_id
    return client.get(f"/v1/shop/fs/{setup.app.fs_id}/shop-info", {"shop_id": shop}, **setup.bearer(), **headers)


def record(app_id: int, *, at: datetime | None = None, **fields: Any) -> CallRecord:
    values: dict[str, Any] = {
        "at": at or timezone.now(),
        "app_id": app_id,
        "source": "api",
        "method": "GET",
        "path_template": "/v1/shop/fs/{fs_id}/shop-info",
        "path": "/v1/shop/fs/1/shop-info",
        "status": 200,
        "error_code": "",
        "latency_ms": 3.5,
        "shop_id": 1007,
        "client_ip": "127.0.0.1",
        "request_id": "req-1",
        "user_agent": "test",
        "request_query": "shop_id=1007",
        "request_headers": "{}",
        "request_body": "",
        "response_headers": "{}",
        "response_body": '{"data": null}',
    }
    values.update(fields)
    return CallRecord(**values)


def store(*records: CallRecord, dedupe: bool = False) -> int:
    return call_storage().write(list(records), dedupe=dedupe)
