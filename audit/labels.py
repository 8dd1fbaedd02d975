"""What each audit action reads as on a page: "app.client_secret_regenerate" is
"Regenerated the Client Secret". Each app registers its own in its
`AppConfig.ready()`; an action nobody named reads as its code, humanised."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

_LABELS: dict[str, str | Promise] = {"audit.purged": _("Purged events past the retention period")}


def register_action_labels(labels: Mapping[str, str | Promise]) -> None:
    _LABELS.update(labels)


def action_label(action: str) -> str | Promise:
    if action in _LABELS:
        return _LABELS[action]
    area, _dot, verb = action.partition(".")
    return f"{area.replace('_', ' ').capitalize()}: {verb.replace('_', ' ')}" if verb else action


def known_actions() -> dict[str, str | Promise]:
    return dict(_LABELS)
