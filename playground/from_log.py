"""A call from Log History back in the playground's form: "Try again in the API Playground".

The endpoint comes from the call's method and path key, the path's
parameters from its actual path, the query's from its recorded query, the
body as it was recorded. Nothing redacted comes back: a value that reads
`[redacted]` is left for the member to fill in.
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qsl

from calllogs.models import CallLog
from calllogs.recording import REDACTED

from .catalogue import Endpoint


def path_values(template: str, path: str) -> dict[str, str]:
    """`/v1/order/{order_id}/fs/{fs_id}/ack` against `/v1/order/7/fs/13/ack`: {"order_id": "7", "fs_id": "13"}."""
    parts = re.split(r"\{(\w+)\}", template)
    pattern = "".join(f"(?P<{part}>[^/]+)" if i % 2 else re.escape(part) for i, part in enumerate(parts))
    match = re.fullmatch(pattern, path)
    return dict(match.groupdict()) if match else {}


def call_form(endpoint: Endpoint, call: CallLog) -> tuple[dict[str, str], str]:
    """The form's values and body for a recorded call to this endpoint."""
    found = path_values(endpoint.path, call.path)
    for name, value in parse_qsl(call.request_query, keep_blank_values=True):
        found.setdefault(name, value)
    names = {param.name for param in endpoint.params}
    values = {name: value for name, value in found.items() if name in names and value != REDACTED}
    body = ""
    if endpoint.body_schema is not None and call.request_body:
        try:
            body = json.dumps(json.loads(call.request_body), indent=2, ensure_ascii=False)
        except ValueError:
            body = call.request_body  # cut at 16 KB, or not JSON: shown as recorded, the check says what's wrong
    return values, body
