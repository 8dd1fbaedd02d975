from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from partners.models import Partner, TermsVersion
from registration import services
from registration.seed import DEMO_TERMS, DEMO_TERMS_VERSION
from shops.models import Shop
from shops.tests.factories import ShopFactory

PDF_DIR = Path(__file__).resolve().parent / "fixtures" / "pdf"


def pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (PDF_DIR / name).read_bytes(), content_type="application/pdf")


def company_data(**overrides: str) -> dict[str, str]:
    data = {
        "company_name": "Acme Integrations",
        "pic_name": "Alice Santoso",
        "pic_phone": "0812 3456 7890",
        "website": "https://acme.co.id",
        "member_type": Partner.MemberType.THIRD_PARTY_ENABLER,
        "system": Partner.System.IN_HOUSE,
    }
    data.update(overrides)
    return data


@pytest.fixture
def terms(db: None) -> TermsVersion:
    return services.terms_publish(version=DEMO_TERMS_VERSION, body=DEMO_TERMS, actor=None)


def fill_company(partner: Partner, **overrides: str) -> Partner:
    company = company_data(**overrides)
    company["pic_phone"] = "+6281234567890"
    return services.application_company_save(
        partner=partner,
        actor=partner.super_admin,
        company=company,
        uploads={
            "business_certificate": pdf("valid_certificate.pdf"),
            "company_profile": pdf("valid_company_profile.pdf"),
        },
    )


def eligible_shops(count: int, tier: str = Shop.Tier.POWER_MERCHANT) -> list[Shop]:
    return ShopFactory.create_batch(count, tier=tier)


def ready_to_submit(partner: Partner, terms: TermsVersion, shops: int = 3) -> Partner:
    """Alice's registration with steps 1 to 3 done."""
    member_type = Partner.MemberType.SELLER if shops == 1 else Partner.MemberType.THIRD_PARTY_ENABLER
    partner = fill_company(partner, member_type=member_type)
    services.application_terms_accept(partner=partner, terms=terms, actor=partner.super_admin)
    tier = Shop.Tier.OFFICIAL_STORE if shops == 1 else Shop.Tier.POWER_MERCHANT
    domains = "\n".join(shop.domain for shop in eligible_shops(shops, tier))
    services.application_shops_set(partner=partner, text=domains, actor=partner.super_admin)
    partner.refresh_from_db()
    return partner


def submitted(partner: Partner, terms: TermsVersion, shops: int = 3) -> Partner:
    partner = ready_to_submit(partner, terms, shops)
    services.application_submit(partner=partner, actor=partner.super_admin)
    partner.refresh_from_db()
    return partner


def stored_files(settings) -> list[Path]:  # type: ignore[no-untyped-def]
    root = Path(settings.STORAGES["private"]["OPTIONS"]["location"])
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []
