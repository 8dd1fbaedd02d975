from __future__ import annotations

import pytest
from django.test import Client

from partners.models import Partner, PartnerMember
from partners.tests.factories import PartnerFactory, add_member


@pytest.fixture
def alice_partner(db: None) -> Partner:
    """Alice's active partner account (she is its super admin)."""
    return PartnerFactory(status=Partner.Status.ACTIVE, company_name="Acme", super_admin__email="alice@acme.co.id")


@pytest.fixture
def alice(client: Client, alice_partner: Partner) -> Client:
    client.force_login(alice_partner.super_admin)
    return client


@pytest.fixture
def viewer(alice_partner: Partner) -> Client:
    """Bob on Alice's team, as a viewer."""
    client = Client()
    client.force_login(add_member(alice_partner, role=PartnerMember.Role.VIEWER, first_name="Bob").user)
    return client


@pytest.fixture
def charlie(db: None) -> Client:
    """An outsider with his own active account."""
    client = Client()
    client.force_login(PartnerFactory(status=Partner.Status.ACTIVE, super_admin__first_name="Charlie").super_admin)
    return client
