from __future__ import annotations

import re

import yaml
from django.test import Client
from drf_spectacular.generators import SchemaGenerator


def test_the_openapi_document_describes_every_endpoint(client: Client) -> None:
    response = client.get("/openapi/schema.yaml")
    assert response.status_code == 200
    document = yaml.safe_load(response.content)
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == {
        "/token",
        "/token/introspect",
        "/v1/shop/fs/{fs_id}/shop-info",
        "/inventory/v1/fs/{fs_id}/product/info",
        "/v2/order/list",
        "/v2/fs/{fs_id}/order",
        "/v1/order/{order_id}/fs/{fs_id}/ack",
        "/v1/order/{order_id}/fs/{fs_id}/nack",
        "/v1/order/{order_id}/fs/{fs_id}/status",
        "/v1/order/{order_id}/fs/{fs_id}/reject-cancel",
        "/v1/order/{order_id}/fs/{fs_id}/shipping-label",
        "/inventory/v1/fs/{fs_id}/pick-up",
        "/inventory/v1/fs/{fs_id}/stock/update",
        "/inventory/v1/fs/{fs_id}/price/update",
        "/v1/fs/{fs_id}/whitelist",
        "/v1/fs/{fs_id}/register",
        "/v1/fs/{fs_id}",
        "/v1/fs/{fs_id}/trigger",
        "/v1/order/{order_id}/fs/{fs_id}/webhook",
    }
    # The fuzz test generates the same document in-process.
    assert document == yaml.safe_load(yaml.safe_dump(SchemaGenerator().get_schema(request=None, public=True)))


def test_the_reference_page_needs_no_inline_script_or_style(client: Client) -> None:
    response = client.get("/openapi/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Content-Security-Policy" in response.headers
    assert "<style" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    script = client.get("/openapi/docs/?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "/openapi/schema.yaml" in script.content.decode()
