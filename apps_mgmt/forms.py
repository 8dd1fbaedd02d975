from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .models import App
from .services import GRACE_CHOICES
from .whitelist import MAX_ENTRIES, whitelist_parse


class AppForm(forms.Form):
    name = forms.CharField(
        label=_("App Name"),
        max_length=100,
        help_text=_("Up to 100 characters. Shown to you and your team, e.g. “Warehouse sync”."),
        error_messages={
            "required": _("Give the app a name."),
            "max_length": _("Keep the name to %(limit_value)d characters (it has %(show_value)d)."),
        },
    )
    description = forms.CharField(
        label=_("App Description"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional, up to 500 characters: what the app does."),
        error_messages={"max_length": _("Keep the description to %(limit_value)d characters (it has %(show_value)d).")},
    )


class ImportForm(forms.Form):
    app_id = forms.CharField(
        label=_("App ID"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": _("Enter the App ID.")},
    )
    client_id = forms.CharField(
        label=_("Client ID"),
        max_length=64,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": _("Enter the Client ID.")},
    )
    # Never sent back to the browser: a refused attempt asks for it again.
    client_secret = forms.CharField(
        label=_("Client Secret"),
        max_length=200,
        strip=True,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("Enter the Client Secret.")},
    )

    def clean_app_id(self) -> int:
        value: str = self.cleaned_data["app_id"].strip()
        if not value.isdigit():
            raise forms.ValidationError(_("The App ID is a number, e.g. 12345678."))
        return int(value)


class RegenerateForm(forms.Form):
    grace = forms.ChoiceField(
        label=_("Keep the old secret working for"),
        choices=[(key, label) for key, (label, _) in GRACE_CHOICES.items()],
        initial="none",
        widget=forms.RadioSelect,
    )


class WhitelistForm(forms.Form):
    whitelist = forms.CharField(
        label=_("IP whitelist"),
        required=False,
        widget=forms.Textarea(
            attrs={"rows": 5, "spellcheck": "false", "placeholder": "203.0.113.7\n198.51.100.0/24\n2001:db8::/32"}
        ),
        help_text=format_lazy(
            _("One IPv4 or IPv6 address or CIDR range per line, up to {limit}. Leave empty to allow any IP."),
            limit=MAX_ENTRIES,
        ),
    )

    def clean_whitelist(self) -> str:
        text: str = self.cleaned_data["whitelist"]
        parsed = whitelist_parse(text)
        if parsed.errors:
            raise forms.ValidationError(parsed.errors)
        return text

    @classmethod
    def for_entries(cls, entries: list[str], **kwargs: Any) -> WhitelistForm:
        return cls(initial={"whitelist": "\n".join(entries)}, **kwargs)


class StaffAppSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Any status")), *App.Status.choices])


class StaffReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The account's Owners are emailed it, and it is kept in the audit log."),
        error_messages={"required": _("Give a reason: the partner is emailed it.")},
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Give a reason: the partner is emailed it."))
        return reason
