from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ShopDomainsForm(forms.Form):
    domains = forms.CharField(
        label=_("Shop domains"),
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false", "autocapitalize": "none"}),
        help_text=_("One per line: the shop's domain (acme-official) or its address on the marketplace."),
        max_length=5000,
    )
