"""How the API Playground's audit actions read in the log (audit/labels.py)."""

from __future__ import annotations

LABELS = {
    "playground.send": "Called the Open API from the API Playground",
    "playground.saved_request_create": "Saved an API Playground request",
    "playground.saved_request_delete": "Deleted a saved API Playground request",
}
