"""How the news actions read in the audit log (audit/labels.py)."""

from __future__ import annotations

LABELS = {
    "news.create": "Wrote a news post",
    "news.update": "Edited a news post",
    "news.schedule": "Scheduled a news post",
    "news.unschedule": "Took a news post back to draft",
    "news.publish": "Published a news post",
    "news.correct": "Corrected a published news post",
    "news.delete": "Deleted a draft news post",
    "news.email_preferences": "Changed which news is emailed",
}
