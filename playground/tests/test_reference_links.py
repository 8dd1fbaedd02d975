"""The API reference links each endpoint the playground offers to it."""

from __future__ import annotations

import re
from typing import Any

import pytest


@pytest.mark.django_db
def test_the_reference_links_each_endpoint_the_playground_offers(client: Any) -> None:
    html = client.get("/openapi/docs/").content.decode()
    shop_info = html[html.index('id="shop_info"') :]
    shop_info = shop_info[: shop_info.index("</article>")]
    assert re.search(r'<a href="/apps/playground/\?op=shop_info">Try it in the API Playground', shop_info)
    # The token endpoint is tried with a snippet, not in the playground.
    token = html[html.index('data-path="/token"') :]
    assert "Try it in the API Playground" not in token[: token.index("</article>")]
