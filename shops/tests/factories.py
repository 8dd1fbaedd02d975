from __future__ import annotations

import factory

from shops.models import Shop


class ShopFactory(factory.django.DjangoModelFactory):
    """An open Official Store of the catalogue; pass tier= or status= for others."""

    class Meta:
        model = Shop

    shop_id = factory.Sequence(lambda n: 10_000 + n)
    name = factory.Sequence(lambda n: f"Shop {n}")
    domain = factory.Sequence(lambda n: f"shop-{n}")
    tier = Shop.Tier.OFFICIAL_STORE
    status = Shop.Status.OPEN
    owner_id = factory.Sequence(lambda n: 90_000 + n)
    owner_email = factory.Sequence(lambda n: f"owner{n}@shops.example.com")
