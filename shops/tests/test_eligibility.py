from __future__ import annotations

import pytest

from partners.models import Partner
from partners.tests.factories import PartnerFactory
from shops.eligibility import domains_check, normalise_domain, shop_count_error
from shops.models import Shop, ShopLink
from shops.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db
TPE = Partner.MemberType.THIRD_PARTY_ENABLER
SELLER = Partner.MemberType.SELLER


def errors(partner: Partner, member_type: str, text: str) -> list[tuple[int, str, str]]:
    return [(v.line, v.domain, v.error) for v in domains_check(partner=partner, member_type=member_type, text=text)]


def test_it_gives_each_line_its_own_verdict() -> None:
    alice = PartnerFactory()
    charlie = PartnerFactory()
    ShopFactory(domain="acme-official")
    ShopFactory(domain="pm-pro", tier=Shop.Tier.POWER_MERCHANT_PRO)
    ShopFactory(domain="regular", tier=Shop.Tier.REGULAR_MERCHANT)
    ShopFactory(domain="shut", status=Shop.Status.CLOSED)
    ShopLink.objects.create(partner=charlie, shop=ShopFactory(domain="charlies"), status=ShopLink.Status.ACTIVE)

    text = "acme-official\n\nPM-Pro\nnowhere\nregular\nshut\ncharlies\nacme-official\n"
    assert errors(alice, TPE, text) == [
        (1, "acme-official", ""),
        (3, "pm-pro", ""),
        (4, "nowhere", "shop not found"),
        (5, "regular", "not eligible: Regular Merchant"),
        (6, "shut", "shop is closed"),
        (7, "charlies", "already linked to another partner"),
        (8, "acme-official", "listed twice"),
    ]


def test_a_seller_may_only_take_an_official_store() -> None:
    alice = PartnerFactory(member_type=SELLER)
    ShopFactory(domain="pm", tier=Shop.Tier.POWER_MERCHANT)
    assert errors(alice, SELLER, "pm") == [(1, "pm", "not eligible: Power Merchant")]


def test_it_runs_two_queries_whatever_the_number_of_lines(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    alice = PartnerFactory()
    shops = ShopFactory.create_batch(30)
    with django_assert_num_queries(2):
        verdicts = domains_check(partner=alice, member_type=TPE, text="\n".join(s.domain for s in shops))
    assert all(v.ok for v in verdicts)


def test_it_reads_shop_urls_as_domains() -> None:
    assert normalise_domain(" https://marketplace.example/Acme-Official/?x=1 ") == "acme-official"
    assert normalise_domain("acme-official/") == "acme-official"


@pytest.mark.parametrize(
    ("member_type", "count", "ok"),
    [
        (SELLER, 1, True),
        (SELLER, 0, False),
        (SELLER, 2, False),
        (TPE, 2, False),
        (TPE, 3, True),
        (TPE, 10, True),
        (TPE, 11, False),
    ],
)
def test_it_enforces_the_shop_counts(member_type: str, count: int, ok: bool) -> None:
    assert (shop_count_error(member_type=member_type, count=count) is None) is ok
