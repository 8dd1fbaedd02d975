"""Which shops a partner may draft or add: the rules of SPEC section 1, in one place.

The registration form, Shop Management, the admin and any API all ask this
module, so a shop refused in one place is refused everywhere with the same words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext

from partners.models import Partner

from .models import Shop, ShopLink

Tier = Shop.Tier
MemberType = Partner.MemberType

ALLOWED_TIERS: dict[str, frozenset[str]] = {
    MemberType.SELLER: frozenset({Tier.OFFICIAL_STORE}),
    MemberType.THIRD_PARTY_ENABLER: frozenset({Tier.OFFICIAL_STORE, Tier.POWER_MERCHANT_PRO, Tier.POWER_MERCHANT}),
}
# (fewest, most) shops a partner of each member type works with.
SHOP_LIMITS: dict[str, tuple[int, int]] = {
    MemberType.SELLER: (1, 1),
    MemberType.THIRD_PARTY_ENABLER: (3, 10),
}


@dataclass(frozen=True)
class DomainVerdict:
    """The verdict on one line of a `Shop domains` textarea."""

    line: int
    domain: str
    shop: Shop | None
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


def normalise_domain(raw: str) -> str:
    """`https://marketplace.example/acme-official/` and `Acme-Official` both mean `acme-official`."""
    value = raw.strip().lower()
    if "://" in value:
        value = value.split("://", 1)[1]
        value = value.split("/", 1)[1] if "/" in value else value
    return value.strip("/").split("/")[0].split("?")[0]


def parse_domains(text: str) -> list[tuple[int, str]]:
    """(line number, domain) for each non-blank line, numbered as the partner sees them."""
    return [(number, normalise_domain(line)) for number, line in enumerate(text.splitlines(), start=1) if line.strip()]


def domains_check(
    *, partner: Partner, member_type: str, text: str, skip_shop_ids: Iterable[int] = ()
) -> list[DomainVerdict]:
    """One verdict per line. Two queries, whatever the number of lines.

    `skip_shop_ids` are shops the caller already holds for this partner (Shop
    Management adding to an existing list): listing one again is an error.
    """
    lines = parse_domains(text)
    domains = {domain for _, domain in lines}
    # A test shop belongs to its app alone: to everyone else it does not exist.
    shops = {shop.domain: shop for shop in Shop.objects.filter(domain__in=domains, is_test=False)}
    taken = set(
        ShopLink.objects.filter(shop__in=shops.values(), status=ShopLink.Status.ACTIVE)
        .exclude(partner=partner)
        .values_list("shop_id", flat=True)
    )
    held = set(skip_shop_ids)
    allowed = ALLOWED_TIERS.get(member_type, frozenset())
    seen: set[str] = set()
    verdicts = []
    for number, domain in lines:
        shop = shops.get(domain)
        verdicts.append(DomainVerdict(number, domain, shop, _refusal(shop, domain, allowed, seen, taken, held)))
        seen.add(domain)
    return verdicts


def _refusal(
    shop: Shop | None, domain: str, allowed: frozenset[str], seen: set[str], taken: set[int], held: set[int]
) -> str:
    if domain in seen:
        return gettext("listed twice")
    if shop is None:
        return gettext("shop not found")
    if shop.tier not in allowed:
        return gettext("not eligible: {tier}").format(tier=shop.get_tier_display())
    if shop.status != Shop.Status.OPEN:
        return gettext("shop is {status}").format(status=shop.get_status_display().lower())
    if shop.pk in taken:
        return gettext("already linked to another partner")
    if shop.pk in held:
        return gettext("already on your list")
    return ""


def shop_count_error(*, member_type: str, count: int) -> str | None:
    """What is wrong with working with `count` shops, or None when the count is allowed."""
    if member_type not in SHOP_LIMITS:
        return gettext("Choose a Type of Member first.")
    fewest, most = SHOP_LIMITS[member_type]
    if member_type == MemberType.SELLER and count != 1:
        return gettext("A Seller registers exactly one shop, and it must be an Official Store.")
    if count < fewest:
        return gettext("A Third Party Enabler needs at least {fewest} shops; you have {count}.").format(
            fewest=fewest, count=count
        )
    if count > most:
        return gettext("A Third Party Enabler may have at most {most} shops; you have {count}.").format(
            most=most, count=count
        )
    return None
