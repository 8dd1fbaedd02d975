"""Fuzz every operation of the OpenAPI document against the app itself:
no 5xx, and every response matches what the document says."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from .helpers import Setup


def _load() -> Any:
    # The document is generated here rather than fetched from /openapi/schema.yaml
    # (test_docs.py checks the two agree): schemathesis' fixture-based loader
    # relies on a pytest internal that pytest 9 removed.
    from django.core.wsgi import get_wsgi_application
    from drf_spectacular.generators import SchemaGenerator

    loaded = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
    loaded.app = get_wsgi_application()
    return loaded


schema = _load()


@pytest.fixture
def _keep_test_connection() -> Iterator[None]:
    """Django closes the connection at the end of a request when it is inside a
    transaction (the test's); its test Client unhooks that, a raw WSGI call doesn't."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=30,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@pytest.mark.django_db
@pytest.mark.usefixtures("_keep_test_connection")
def test_no_operation_fails_or_leaves_its_schema(case: Any, alice: Setup, settings: Any) -> None:
    settings.OPENAPI_RATE_LIMIT = 100_000
    # Aim at Alice's own app so that generated values reach parameter
    # validation and the database rather than stopping at the fs_id check.
    if "fs_id" in (case.path_parameters or {}):
        case.path_parameters["fs_id"] = alice.app.fs_id
    if case.query and "fs_id" in case.query:
        case.query["fs_id"] = alice.app.fs_id
    case.call_and_validate(
        headers={"Authorization": f"Bearer {alice.token()}"},
        checks=[not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance],
    )
