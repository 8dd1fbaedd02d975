from __future__ import annotations

import gzip
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


def test_the_reference_is_a_console_page_built_from_the_document(client: Client) -> None:
    response = client.get("/openapi/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert '<a class="skip-link" href="#main">' in html  # the console's layout: header, way back, skip link
    assert re.search(r'<a href="/openapi/docs/"\s+aria-current="page">API reference</a>', html)
    assert "<title>API reference · " in html
    # Each endpoint has a stable anchor: its operationId.
    document = yaml.safe_load(client.get("/openapi/schema.yaml").content)
    operations = [op["operationId"] for item in document["paths"].values() for op in item.values()]
    assert len(operations) >= 18
    for operation_id in operations:
        assert f'id="{operation_id}"' in html
        assert f'href="#{operation_id}"' in html
    assert (
        '<h3 id="order_list-title"><span class="method method-get">GET</span> <code class="api-path">/v2/order/list</code></h3>'
        in html
    )
    assert "<code>to_date</code> must not be before <code>from_date</code>" in html
    # Light: no Swagger UI, no inline script or style (CSP), a small page.
    assert "<style" not in html and not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert "swagger" not in html.lower()
    assert len(response.content) < 300_000
    assert "Content-Security-Policy" in response.headers


def test_html_pages_leave_compressed(client: Client) -> None:
    response = client.get("/openapi/docs/", headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert len(response.content) < 40_000
    assert gzip.decompress(response.content).startswith(b"<!DOCTYPE html>")
    # JSON (the Open API) and the schema are left as they are.
    assert not client.get("/openapi/schema.yaml", headers={"accept-encoding": "gzip"}).has_header("Content-Encoding")
