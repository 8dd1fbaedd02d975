from __future__ import annotations

from typing import Any

import factory

from accounts.tests.factories import UserFactory
from partners.models import Partner, PartnerMember


class PartnerFactory(factory.django.DjangoModelFactory):
    """A partner account whose super admin is a fresh verified user (Alice)."""

    class Meta:
        model = Partner
        skip_postgeneration_save = True

    company_name = factory.Sequence(lambda n: f"Company {n}")
    member_type = Partner.MemberType.THIRD_PARTY_ENABLER
    super_admin = factory.SubFactory(UserFactory)

    @factory.post_generation
    def super_admin_membership(obj: Partner, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            PartnerMember.objects.create(partner=obj, user=obj.super_admin, role=PartnerMember.Role.OWNER)


def add_member(partner: Partner, role: str = PartnerMember.Role.ADMIN, **user_fields: Any) -> PartnerMember:
    """Bob on Alice's team, with the given role."""
    return PartnerMember.objects.create(partner=partner, user=UserFactory(**user_fields), role=role)
