"""Emails go out in the recipient's language and time zone; a shop owner with
no account reads the consent request in Bahasa Indonesia with the English
below (SHOP_OWNER_EMAIL_LANGUAGES). Every email renders in both languages."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy

from accounts.tests.factories import UserFactory
from console.lib.mail import queue_email, render_email
from outbox.models import Message
from partners.models import Partner, PartnerMember
from partners.tests.factories import PartnerFactory, add_member
from shops.emails import send_consent_request
from shops.models import ShopLink
from shops.tests.factories import ShopFactory
from teams import emails as team_emails

pytestmark = pytest.mark.django_db


def _emails() -> list[dict[str, Any]]:
    return [message.payload for message in Message.objects.filter(channel="email").order_by("pk")]


def test_each_recipient_reads_the_email_in_their_own_language() -> None:
    acme = PartnerFactory(company_name="Acme", super_admin=UserFactory(language="en"))
    bob = add_member(acme, PartnerMember.Role.DEVELOPER, language="id")
    team_emails.member_added(member=bob)
    [email] = _emails()
    assert email["to"] == [bob.user.email]
    assert email["subject"].endswith("Anda bergabung dengan Acme sebagai Developer")
    assert "Anda kini anggota tim Acme" in email["text"]
    assert "Bekerja dengan aplikasi" in email["text"]  # the role's summary, translated too
    assert '<html lang="id">' in email["html"] and "Buka konsol" in email["html"]


def test_recipients_of_one_email_who_read_different_languages_get_one_message_each() -> None:
    alice, budi = UserFactory(language="en"), UserFactory(language="id")
    queue_email(template="team_member_removed", to=[alice.email, budi.email], context={"company": "Acme", "actor": "X"})
    by_reader = {tuple(email["to"]): email["subject"] for email in _emails()}
    assert by_reader[(alice.email,)].endswith("You were removed from Acme")
    assert by_reader[(budi.email,)].endswith("Anda dikeluarkan dari Acme")


def test_an_invitation_to_an_address_without_account_reads_as_the_inviters_page(rf: Any) -> None:
    with translation.override("id"):
        queue_email(
            template="team_invitation",
            to=["new@toko.example.com"],
            context={
                "company": "Acme",
                "inviter": "alice@acme.example.com",
                "role": gettext_lazy("Viewer"),
                "role_summary": "",
                "url": "https://x",
                "expires": datetime(2026, 12, 9, 3, 0, tzinfo=ZoneInfo("UTC")),
            },
        )
    [email] = _emails()
    assert "sebagai Pelihat" in email["text"]
    assert "9 Desember 2026, 10.00 WIB" in email["text"] or "9 Desember 2026, 10:00 WIB" in email["text"]


def test_dates_in_an_email_are_in_the_recipients_zone_with_their_month_names() -> None:
    budi = UserFactory(language="id", time_zone="Asia/Makassar")
    when = datetime(2026, 8, 17, 1, 0, tzinfo=ZoneInfo("UTC"))
    queue_email(
        template="app_deleted",
        to=[budi.email],
        context={"app_name": "Gudang", "fs_id": 1, "actor": "a@b.c", "when": when, "apps_url": "u", "audit_url": "v"},
    )
    [email] = _emails()
    assert "17 Agustus 2026, 09:00 WITA" in email["text"]


def test_a_shop_owner_without_account_reads_the_consent_request_in_indonesian_then_english(settings: Any) -> None:
    acme = PartnerFactory(company_name="Acme", status=Partner.Status.APPROVED, member_type=Partner.MemberType.SELLER)
    link = ShopLink.objects.create(
        partner=acme,
        shop=ShopFactory(name="Toko Budi", owner_email="budi@toko.example.com"),
        status=ShopLink.Status.INVITED,
        expires_at=datetime(2026, 12, 9, 5, 0, tzinfo=ZoneInfo("UTC")),
    )
    send_consent_request(link)
    [email] = _emails()
    assert email["subject"].endswith("Acme meminta izin mengelola toko Anda Toko Budi")
    text = email["text"]
    indonesian, english = text.index("Arti akses ini"), text.index("What access means")
    assert indonesian < text.index("English") < english
    assert "9 Desember 2026, 12:00 WIB" in text and "9 December 2026, 12:00 WIB" in text
    assert "sebagai Penjual" in text and "as a Seller" in text
    html = email["html"]
    assert html.count("<html") == 1 and '<div lang="id">' in html and '<div lang="en">' in html
    assert html.index("Setujui") < html.index(">Approve<")

    settings.SHOP_OWNER_EMAIL_LANGUAGES = ["en"]
    Message.objects.all().delete()
    send_consent_request(link)
    [email] = _emails()
    assert "What access means" in email["text"] and "Arti akses ini" not in email["text"]


def test_a_shop_owner_with_an_account_reads_their_own_language() -> None:
    UserFactory(email="owner@toko.example.com", language="en")
    acme = PartnerFactory(company_name="Acme", status=Partner.Status.APPROVED)
    link = ShopLink.objects.create(
        partner=acme, shop=ShopFactory(owner_email="owner@toko.example.com"), status=ShopLink.Status.INVITED
    )
    send_consent_request(link)
    [email] = _emails()
    assert "What access means" in email["text"] and "Arti akses ini" not in email["text"]


def _templates() -> list[str]:
    """Every email of the project: its templates/ and each app's."""
    root = Path(settings.BASE_DIR)
    found = [*root.glob("templates/emails/*_subject.txt"), *root.glob("*/templates/emails/*_subject.txt")]
    return sorted({path.name.removesuffix("_subject.txt") for path in found})


