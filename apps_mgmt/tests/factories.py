from __future__ import annotations

from apps_mgmt.services import IssuedApp, app_create
from partners.models import Partner
from partners.tests.factories import PartnerFactory


def issue_app(partner: Partner | None = None, name: str = "Alice's app") -> IssuedApp:
    """A live app made the way the console makes one, with its secret in clear."""
    partner = partner or PartnerFactory(status=Partner.Status.ACTIVE)
    return app_create(partner=partner, name=name, description="", actor=partner.super_admin)
