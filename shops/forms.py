from __future__ import annotations

from django import forms


class ShopDomainsForm(forms.Form):
    domains = forms.CharField(
        label="Shop domains",
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false", "autocapitalize": "none"}),
        help_text="One per line: the shop's domain (acme-official) or its address on the marketplace.",
        max_length=5000,
    )
