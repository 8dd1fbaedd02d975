"""Past playground calls and saved requests, made in bulk (tests and benchmarks/playground.py)."""

from __future__ import annotations

from accounts.models import User
from apps_mgmt.models import App
from playground.models import PlaygroundCall, SavedRequest


def past_calls(app: App, user: User, count: int, *, tag: str = "") -> list[PlaygroundCall]:
    """`count` shop-info calls in the member's history, page 1 to `count`."""
    return PlaygroundCall.objects.bulk_create(
        PlaygroundCall(
            app=app,
            user=user,
            operation="shop_info",
            method="GET",
            url=f"/v1/shop/fs/{app.fs_id}/shop-info?page={n + 1}",
            values={"page": str(n + 1)},
            status=200,
            latency_ms=3.5,
            request_id=f"past-{tag}{n}",
        )
        for n in range(count)
    )


def saved_requests(app: App, user: User, count: int, *, tag: str = "") -> list[SavedRequest]:
    return SavedRequest.objects.bulk_create(
        SavedRequest(app=app, name=f"Saved {tag}{n}", operation="shop_info", created_by=user) for n in range(count)
    )
