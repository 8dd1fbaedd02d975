"""What drf-spectacular can't say from the serializers alone, added to the
generated document (SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"])."""

from __future__ import annotations

from typing import Any

from .serializers import BATCH_MAX

# Batch bodies: a JSON array of 1 to BATCH_MAX rows (a ListSerializer's
# bounds don't reach the document).
_BATCHES = {"stock_update", "price_update"}


def batch_bounds(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    for path in result.get("paths", {}).values():
        for operation in path.values():
            if isinstance(operation, dict) and operation.get("operationId") in _BATCHES:
                schema = operation["requestBody"]["content"]["application/json"]["schema"]
                schema.update({"minItems": 1, "maxItems": BATCH_MAX})
    return result
