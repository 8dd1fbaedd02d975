"""The playground's links on pages of the floors below (registered in apps.py)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext

from apps_mgmt.models import App
from calllogs.entry_links import EntryLink
from calllogs.models import CallLog
from openapi.reference_links import ReferenceLink

from .catalogue import catalogue
from .templatetags.playground import playground_link


def reference_links(operation_id: str) -> list[ReferenceLink]:
    """ "Try it in the API Playground" on each endpoint of the API reference the playground offers."""
    url = playground_link(operation_id)
    return [ReferenceLink(gettext("Try it in the API Playground"), url)] if url else []


def log_entry_links(app: App, call: CallLog) -> list[EntryLink]:
    """ "Try again in the API Playground" on a Log History entry, when the playground offers its endpoint
    (not the token endpoint): the form opens filled in as the call was made."""
    if catalogue().route(call.method, call.path_template) is None:
        return []
    url = f"{reverse('playground:index', args=[app.fs_id])}?log={call.key}"
    return [EntryLink(gettext("Try again in the API Playground"), url)]
