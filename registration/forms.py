from __future__ import annotations

from typing import Any

import phonenumbers
from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from partners.models import Partner, PartnerDocument

from .documents import DocumentRefused, pdf_check

MEMBER_TYPE_HELP = _(
    "<ul>"
    "<li><strong>Seller</strong>: you own an Official Store on the marketplace and integrate your own shop "
    "(for example your warehouse or ERP system). You register exactly one shop.</li>"
    "<li><strong>Third Party Enabler</strong>: you build software or services for sellers (order management, "
    "chat, accounting, ...) and integrate several sellers' shops: 3 to 10 Official Stores or Power Merchants.</li>"
    "</ul>"
)
SYSTEM_HELP = _(
    "<strong>In-house</strong>: your own team built the system that calls the API. "
    "<strong>Third Party</strong>: you use a vendor's system."
)
PDF_ERRORS = {
    "empty": _("The file is empty. Choose the PDF again."),
    "required": _("Upload this document as a PDF."),
}
DOCUMENT_FIELDS = (PartnerDocument.Kind.BUSINESS_CERTIFICATE, PartnerDocument.Kind.COMPANY_PROFILE)


def upload_body_bytes() -> int:
    """The largest request a page with the two PDF fields takes: both PDFs at
    the limit, plus the form's fields (console/lib/body_limit.py refuses more)."""
    return 2 * int(settings.REGISTRATION_MAX_PDF_BYTES) + 1024 * 1024


class CompanyForm(forms.Form):
    """Step 1. Labels are the SPEC's, word for word."""

    company_name = forms.CharField(label=_("Company name"), max_length=200)
    pic_name = forms.CharField(label=_("PIC Contact Name"), max_length=200)
    pic_phone = forms.CharField(
        label=_("PIC Contact Number"),
        max_length=32,
        help_text=_("An active number we can call, e.g. 0812 3456 7890 or +62 812 3456 7890."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    business_certificate = forms.FileField(
        label=_("Business Registration Certificate"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
        error_messages=PDF_ERRORS,
    )
    company_profile = forms.FileField(
        label=_("Company's Profile"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
        error_messages=PDF_ERRORS,
    )
    website = forms.URLField(
        label=_("Company Website URL"),
        max_length=300,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    member_type = forms.ChoiceField(
        label=_("Type of Member"),
        choices=Partner.MemberType.choices,
        widget=forms.RadioSelect,
        help_text=MEMBER_TYPE_HELP,
    )
    system = forms.ChoiceField(
        label=_("System"), choices=Partner.System.choices, widget=forms.RadioSelect, help_text=SYSTEM_HELP
    )

    def __init__(self, *args: Any, partner: Partner, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                field: getattr(partner, field)
                for field in self.base_fields
                if hasattr(Partner, field) and field not in DOCUMENT_FIELDS
            },
        )
        super().__init__(*args, **kwargs)
        self.describe_documents(partner)

    def describe_documents(self, partner: Partner) -> None:
        """Show each document already accepted as the current file (a file input can't be re-filled)."""
        self._bound_fields_cache.clear()  # type: ignore[attr-defined]  # bound fields copy help_text when built
        for kind in DOCUMENT_FIELDS:
            field = self.fields[kind]
            field.widget = forms.FileInput(attrs={"accept": "application/pdf,.pdf"})
            document: PartnerDocument | None = getattr(partner, kind)
            limit = filesizeformat(_max_bytes())
            field.required = document is None
            if document is None:
                field.help_text = gettext("A PDF, at most {limit}, not password-protected.").format(limit=limit)
            else:
                field.help_text = format_html(
                    ngettext(
                        'Current file: <strong class="current-file">{}</strong> ({}, {} page). '
                        "Choose another PDF (at most {}) only to replace it.",
                        'Current file: <strong class="current-file">{}</strong> ({}, {} pages). '
                        "Choose another PDF (at most {}) only to replace it.",
                        document.pages,
                    ),
                    document.original_name,
                    filesizeformat(document.size),
                    document.pages,
                    limit,
                )

    def clean_pic_phone(self) -> str:
        raw = self.cleaned_data["pic_phone"]
        try:
            number = phonenumbers.parse(raw, "ID")
        except phonenumbers.NumberParseException:
            number = None
        if number is None or not phonenumbers.is_valid_number(number):
            raise forms.ValidationError(_("Enter a valid phone number, e.g. 0812 3456 7890 or +62 812 3456 7890."))
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    def clean_business_certificate(self) -> UploadedFile | None:
        return self._clean_pdf("business_certificate")

    def clean_company_profile(self) -> UploadedFile | None:
        return self._clean_pdf("company_profile")

    def _clean_pdf(self, name: str) -> UploadedFile | None:
        upload = self.cleaned_data.get(name)
        if upload is None:
            return None
        try:
            pdf_check(upload)
        except DocumentRefused as refusal:
            raise forms.ValidationError(str(refusal)) from refusal
        return upload

    def uploads(self) -> dict[str, UploadedFile]:
        """The PDFs that passed the checks in this submission, by kind."""
        cleaned = getattr(self, "cleaned_data", {})
        return {kind: cleaned[kind] for kind in DOCUMENT_FIELDS if cleaned.get(kind) is not None}

    def company(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in self.fields if name not in DOCUMENT_FIELDS}


def _max_bytes() -> int:
    return int(settings.REGISTRATION_MAX_PDF_BYTES)


class TermsForm(forms.Form):
    # The version the partner read: if staff publish a newer one meanwhile, they read that first.
    terms_version = forms.IntegerField(widget=forms.HiddenInput)
    agree = forms.BooleanField(
        label=_("I have read and agree to the Terms and Conditions"),
        error_messages={"required": _("Tick the box to agree to the Terms and Conditions before you continue.")},
    )


class ShopsForm(forms.Form):
    domains = forms.CharField(
        label=_("Shop domains"),
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false", "autocapitalize": "none"}),
        help_text=_(
            "One shop domain a line, as in the shop's address: marketplace.example/<strong>acme-official</strong>."
        ),
        error_messages={"required": _("Enter at least one shop domain.")},
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejecting"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The partner reads this in the email and on their status page."),
        error_messages={"required": _("Give the reason for rejecting.")},
    )


class CompanyChangeForm(CompanyForm):
    """An active partner's request to change its company data: step 1's fields
    without the Type of Member, new PDFs optional, and a note for the reviewer."""

    note = forms.CharField(
        label=_("What changed, and why"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: helps staff review the change (for example a new legal name after a merger)."),
    )

    def __init__(self, *args: Any, partner: Partner, **kwargs: Any) -> None:
        super().__init__(*args, partner=partner, **kwargs)
        del self.fields["member_type"]
        for kind in DOCUMENT_FIELDS:
            self.fields[kind].required = False

    def company(self) -> dict[str, str]:
        return {name: value for name, value in super().company().items() if name != "note"}
