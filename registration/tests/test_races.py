"""Shop limits hold when two requests replace the drafted shops at the same moment (PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from console.lib.errors import DomainError
from partners.models import Partner
from partners.tests.factories import PartnerFactory
from registration import services
from registration.tests.conftest import fill_company
from shops.models import Shop, ShopLink
from shops.tests.factories import ShopFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def race(partner: Partner, texts: list[str]) -> list[BaseException | None]:
    barrier = threading.Barrier(len(texts))
    outcomes: list[BaseException | None] = [None] * len(texts)

    def replace(index: int, text: str) -> None:
        try:
            barrier.wait()
            services.application_shops_set(partner=partner, text=text, actor=partner.super_admin)
        except DomainError as error:
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=replace, args=(i, text)) for i, text in enumerate(texts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_two_racing_lists_of_ten_leave_ten_drafted_shops(postgres: None) -> None:
    partner = fill_company(PartnerFactory(company_name="", member_type=""))
    first = ShopFactory.create_batch(10, tier=Shop.Tier.POWER_MERCHANT)
    second = ShopFactory.create_batch(10, tier=Shop.Tier.OFFICIAL_STORE)
    for _ in range(3):  # a few rounds: the interleaving differs each time
        outcomes = race(partner, ["\n".join(s.domain for s in first), "\n".join(s.domain for s in second)])
        assert outcomes == [None, None]
        drafted = set(
            ShopLink.objects.filter(partner=partner, status=ShopLink.Status.DRAFT).values_list("shop_id", flat=True)
        )
        # One list won whole; never a mix of both, never more than ten.
        assert drafted in ({s.pk for s in first}, {s.pk for s in second})


def test_a_seller_racing_two_single_shops_keeps_exactly_one(postgres: None) -> None:
    partner = fill_company(PartnerFactory(company_name="", member_type=""), member_type=Partner.MemberType.SELLER)
    shops = ShopFactory.create_batch(4)
    outcomes = race(partner, [shop.domain for shop in shops])
    assert outcomes == [None] * 4
    assert ShopLink.objects.filter(partner=partner, status=ShopLink.Status.DRAFT).count() == 1
