"""The catalogue: the Open API's endpoints as the OpenAPI document describes them, and its checks."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

from playground import catalogue as catalogue_module
from playground.catalogue import build, catalogue, generate_document


def test_endpoints_are_grouped_as_in_the_reference_without_the_token_endpoints() -> None:
    groups = catalogue().groups
    assert [group.tag for group in groups] == ["Shop", "Product", "Order", "App", "Webhook"]
    operations = {endpoint.operation for endpoint in catalogue().endpoints()}
    document = generate_document()
    every = {op["operationId"] for ops in document["paths"].values() for op in ops.values()}
    assert operations == every - {"token", "token_introspect"}
    assert catalogue().first.operation == "shop_info"


def test_parameters_come_with_their_schemas_path_first() -> None:
    order_list = catalogue().find("order_list")
    assert order_list is not None
    names = [(param.name, param.location, param.required) for param in order_list.params]
    assert set(names[:3]) == {("fs_id", "query", True), ("from_date", "query", True), ("to_date", "query", True)}
    assert all(not required for _, _, required in names[3:])
    ack = catalogue().find("order_ack")
    assert ack is not None and [param.name for param in ack.params] == ["order_id", "fs_id"]
    per_page = next(param for param in order_list.params if param.name == "per_page")
    assert (per_page.schema["minimum"], per_page.schema["maximum"]) == (1, 100)


def test_check_turns_text_into_the_schemas_types_and_gives_its_reasons() -> None:
    shop_info = catalogue().find("shop_info")
    assert shop_info is not None
    values, _, errors = shop_info.check({"fs_id": "12345678", "page": "2", "per_page": ""}, "")
    assert (values, errors) == ({"fs_id": 12345678, "page": 2}, {})
    _, _, errors = shop_info.check({"fs_id": "1", "page": "-1", "per_page": "101", "shop_id": "x1"}, "")
    assert errors == {
        "param_page": "page: -1 is less than the minimum of 1",
        "param_per_page": "per_page: 101 is greater than the maximum of 100",
        "param_shop_id": "shop_id: A valid integer is required.",
    }
    _, _, errors = shop_info.check({}, "")
    assert errors == {"param_fs_id": "fs_id: This field is required."}


def test_bodies_are_checked_with_references_resolved() -> None:
    nack = catalogue().find("order_nack")
    assert nack is not None
    raw = {"fs_id": "1", "order_id": "2"}
    _, body, errors = nack.check(raw, '{"reason_code": 99, "reason": ""}')
    assert errors == {"body": "body.reason_code: 99 is not one of [0, 1, 2, 3, 4, 5, 7, 8]"}
    _, body, errors = nack.check(raw, '{"reason_code": 1, "reason": ""}')
    assert errors == {} and body == {"reason_code": 1, "reason": ""}
    _, _, errors = nack.check(raw, "")
    assert errors == {"body": "body: A JSON document is required."}


def test_urls_fill_the_path_and_keep_the_documents_query_order() -> None:
    product_info = catalogue().find("product_info")
    assert product_info is not None
    url = product_info.url({"fs_id": 7, "sku": "A B/&", "page": 1})
    assert url == "/inventory/v1/fs/7/product/info?page=1&sku=A+B%2F%26"
    ack = catalogue().find("order_ack")
    assert ack is not None and ack.url({"fs_id": 7, "order_id": 9}) == "/v1/order/9/fs/7/ack"


def test_the_document_is_generated_once_and_read_from_the_cache_after(db: None, monkeypatch: Any) -> None:
    catalogue_module._cached_document()
    key = f"playground:openapi:{catalogue_module._code_digest()}"
    assert cache.get(key)["openapi"].startswith("3.")

    def fail() -> dict[str, Any]:
        raise AssertionError("generated again")

    monkeypatch.setattr(catalogue_module, "generate_document", fail)
    assert catalogue_module._cached_document()["paths"]


def test_a_document_of_an_unknown_shape_still_builds() -> None:
    document: dict[str, Any] = {
        "paths": {
            "/x/{id}": {
                "get": {
                    "operationId": "x",
                    "parameters": [
                        {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "nullable": True}}
                    ],
                }
            }
        },
    }
    built = build(document)
    assert [group.tag for group in built.groups] == ["Other"]
    assert built.first.params[0].schema["type"] == ["integer", "null"]


@pytest.mark.parametrize("operation", ["stock_update", "order_nack", "webhook_trigger", "request_pickup"])
def test_every_body_schema_is_valid_json_schema(operation: str) -> None:
    import jsonschema

    endpoint = catalogue().find(operation)
    assert endpoint is not None and endpoint.body_schema is not None
    jsonschema.Draft7Validator.check_schema(endpoint.body_schema)
