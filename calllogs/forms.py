"""Log History's filters. A bad value is reported by its field and left out, never a 500."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .storage import LogQuery

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise

PRESETS = {"1h": timedelta(hours=1), "24h": timedelta(hours=24), "7d": timedelta(days=7), "30d": timedelta(days=30)}
RANGE_CHOICES = [
    ("1h", _("Last hour")),
    ("", _("Last 24 hours")),
    ("7d", _("Last 7 days")),
    ("30d", _("Last 30 days")),
    ("custom", _("Custom range")),
]
STATUS_CHOICES = [
    ("", _("Any status")),
    ("2", _("2xx success")),
    ("4", _("4xx client error")),
    ("5", _("5xx server error")),
]
_DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"]


def _datetime_field(label: _StrOrPromise) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=False,
        input_formats=_DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class LogFilterForm(forms.Form):
    range = forms.ChoiceField(label=_("Time range"), required=False, choices=RANGE_CHOICES)
    start = _datetime_field(_("From"))
    end = _datetime_field(_("To"))
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_CHOICES)
    endpoint = forms.ChoiceField(label=_("Endpoint"), required=False)
    shop_id = forms.IntegerField(label=_("Shop ID"), required=False, min_value=1, max_value=2**63 - 1)
    request_id = forms.CharField(label=_("Request ID"), required=False, max_length=128, strip=True)

    def __init__(self, *args: Any, endpoints: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["endpoint"].choices = [("", gettext("Any endpoint")), *[(path, path) for path in endpoints]]  # type: ignore[attr-defined]
        self.fields["start"].help_text = self.fields["end"].help_text = gettext("For a custom range.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and start >= end:
            self.add_error("end", _("The end of the range is before its start."))
        return data

    def query(self, app_id: int, *, now: datetime | None = None) -> LogQuery:
        """The filters as a LogQuery; the default range is the last 24 hours (the whole
        retention for a request id alone, so a link to one call always finds it)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        now = now or timezone.now()
        oldest = now - timedelta(days=settings.LOG_RETENTION_DAYS)
        chosen = data.get("range") or ""
        request_id = data.get("request_id") or ""
        if chosen == "custom":
            start = data.get("start") or oldest
            end = data.get("end") or now
        elif chosen in PRESETS:
            start, end = now - PRESETS[chosen], now
        elif request_id and not chosen:
            start, end = oldest, now
        else:
            start, end = now - PRESETS["24h"], now
        status = data.get("status") or ""
        return LogQuery(
            app_id=app_id,
            start=max(start, oldest),
            # Calls recorded in the second the page is opened count too.
            end=end + timedelta(seconds=1) if end == now else end,
            status_class=int(status) if status else None,
            path_template=data.get("endpoint") or "",
            shop_id=data.get("shop_id"),
            request_id=request_id,
        )
