"""The demo partner: an active account with a default app and three shops, for `make run`.

It is built through the same services a real partner goes through (sign-up
aside): the company form with two PDFs, the terms, three drafted shops,
submission, a staff approval and each owner's consent by the emailed token.
So the demo account is exactly what a partner has after onboarding, and it
changes when onboarding changes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from pypdf import PdfWriter

from accounts.models import User
from apps_mgmt.models import App
from apps_mgmt.services import client_secret_regenerate
from partners.models import Partner, PartnerDocument, PartnerMember
from registration import services as registration
from registration.selectors import current_terms
from shops.models import Shop, ShopLink
from shops.services import shop_link_decide
from shops.tokens import consent_token

DEMO_EMAIL = "demo@example.com"
DEMO_PASSWORD = "demo-partner-password"
# Catalogue shops kept for the demo partner (shops/data/demo_shops.csv), so the
# shops a newcomer drafts while trying the journey stay free.
DEMO_SHOP_DOMAINS = ("pasar-demo-official", "demo-fashion-pro", "camilan-demo")
DEMO_COMPANY = {
    "company_name": "Demo Partner",
    "pic_name": "Dita Demo",
    "pic_phone": "+6281200000000",
    "website": "https://demo-partner.example.com",
    "member_type": Partner.MemberType.THIRD_PARTY_ENABLER,
    "system": Partner.System.IN_HOUSE,
}


class DemoPartnerMissing(Exception):
    """seed_demo has not made the demo partner yet (or it is not active)."""


@dataclass(frozen=True)
class DemoCredentials:
    fs_id: int
    client_id: str
    client_secret: str
    shop_ids: list[int]
    other_shop_id: int | None

    def as_json(self) -> dict[str, object]:
        return {
            "fs_id": self.fs_id,
            "client_id": self.client_id,
            "client_secret": self.client_secret,
            "shop_ids": self.shop_ids,
            "other_shop_id": self.other_shop_id,
        }


def _pdf(name: str, pages: int) -> SimpleUploadedFile:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)  # A4 in points
    buffer = io.BytesIO()
    writer.write(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/pdf")


def seed_demo_partner(*, staff: User) -> tuple[Partner, bool]:
    """The active demo partner, made once; (partner, created). Needs the catalogue and the terms."""
    existing = Partner.objects.filter(memberships__user__email=DEMO_EMAIL).first()
    if existing is not None:
        return existing, False
    with transaction.atomic():
        user = User.objects.create_user(DEMO_EMAIL, DEMO_PASSWORD, first_name="Dita")
        EmailAddress.objects.create(user=user, email=DEMO_EMAIL, verified=True, primary=True)
        partner = registration.application_start(user=user)
        registration.application_company_save(
            partner=partner,
            actor=user,
            company=DEMO_COMPANY,
            uploads={
                PartnerDocument.Kind.BUSINESS_CERTIFICATE: _pdf("demo-business-certificate.pdf", 1),
                PartnerDocument.Kind.COMPANY_PROFILE: _pdf("demo-company-profile.pdf", 3),
            },
        )
        terms = current_terms()
        assert terms is not None, "seed the terms before the demo partner"
        registration.application_terms_accept(partner=partner, terms=terms, actor=user)
        registration.application_shops_set(partner=partner, text="\n".join(DEMO_SHOP_DOMAINS), actor=user)
        registration.application_submit(partner=partner, actor=user)
        registration.application_approve(partner=partner, actor=staff)
        for link in ShopLink.objects.filter(partner=partner, status=ShopLink.Status.INVITED):
            shop_link_decide(token=consent_token(link), decision="approve", ip=None)
    partner.refresh_from_db()
    return partner, True


def demo_app() -> App:
    """The demo partner's default app (its oldest live one)."""
    app = (
        App.objects.filter(
            partner__memberships__user__email=DEMO_EMAIL,
            partner__memberships__role=PartnerMember.Role.OWNER,
            partner__status=Partner.Status.ACTIVE,
            status=App.Status.LIVE,
        )
        .order_by("created_at", "id")
        .first()
    )
    if app is None:
        raise DemoPartnerMissing("No active demo partner: run `manage.py seed_demo` (make run does).")
    return app


def demo_credentials_issue() -> DemoCredentials:
    """A fresh Client Secret for the demo app, with what a script needs to call the Open API.

    The previous secret keeps working for an hour, so a script started a
    moment ago with the last one doesn't break.
    """
    app = demo_app()
    issued = client_secret_regenerate(app=app, grace=timedelta(hours=1), actor=None)
    shop_ids = sorted(
        ShopLink.objects.filter(app=app, status=ShopLink.Status.ACTIVE).values_list("shop__shop_id", flat=True)
    )
    other = (
        Shop.objects.filter(status=Shop.Status.OPEN, is_test=False)
        .exclude(shop_id__in=shop_ids)
        .order_by("shop_id")
        .values_list("shop_id", flat=True)
        .first()
    )
    return DemoCredentials(
        fs_id=app.fs_id,
        client_id=app.client_id,
        client_secret=issued.client_secret,
        shop_ids=list(shop_ids),
        other_shop_id=other,
    )
