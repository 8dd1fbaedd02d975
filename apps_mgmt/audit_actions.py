"""How the apps area's audit actions read in the log (audit/labels.py)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

LABELS: dict[str, str | Promise] = {
    "app.create": _("Created an app"),
    "app.import": _("Imported an app"),
    "app.import_refused": _("Refused an Import App attempt"),
    "app.delete": _("Deleted an app"),
    "app.suspend": _("Suspended an app"),
    "app.reinstate": _("Reinstated an app"),
    "app.client_secret_regenerate": _("Regenerated the Client Secret"),
    "app.ip_whitelist_update": _("Changed the IP whitelist"),
    "app.tokens_revoke": _("Revoked the app's access tokens"),
    "legacy_app.created": _("Added a legacy app"),
    "legacy_app.updated": _("Changed a legacy app"),
}
