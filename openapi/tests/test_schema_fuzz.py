"""schemathesis with every check (`--checks all`) against the document the
console serves, on a live server: no 5xx, every answer as documented, valid
requests accepted and invalid ones refused. A bounded number of examples per
operation keeps it to about a minute."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .helpers import partner_with_app

EXAMPLES = 10

# What a schema can't state, declared per operation: OpenAPI 3 has no way to
# say that two query parameters depend on each other (a from_date/to_date
# pair more than 3 days apart is refused with Tokopedia's ORD_DLV_013), nor
# that a webhook URL must resolve to a public address (the SSRF guard).
_CONFIG = """
headers = {{ Authorization = "Bearer {token}" }}

[parameters]
fs_id = {fs_id}

[[operations]]
include-operation-id = "order_list"
checks.positive_data_acceptance.expected-statuses = ["2xx", "400", "401", "403", "404", "429"]

[[operations]]
include-operation-id = "webhook_register"
checks.positive_data_acceptance.expected-statuses = ["2xx", "400", "401", "403", "404", "429"]
"""


@pytest.mark.django_db(transaction=True)
def test_schemathesis_with_every_check_finds_nothing(live_server: Any, settings: Any, tmp_path: Path) -> None:
    settings.OPENAPI_RATE_PER_SECOND, settings.OPENAPI_RATE_BURST = 100_000, 1_000_000
    alice = partner_with_app()
    config = tmp_path / "schemathesis.toml"
    config.write_text(_CONFIG.format(token=alice.token(), fs_id=alice.app.fs_id))
    run = subprocess.run(
        [
            str(Path(sys.executable).with_name("schemathesis")),
            "--config-file",
            str(config),
            "run",
            f"{live_server.url}/openapi/schema.yaml",
            "--checks",
            "all",
            "--max-examples",
            str(EXAMPLES),
            "--seed",
            "17",
            # One worker: Hypothesis describes strategies with ast.parse, which
            # CPython 3.11 can't run in two threads at once.
            "--workers",
            "1",
            "--no-color",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
