from __future__ import annotations

import html as html_lib

import pytest
from django.test import Client

from apps_mgmt.models import App
from apps_mgmt.tests.factories import issue_app
from audit.models import AuditEvent
from partners.models import Partner
from partners.tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return html_lib.unescape(response.content.decode())


def test_the_app_list_shows_alices_apps_with_their_menu(alice: Client, alice_partner: Partner) -> None:
    issued = issue_app(alice_partner, name="Warehouse sync")
    html = _text(alice.get("/apps/"))
    assert "Warehouse sync" in html and str(issued.app.fs_id) in html and issued.app.client_id in html
    assert "1 of 5" in html
    assert f'href="/apps/{issued.app.fs_id}/auth/">Authentication Management' in html
    assert f'href="/apps/{issued.app.fs_id}/playground/">API Playground' in html
    assert issued.client_secret not in html


def test_the_app_list_has_a_clear_empty_state(alice: Client) -> None:
    html = _text(alice.get("/apps/"))
    assert "No apps yet" in html and 'href="/apps/create/"' in html and 'href="/apps/import/"' in html


def test_a_partner_not_yet_active_is_pointed_at_the_registration(client: Client) -> None:
    partner = PartnerFactory(status=Partner.Status.SUBMITTED)
    client.force_login(partner.super_admin)
    html = _text(client.get("/apps/"))
    assert "Your account isn't active yet" in html and "Waiting for review" in html
    assert 'href="/apps/create/"' not in html
    assert client.post("/apps/create/", {"name": "Early"}).status_code == 302
    assert not App.objects.exists()


def test_a_user_without_a_partner_is_invited_to_register(client: Client) -> None:
    from accounts.tests.factories import UserFactory

    client.force_login(UserFactory())
    assert "Register your company to create apps" in _text(client.get("/apps/"))


def test_create_app_shows_the_secret_once_then_only_masked(alice: Client, alice_partner: Partner) -> None:
    response = alice.post("/apps/create/", {"name": "Order Sync", "description": "Pulls orders"}, follow=True)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    app = App.objects.get(partner=alice_partner)
    secret = response.context["secret"]
    html = _text(response)
    assert "Order Sync is ready: copy its Client Secret now" in html
    assert f'value="{secret}"' in html and app.check_secret(secret)
    assert str(app.fs_id) in html and app.client_id in html
    assert html.count("data-copy=") >= 3
    assert secret not in (app.secret_digest, app.description, str(dict(alice.session.items())))

    later = _text(alice.get(f"/apps/{app.fs_id}/auth/"))
    assert secret not in later and app.masked_secret in later
    assert AuditEvent.objects.filter(action="app.create", actor=alice_partner.super_admin).count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": ""}, "Give the app a name."),
        ({"name": "   "}, "Give the app a name."),
        ({"name": "x" * 101}, "Keep the name to 100 characters (it has 101)."),
        ({"name": "Ok", "description": "d" * 501}, "Keep the description to 500 characters (it has 501)."),
    ],
)
def test_create_app_refuses_bad_names_and_keeps_what_was_typed(alice: Client, data: dict, message: str) -> None:
    response = alice.post("/apps/create/", data)
    assert response.status_code == 400
    html = _text(response)
    assert message in html
    if data.get("description"):
        assert data["description"] in html
    assert not App.objects.exists()


def test_the_sixth_app_is_refused_with_a_clear_message(alice: Client, alice_partner: Partner) -> None:
    for n in range(5):
        issue_app(alice_partner, name=f"App {n}")
    assert "already has 5 apps" in _text(alice.get("/apps/create/"))
    response = alice.post("/apps/create/", {"name": "Sixth"})
    assert response.status_code == 400
    assert "An account may have at most 5 live apps" in _text(response)
    assert 'value="Sixth"' in _text(response)
    assert App.objects.filter(partner=alice_partner).count() == 5


def test_regenerate_shows_the_new_secret_once_after_the_redirect(
    alice: Client, alice_partner: Partner, settings, django_capture_on_commit_callbacks
) -> None:
    settings.EMAIL_BACKEND = "console.lib.mail.EmlFileBackend"
    old = issue_app(alice_partner)
    fs_id = old.app.fs_id
    with django_capture_on_commit_callbacks(execute=True):
        response = alice.post(f"/apps/{fs_id}/auth/regenerate/", {"grace": "24h"}, follow=True)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    secret = response.context["secret"]
    app = App.objects.get(pk=old.app.pk)
    assert app.check_secret(secret) and app.check_secret(old.client_secret)
    html = _text(response)
    assert "New Client Secret: copy it now" in html and "The previous secret keeps working until" in html
    assert secret not in str(dict(alice.session.items()))
    assert len(list(settings.EMAIL_FILE_PATH.glob("*.eml"))) == 1
    assert alice.get(f"/apps/{fs_id}/auth/regenerate/").status_code == 405


def test_regenerate_refuses_an_unknown_grace_window(alice: Client, alice_partner: Partner) -> None:
    issued = issue_app(alice_partner)
    response = alice.post(f"/apps/{issued.app.fs_id}/auth/regenerate/", {"grace": "forever"})
    assert response.status_code == 400
    assert App.objects.get(pk=issued.app.pk).check_secret(issued.client_secret)


