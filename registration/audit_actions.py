"""How the registration's audit actions read in the log (audit/labels.py)."""

from __future__ import annotations

LABELS = {
    "application.started": "Started the registration",
    "application.document_uploaded": "Uploaded a document",
    "application.company_saved": "Saved the company form",
    "application.terms_accepted": "Agreed to the Terms and Conditions",
    "application.shops_set": "Drafted the shops",
    "application.submitted": "Submitted the registration",
    "application.approved": "Approved the registration",
    "application.rejected": "Rejected the registration",
    "partner.activate": "The account became active",
    "terms.published": "Published Terms and Conditions",
    "company_change.requested": "Asked for a change of company data",
    "company_change.withdrawn": "Withdrew a company data change",
    "company_change.approved": "Approved a company data change",
    "company_change.rejected": "Rejected a company data change",
}
