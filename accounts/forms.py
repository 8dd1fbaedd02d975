from __future__ import annotations

from typing import Any

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from .locale import language_choices, time_zone_names


class SignupForm(AllauthSignupForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Email")
        self.fields["email"].help_text = _(
            "We recommend your corporate email address (name@yourcompany.com): "
            "the marketplace's staff review your company under this address."
        )


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"))
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        help_text=_("Dates and times on every page and in your emails are shown in this time zone."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices()  # type: ignore[attr-defined]
        self.fields["time_zone"].choices = [(name, time_zone_label(name)) for name in time_zone_names()]  # type: ignore[attr-defined]


def time_zone_label(name: str) -> str:
    """`Asia/Jakarta (WIB)`: the abbreviation Indonesians use, where it has one."""
    short = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}.get(name)
    return f"{name} ({short})" if short else name