def test_the_whitelist_is_saved_from_the_page(alice: Client, alice_partner: Partner) -> None:
    app = issue_app(alice_partner).app
    response = alice.post(
        f"/apps/{app.fs_id}/auth/whitelist/", {"whitelist": "203.0.113.7\n2001:db8::/32"}, follow=True
    )
    assert "IP whitelist saved: 2 entries" in _text(response)
    app.refresh_from_db()
    assert app.ip_whitelist == ["203.0.113.7", "2001:db8::/32"]


def test_bad_whitelist_entries_get_a_message_per_line_and_the_text_is_kept(
    alice: Client, alice_partner: Partner
) -> None:
    app = issue_app(alice_partner).app
    typed = "203.0.113.7\n300.1.2.3\n198.51.100.5/24\n10.0.0.0/33\n"
    response = alice.post(f"/apps/{app.fs_id}/auth/whitelist/", {"whitelist": typed})
    assert response.status_code == 400
    html = _text(response)
    assert "Line 2: “300.1.2.3” is not an IP address" in html
    assert "Line 3: “198.51.100.5/24” has host bits set; did you mean 198.51.100.0/24?" in html
    assert "Line 4: “10.0.0.0/33” is not a valid CIDR range" in html
    assert "Line 1" not in html
    assert "300.1.2.3\n198.51.100.5/24" in html
    app.refresh_from_db()
    assert app.ip_whitelist == []


def test_delete_asks_for_confirmation_then_frees_the_slot(alice: Client, alice_partner: Partner) -> None:
    app = issue_app(alice_partner, name="Old one").app
    confirm = _text(alice.get(f"/apps/{app.fs_id}/delete/"))
    assert "Delete Old one?" in confirm and "stop working immediately" in confirm
    response = alice.post(f"/apps/{app.fs_id}/delete/", follow=True)
    assert "Old one was deleted" in _text(response)
    app.refresh_from_db()
    assert app.status == App.Status.DELETED
    assert alice.get(f"/apps/{app.fs_id}/auth/").status_code == 404
    assert "Old one" not in _text(alice.get("/apps/")).replace("Old one was deleted", "")


def test_a_viewer_sees_but_cant_change(viewer: Client, alice_partner: Partner) -> None:
    issued = issue_app(alice_partner)
    fs_id = issued.app.fs_id
    listing = _text(viewer.get("/apps/"))
    assert issued.app.name in listing and "Create App" not in listing and "Delete App" not in listing
    page = _text(viewer.get(f"/apps/{fs_id}/auth/"))
    assert issued.app.client_id in page and "Only an Owner or Admin can regenerate the Client Secret" in page
    assert 'action="/apps/' not in page
    # A member is told which roles may (403); an outsider learns nothing (404, below).
    assert viewer.get("/apps/create/").status_code == 403
    assert viewer.get("/apps/import/").status_code == 403
    refused = viewer.post("/apps/create/", {"name": "Nope"})
    assert refused.status_code == 403 and "Only an Owner, Admin or Developer can do this" in _text(refused)
    assert viewer.post(f"/apps/{fs_id}/auth/regenerate/", {"grace": "none"}).status_code == 403
    assert viewer.post(f"/apps/{fs_id}/auth/whitelist/", {"whitelist": "203.0.113.7"}).status_code == 403
    assert viewer.post(f"/apps/{fs_id}/delete/").status_code == 403
    app = App.objects.get(pk=issued.app.pk)
    assert app.is_live and app.check_secret(issued.client_secret) and app.ip_whitelist == []


def test_charlie_cant_see_or_change_alices_apps(charlie: Client, alice_partner: Partner) -> None:
    issued = issue_app(alice_partner, name="Alice private")
    fs_id = issued.app.fs_id
    assert "Alice private" not in _text(charlie.get("/apps/"))
    assert charlie.get(f"/apps/{fs_id}/auth/").status_code == 404
    assert charlie.get(f"/apps/{fs_id}/delete/").status_code == 404
    assert charlie.post(f"/apps/{fs_id}/auth/regenerate/", {"grace": "none"}).status_code == 404
    assert charlie.post(f"/apps/{fs_id}/auth/whitelist/", {"whitelist": "203.0.113.7"}).status_code == 404
    assert charlie.post(f"/apps/{fs_id}/delete/").status_code == 404
    app = App.objects.get(pk=issued.app.pk)
    assert app.is_live and app.check_secret(issued.client_secret)


def test_pages_need_a_signed_in_user(client: Client) -> None:
    assert client.get("/apps/").status_code == 302
    assert client.get("/apps/create/").status_code == 302


def test_a_suspended_app_is_shown_as_such_and_cant_be_deleted(alice: Client, alice_partner: Partner) -> None:
    from apps_mgmt.services import app_suspend

    app = app_suspend(app=issue_app(alice_partner).app, actor=None)
    assert "Suspended by staff" in _text(alice.get("/apps/"))
    assert "Staff have suspended this app" in _text(alice.get(f"/apps/{app.fs_id}/auth/"))
    response = alice.post(f"/apps/{app.fs_id}/delete/", follow=True)
    assert "A suspended app can't be deleted" in _text(response)


def test_the_dashboard_has_an_apps_card_and_the_nav_an_apps_link(alice: Client, alice_partner: Partner) -> None:
    issue_app(alice_partner)
    html = _text(alice.get("/"))
    assert 'href="/apps/">Apps</a>' in html
    assert "1 of 5" in html and "Manage apps" in html