@pytest.mark.parametrize("template", _templates())
def test_each_email_renders_in_english_and_in_bahasa_indonesia(template: str) -> None:
    # Every branch a template has: approved or not, a second round, a grace window.
    context = {
        "company_name": "Acme",
        "company": "Acme",
        "shop_name": "Toko Budi",
        "shop_domain": "toko-budi",
        "member_type": gettext_lazy("Seller"),
        "app_name": "Gudang",
        "fs_id": 1,
        "actor": "alice@acme.example.com",
        "when": datetime(2026, 12, 2, 3, 0, tzinfo=ZoneInfo("UTC")),
        "url": "https://console.example.com/",
        "approved": False,
        "activated": False,
        "was_active": True,
        "round": 2,
        "reason": "R",
        "role": gettext_lazy("Viewer"),
        "before": gettext_lazy("Owner"),
        "inviter": "alice@acme.example.com",
        "event": gettext_lazy("Order status"),
        "category": gettext_lazy("Deprecation"),
        "title": "shop-info v1",
        "effective_date": datetime(2027, 1, 31).date(),
        "endpoints": ["shop_info"],
        "body": "B",
        "body_html": "<p>B</p>",
        "expires_at": datetime(2026, 12, 9, 3, 0, tzinfo=ZoneInfo("UTC")),
        "decided_at": datetime(2026, 12, 2, 3, 0, tzinfo=ZoneInfo("UTC")),
        "expires": datetime(2026, 12, 9, 3, 0, tzinfo=ZoneInfo("UTC")),
    }
    english = render_email(template, context, languages=["en"])
    indonesian = render_email(template, context, languages=["id"])
    for subject, text, html in (english, indonesian):
        assert subject.strip() and text.strip() and html.strip()
    assert english[0] != indonesian[0] and english[1] != indonesian[1] and english[2] != indonesian[2]
    # Nothing English left in the Indonesian text but names, links and the footer's platform name.
    for sentence in ("Hello", "Your ", "The ", "If you", " was ", " is "):
        assert sentence not in indonesian[1], f"{template}: {sentence!r} in {indonesian[1]}"


@pytest.mark.parametrize(
    ("first", "grace", "subject", "sentences"),
    [
        (True, False, "Client Secret dibuat untuk Gudang", ["Client Secret pertama", "memperoleh token dengannya"]),
        (False, True, "Client Secret dibuat ulang untuk Gudang", ["Secret sebelumnya tetap berlaku hingga"]),
        (False, False, "Client Secret dibuat ulang untuk Gudang", ["langsung tidak berlaku"]),
    ],
)
def test_the_secret_email_says_each_of_its_cases_in_bahasa_indonesia(
    first: bool, grace: bool, subject: str, sentences: list[str]
) -> None:
    # The first secret of an imported app, a new one with a grace window, one without.
    context = {
        "app_name": "Gudang",
        "fs_id": 1,
        "actor": gettext_lazy("Staff"),
        "when": datetime(2026, 12, 2, 3, 0, tzinfo=ZoneInfo("UTC")),
        "grace_until": datetime(2026, 12, 9, 3, 0, tzinfo=ZoneInfo("UTC")) if grace else None,
        "first": first,
        "auth_url": "https://console.example.com/apps/1/auth/",
    }
    title, text, html = render_email("client_secret_regenerated", context, languages=["id"])
    assert title.endswith(subject)
    assert "oleh Staf pada 2 Desember 2026, 10:00 WIB" in text
    for sentence in sentences:
        assert sentence in text and sentence in html
    assert ("hingga 9 Desember 2026, 10:00 WIB" in text) == grace
    english = render_email("client_secret_regenerated", context, languages=["en"])[1]
    assert ("The first Client Secret" in english) == first


def test_a_suspension_email_reads_in_bahasa_indonesia_with_the_staffs_reason() -> None:
    context = {
        "app_name": "Gudang",
        "fs_id": 1,
        "reason": "Laporan penyalahgunaan #42",
        "when": datetime(2026, 12, 2, 3, 0, tzinfo=ZoneInfo("UTC")),
        "auth_url": "https://console.example.com/apps/1/auth/",
        "support_url": "https://support.example.com/",
    }
    title, text, html = render_email("app_suspended", context, languages=["id"])
    assert title.endswith("Gudang ditangguhkan")
    assert "Staf kami menangguhkan aplikasi Anda Gudang (App ID 1) pada 2 Desember 2026, 10:00 WIB." in text
    assert "Alasan: Laporan penyalahgunaan #42" in text
    assert "Hubungi tim bantuan agar aplikasi diaktifkan kembali" in html
    title, text, _ = render_email("app_reinstated", context, languages=["id"])
    assert title.endswith("Gudang diaktifkan kembali") and "Catatan: Laporan penyalahgunaan #42" in text
