"""How the apps area's audit actions read in the log (audit/labels.py)."""

from __future__ import annotations

LABELS = {
    "app.create": "Created an app",
    "app.import": "Imported an app",
    "app.import_refused": "Refused an Import App attempt",
    "app.delete": "Deleted an app",
    "app.suspend": "Suspended an app",
    "app.reinstate": "Reinstated an app",
    "app.client_secret_regenerate": "Regenerated the Client Secret",
    "app.ip_whitelist_update": "Changed the IP whitelist",
    "app.tokens_revoke": "Revoked the app's access tokens",
    "legacy_app.created": "Added a legacy app",
    "legacy_app.updated": "Changed a legacy app",
}
