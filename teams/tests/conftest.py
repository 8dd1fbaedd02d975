from __future__ import annotations

import pytest
from django.test import Client

from partners.models import Partner, PartnerMember
from partners.roles import Role
from partners.tests.factories import PartnerFactory, add_member


@pytest.fixture
def acme(db: None) -> Partner:
    """Alice's active account; she is its Owner."""
    return PartnerFactory(status=Partner.Status.ACTIVE, company_name="Acme", super_admin__email="alice@acme.co.id")


@pytest.fixture
def alice(client: Client, acme: Partner) -> Client:
    client.force_login(acme.super_admin)
    return client


@pytest.fixture
def bob_member(acme: Partner) -> PartnerMember:
    """Bob, on Alice's team as a Developer."""
    return add_member(acme, role=Role.DEVELOPER, email="bob@acme.co.id", first_name="Bob")


def signed_in(member: PartnerMember) -> Client:
    client = Client()
    client.force_login(member.user)
    return client


@pytest.fixture(autouse=True)
def _mail_to_files(settings) -> None:
    """Emails land in the test's mail folder, read back with shops.tests.helpers.mails()."""
    settings.EMAIL_BACKEND = "console.lib.mail.EmlFileBackend"
