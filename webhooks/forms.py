from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from outbox.models import Message

from .events import URL_FIELDS, Event
from .services import MAX_SECRET_LENGTH, MIN_SECRET_LENGTH


class EndpointsForm(forms.Form):
    """One URL per event, with Tokopedia's field names; an empty field means no URL."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for event in Event:
            self.fields[URL_FIELDS[event.value]] = forms.CharField(
                label=gettext("{event} URL").format(event=event.label),
                required=False,
                max_length=500,
                widget=forms.URLInput(attrs={"placeholder": "https://", "autocomplete": "off", "spellcheck": "false"}),
            )

    def urls(self) -> dict[str, str]:
        return {event.value: self.cleaned_data.get(URL_FIELDS[event.value], "") for event in Event}


class SecretForm(forms.Form):
    secret = forms.CharField(
        label=_("Your own secret"),
        required=False,
        min_length=MIN_SECRET_LENGTH,
        max_length=MAX_SECRET_LENGTH,
        strip=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=format_lazy(
            _("{min} to {max} characters. Leave empty to have the console generate one."),
            min=MIN_SECRET_LENGTH,
            max=MAX_SECRET_LENGTH,
        ),
    )


class TestEventForm(forms.Form):
    event = forms.ChoiceField(label=_("Event"), choices=Event.choices)


class RecoverForm(forms.Form):
    since = forms.DateTimeField(
        label=_("Failed since"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
        help_text=_("Every delivery that failed and was created after this time is sent again."),
    )

    @classmethod
    def default(cls) -> RecoverForm:
        since = timezone.localtime(timezone.now() - timedelta(days=1)).replace(second=0, microsecond=0)
        return cls(initial={"since": since})

    def clean_since(self) -> Any:
        since = self.cleaned_data["since"]
        if since > timezone.now():
            raise forms.ValidationError(_("Pick a time in the past."))
        return since


class DeliveryFilterForm(forms.Form):
    event = forms.ChoiceField(label=_("Event"), required=False, choices=[("", _("All events")), *Event.choices])
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *Message.Status.choices]
    )
