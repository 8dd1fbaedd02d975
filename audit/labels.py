"""What each audit action reads as on a page: "app.client_secret_regenerate" is
"Regenerated the Client Secret". Each app registers its own in its
`AppConfig.ready()`; an action nobody named reads as its code, humanised."""

from __future__ import annotations

from collections.abc import Mapping

_LABELS: dict[str, str] = {"audit.purged": "Purged events past the retention period"}


def register_action_labels(labels: Mapping[str, str]) -> None:
    _LABELS.update(labels)


def action_label(action: str) -> str:
    if action in _LABELS:
        return _LABELS[action]
    area, _, verb = action.partition(".")
    return f"{area.replace('_', ' ').capitalize()}: {verb.replace('_', ' ')}" if verb else action


def known_actions() -> dict[str, str]:
    return dict(_LABELS)
