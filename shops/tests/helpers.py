"""Shared set-up for the shop tests: an approved partner with invited shops,
and the mail folder read as the shop owners would read it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from console.lib.mail import eml_bodies, read_eml
from partners.models import Partner
from partners.tests.factories import PartnerFactory
from shops.models import ShopLink
from shops.services import shop_links_invite_drafts
from shops.tests.factories import ShopFactory

TPE = Partner.MemberType.THIRD_PARTY_ENABLER
SELLER = Partner.MemberType.SELLER


@dataclass
class Mail:
    to: str
    subject: str
    text: str
    html: str


def drafted_partner(*, member_type: str = TPE, shops: int = 3, **fields: object) -> Partner:
    """Alice's approved partner account with `shops` drafted shops (not yet invited)."""
    partner = PartnerFactory(status=Partner.Status.APPROVED, member_type=member_type, **fields)
    for shop in ShopFactory.create_batch(shops):
        ShopLink.objects.create(partner=partner, shop=shop)
    return partner


def invited_partner(*, member_type: str = TPE, shops: int = 3, **fields: object) -> tuple[Partner, list[ShopLink]]:
    partner = drafted_partner(member_type=member_type, shops=shops, **fields)
    links = shop_links_invite_drafts(partner=partner, actor=None)
    return partner, sorted(links, key=lambda link: link.shop.domain)


def mails() -> list[Mail]:
    folder = Path(settings.EMAIL_FILE_PATH)
    found = []
    for path in sorted(folder.glob("*.eml")) if folder.exists() else []:
        message = read_eml(path)
        text, html = eml_bodies(message)
        found.append(Mail(str(message["to"]), str(message["subject"]), text, html))
    return found


def consent_path(mail: Mail, decision: str = "approve") -> str:
    match = re.search(r"https?://[^/\s]+(/shop-consent/[^/\s]+/)\?decision=" + decision, mail.text)
    assert match, mail.text
    return match.group(1)
