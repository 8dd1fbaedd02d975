"""The pages that changed late, read by someone whose language is Bahasa
Indonesia: each shows its Indonesian words, none of its English sentences,
and no text that is a catalogue string left untranslated (a template that
prints "Create App" where it should say {% translate "Create App" %}).

console/tests/test_translations.py checks the catalogue; this checks what
the pages actually print (docs/i18n.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from accounts.tests.factories import StaffFactory
from apps_mgmt.tests.factories import issue_app
from console.tests.languages import other_language_left
from partners.models import Partner
from partners.tests.factories import PartnerFactory
from shops.models import ShopLink
from shops.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Page:
    path: str  # {fs_id} is the app's
    who: str  # "owner", "staff" or "registering"
    indonesian: tuple[str, ...]
    english: tuple[str, ...]
    # False where part of the page is the OpenAPI document's own text (its tags, summaries), not the page's.
    whole_page: bool = True


PAGES = [
    Page(
        "/apps/",
        "owner",
        ("aplikasi terpakai. Satu akun boleh memiliki hingga", "Buat Aplikasi", "Hapus Aplikasi", ">Aktif<"),
        ("apps used. An account may have up to", ">Create App<", ">Delete App<", ">Live<"),
    ),
    Page(
        "/apps/{fs_id}/auth/",
        "owner",
        ("Geser ke samping untuk halaman aplikasi lainnya.", "Hanya empat karakter terakhir", "berakhiran"),
        ("Scroll sideways for more", "Only the last four characters", "Client Secret ending in"),
    ),
    Page(
        "/apps/{fs_id}/shops/",
        "owner",
        ("Manajemen Toko ·", "Menu aplikasi"),
        ("Shop Management ·", "App menu"),
    ),
    Page("/apps/{fs_id}/webhooks/", "owner", ("Pengaturan Webhook",), ("Scroll sideways",)),
    Page(
        "/company/",
        "owner",
        ("Nama Kontak PIC", "Sertifikat Pendaftaran Usaha", "belum disetujui", "belum ada"),
        ("PIC Contact Name", "not agreed", ">missing<"),
    ),
    Page(
        "/registration/company/",
        "registering",
        ("Langkah 1 dari 5: Perusahaan", "Langkah 1: Perusahaan · Pendaftaran", "belum dimulai"),
        ("Step 1 of", "Step 1:", "not started", "· Registration<"),
    ),
    Page(
        "/",
        "staff",
        ("Buka antrean peninjauan", "Buka ikhtisar aplikasi", "Tulis dan terbitkan kabar"),
        ("Open the review queue", "Open the apps overview", "Write and publish news"),
    ),
    Page(
        "/staff/apps/",
        "staff",
        ("Ikhtisar aplikasi", "Cari aplikasi", "Semua status", "1 aplikasi."),
        ("Apps overview", "Every partner's apps", "Any status", "1 app."),
    ),
    Page(
        "/staff/apps/{fs_id}/",
        "staff",
        ("Tangguhkan aplikasi ini", "Belum pernah ditangguhkan.", "Alasan"),
        ("Suspend this app", "Never suspended.", "Reason"),
    ),
    Page(
        "/staff/partners/",
        "staff",
        ("Semua akun mitra", "Cari mitra", "Aplikasi aktif", "Sejak"),
        ("Every partner account", "Search partners", "Live apps", ">Since<"),
    ),
    Page("/staff/review/", "staff", ("Antrean peninjauan", ">Tinjau<"), (">Review<", "<title>Review queue")),
    Page(
        "/dev/mail/",
        "staff",
        ("Email (pengembangan)", "Belum ada email."),
        ("Mail (development)", "No email yet."),
    ),
    Page(
        "/openapi/docs/",
        "staff",
        ("Referensi API", "Kembali ke daftar endpoint", "Amplop galat", ">Pesanan</a>", ">Toko</h2>"),
        ("Back to the endpoints", "The error envelope", ">Responses<", ">Order</a>", ">Shop</h2>"),
        # JSON's type names (object, string, integer) stay as a developer reads them in any language.
        whole_page=False,
    ),
]


@pytest.fixture
def people(settings: Any) -> dict[str, Any]:
    settings.DEBUG = True  # the dev mail pages exist only then (for a client on this machine)
    acme = PartnerFactory(status=Partner.Status.ACTIVE, company_name="Acme")
    app = issue_app(acme).app
    ShopLink.objects.create(partner=acme, app=app, shop=ShopFactory(), status=ShopLink.Status.ACTIVE)
    PartnerFactory(status=Partner.Status.SUBMITTED, company_name="Waiting Co")
    registering = PartnerFactory(status=Partner.Status.DRAFT, company_name="")
    staff = StaffFactory()
    users = {"owner": acme.super_admin, "staff": staff, "registering": registering.super_admin}
    for user in users.values():
        user.language = "id"
        user.save(update_fields=["language"])
    return {"users": users, "fs_id": app.fs_id}


@pytest.mark.parametrize("page", PAGES, ids=[f"{page.who}:{page.path}" for page in PAGES])
def test_the_page_speaks_bahasa_indonesia(page: Page, people: dict[str, Any]) -> None:
    client = Client()
    client.force_login(people["users"][page.who])
    response = client.get(page.path.format(fs_id=people["fs_id"]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="id">' in html
    assert [words for words in page.indonesian if words not in html] == []
    assert [words for words in page.english if words in html] == []
    if page.whole_page:
        assert other_language_left(html, "id") == []


def test_the_scripts_words_come_from_the_page_in_bahasa_indonesia(people: dict[str, Any]) -> None:
    """console.js says words("key", "English fallback"): each key is on <body data-key>, translated."""
    script = (Path(settings.BASE_DIR) / "static" / "js" / "console.js").read_text()
    asked = dict(re.findall(r'words\("([\w-]+)", "([^"]+)"', script))
    assert {"copied", "copied-note", "copy-fallback", "table", "scrolls"} <= set(asked)
    client = Client()
    client.force_login(people["users"]["owner"])
    body = re.search(r"<body([^>]*)>", client.get("/apps/").content.decode())
    assert body is not None
    given = dict(re.findall(r'data-([\w-]+)="([^"]*)"', body.group(1)))
    for key, english in asked.items():
        assert given.get(key), f"<body> has no data-{key} for console.js"
        assert given[key] != english, f"data-{key} is still English"
        assert ("{name}" in given[key]) == ("{name}" in english), f"data-{key} lost its {{name}}"
