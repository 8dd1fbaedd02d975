"""How the news actions read in the audit log (audit/labels.py)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

LABELS: dict[str, str | Promise] = {
    "news.create": _("Wrote a news post"),
    "news.update": _("Edited a news post"),
    "news.schedule": _("Scheduled a news post"),
    "news.unschedule": _("Took a news post back to draft"),
    "news.publish": _("Published a news post"),
    "news.correct": _("Corrected a published news post"),
    "news.delete": _("Deleted a draft news post"),
    "news.email_preferences": _("Changed which news is emailed"),
}
