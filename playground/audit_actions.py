"""How the API Playground's audit actions read in the log (audit/labels.py)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

LABELS: dict[str, str | Promise] = {
    "playground.send": _("Called the Open API from the API Playground"),
    "playground.saved_request_create": _("Saved an API Playground request"),
    "playground.saved_request_delete": _("Deleted a saved API Playground request"),
}
