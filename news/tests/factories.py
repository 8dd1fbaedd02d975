from __future__ import annotations

import datetime as dt
from typing import Any

from accounts.models import User
from news.models import Post
from news.services import post_create, post_publish


def write_post(*, actor: User | None = None, publish: bool = False, **fields: Any) -> Post:
    """A post written the way staff write one (a draft unless `publish`)."""
    values: dict[str, Any] = {
        "title": "Order list answers faster",
        "category": Post.Category.ENDPOINT_UPDATE,
        "endpoints": ["GET /v2/order/list"],
        "effective_date": dt.date(2026, 12, 15),
        "body": "The **order list** now answers in under 100 ms.",
    }
    post = post_create(actor=actor, **{**values, **fields})
    return post_publish(post=post, actor=actor) if publish else post
