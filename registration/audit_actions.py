"""How the registration's audit actions read in the log (audit/labels.py)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

LABELS: dict[str, str | Promise] = {
    "application.started": _("Started the registration"),
    "application.document_uploaded": _("Uploaded a document"),
    "application.company_saved": _("Saved the company form"),
    "application.terms_accepted": _("Agreed to the Terms and Conditions"),
    "application.shops_set": _("Drafted the shops"),
    "application.submitted": _("Submitted the registration"),
    "application.approved": _("Approved the registration"),
    "application.rejected": _("Rejected the registration"),
    "partner.activate": _("The account became active"),
    "terms.published": _("Published Terms and Conditions"),
    "company_change.requested": _("Asked for a change of company data"),
    "company_change.withdrawn": _("Withdrew a company data change"),
    "company_change.approved": _("Approved a company data change"),
    "company_change.rejected": _("Rejected a company data change"),
}
