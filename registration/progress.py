"""The registration's five-step progress bar, shared by steps 1 to 4 and step 5 (shops)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partners.models import Partner

from .selectors import Progress

STEPS = [
    ("company", _("Company")),
    ("terms", _("Terms and Conditions")),
    ("shops", _("Shops")),
    ("submit", _("Submit for approval")),
    ("", _("Wait for seller approval")),
]
STEP_ORDER = [name for name, _label in STEPS if name]


def progress_steps(partner: Partner, progress: Progress, current: str) -> list[dict[str, Any]]:
    """The five-step bar of components/progress.html."""
    submitted = partner.status in {Partner.Status.SUBMITTED, Partner.Status.APPROVED, Partner.Status.ACTIVE}
    # Once submitted, steps 1 to 3 are done whatever the shops' later states (their
    # links leave "draft" when owners are invited) or a newer T&C version say.
    done = {
        "company": progress.company or submitted,
        "terms": progress.terms or submitted,
        "shops": progress.shops or submitted,
        "submit": partner.status in {Partner.Status.APPROVED, Partner.Status.ACTIVE},
        "": partner.status == Partner.Status.ACTIVE,
    }
    steps = []
    for name, label in STEPS:
        reachable = name and (partner.is_editable or name == "submit")
        if name == current or (current == "status" and name == "submit") or (not name and current == "seller"):
            state = "current"
        elif done[name]:
            state = "done"
        else:
            state = "todo"
        if not name:
            url = reverse("registration:seller_approval") if partner.status == Partner.Status.APPROVED else ""
        elif reachable:
            url = reverse("registration:status" if name == "submit" and submitted else f"registration:{name}")
        else:
            url = ""
        steps.append({"label": label, "state": state, "url": url})
    return steps
