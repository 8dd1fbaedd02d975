"""Which language a page speaks: the user's saved choice, else the switcher's
cookie, else the browser's Accept-Language, else LANGUAGE_CODE. Dates in the
user's time zone with the language's month names."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.test import Client

from accounts.models import User
from accounts.tests.factories import PASSWORD, UserFactory
from partners.models import Partner, PartnerMember
from partners.tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def test_an_indonesian_browser_gets_the_sign_in_page_in_bahasa_indonesia(client: Client) -> None:
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="id-ID,id;q=0.9,en;q=0.5").content.decode()
    assert '<html lang="id">' in page
    assert "Kata sandi" in page
    assert ">Masuk<" in page
    assert "Password" not in page


def test_without_a_preference_or_a_header_the_console_speaks_english(client: Client) -> None:
    response = client.get("/accounts/login/")
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert "Password" in page and "Kata sandi" not in page
    assert response["Content-Language"] == "en"
    assert "Accept-Language" in response["Vary"]


def test_a_saved_preference_wins_over_the_browser(client: Client) -> None:
    alice = UserFactory(language="id")
    client.force_login(alice)
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Dasbor" in page and "Keluar" in page
    alice.language = "en"
    alice.save()
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "Dashboard" in page and "Sign out" in page


def test_the_switcher_saves_the_choice_on_the_user_and_returns_to_the_page(client: Client) -> None:
    alice = UserFactory()
    client.force_login(alice)
    response = client.post("/accounts/language/", {"language": "id", "next": "/apps/"})
    assert response.status_code == 302 and response["Location"] == "/apps/"
    alice.refresh_from_db()
    assert alice.language == "id"
    assert "Aplikasi" in client.get("/apps/").content.decode()


def test_a_visitor_switching_keeps_the_language_in_a_cookie_and_can_switch_back(client: Client) -> None:
    page = client.get("/accounts/login/").content.decode()
    assert 'value="id" lang="id">Bahasa Indonesia</button>' in page
    client.post("/accounts/language/", {"language": "id", "next": "/accounts/login/"})
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "id"
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Kata sandi" in page
    assert 'value="en" lang="en">English</button>' in page
    client.post("/accounts/language/", {"language": "en", "next": "/accounts/login/"})
    assert "Password" in client.get("/accounts/login/").content.decode()


def test_the_switcher_ignores_a_next_that_leaves_the_site(client: Client) -> None:
    response = client.post("/accounts/language/", {"language": "id", "next": "https://evil.example/"})
    assert response.status_code == 302 and not response["Location"].startswith("https://evil")


def test_the_preferences_page_saves_language_and_time_zone(client: Client) -> None:
    alice = UserFactory()
    client.force_login(alice)
    page = client.get("/accounts/preferences/").content.decode()
    assert '<option value="Asia/Jakarta" selected>Asia/Jakarta (WIB)</option>' in page
    response = client.post("/accounts/preferences/", {"language": "id", "time_zone": "Asia/Makassar"}, follow=True)
    assert "Bahasa dan zona waktu Anda sudah disimpan." in response.content.decode()
    alice.refresh_from_db()
    assert (alice.language, alice.time_zone) == ("id", "Asia/Makassar")


def test_the_preferences_page_refuses_a_zone_it_does_not_offer(client: Client) -> None:
    alice = UserFactory()
    client.force_login(alice)
    response = client.post("/accounts/preferences/", {"language": "en", "time_zone": "Mars/Olympus"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    alice.refresh_from_db()
    assert alice.time_zone == "Asia/Jakarta"


def test_a_signup_keeps_the_language_it_was_made_in(client: Client) -> None:
    client.post(
        "/accounts/signup/",
        {"email": "budi@toko.example.com", "password1": PASSWORD, "password2": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="id",
    )
    assert User.objects.get(email="budi@toko.example.com").language == "id"


def test_dates_show_in_the_user_zone_with_indonesian_month_names(client: Client) -> None:
    alice = UserFactory(language="id", time_zone="Asia/Jayapura")
    acme = PartnerFactory(status=Partner.Status.ACTIVE, super_admin=alice)
    # 16:30 UTC on 1 December: 23:30 that day in Jakarta (WIB), 01:30 the next in Jayapura (WIT).
    PartnerMember.objects.filter(partner=acme).update(created_at=datetime(2026, 12, 1, 16, 30, tzinfo=ZoneInfo("UTC")))
    client.force_login(alice)
    assert "2 Des 2026" in client.get("/team/").content.decode()
    alice.time_zone = "Asia/Jakarta"
    alice.save()
    page = client.get("/team/").content.decode()
    assert "1 Des 2026" in page and "Bergabung" in page


def test_the_open_api_answers_in_tokopedias_english_whatever_the_caller_asks(client: Client) -> None:
    response = client.get("/v1/shop/fs/1/shop-info", HTTP_ACCEPT_LANGUAGE="id", HTTP_AUTHORIZATION="Bearer nope")
    assert response.status_code == 401
    assert "The access token is unknown or revoked" in response.content.decode()
    assert response["Content-Language"] == "en"
