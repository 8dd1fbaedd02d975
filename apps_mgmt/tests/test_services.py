from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from apps_mgmt.models import App
from apps_mgmt.services import (
    AppLimitReached,
    AppStateError,
    WhitelistInvalid,
    app_create,
    app_delete,
    app_reinstate,
    app_suspend,
    app_whitelist_update,
    client_secret_regenerate,
)
from apps_mgmt.tests.factories import issue_app
from audit.models import AuditEvent
from console.lib.mail import eml_bodies, read_eml
from partners.models import Partner
from partners.tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def test_regenerating_with_a_grace_window_keeps_the_old_secret_working_until_it_ends(
    settings, django_capture_on_commit_callbacks
) -> None:
    settings.EMAIL_BACKEND = "console.lib.mail.EmlFileBackend"
    old = issue_app()
    with django_capture_on_commit_callbacks(execute=True):
        new = client_secret_regenerate(app=old.app, grace=timedelta(hours=1), actor=old.app.partner.super_admin)
    app = App.objects.get(pk=old.app.pk)
    assert new.client_secret != old.client_secret
    assert app.check_secret(new.client_secret) and app.check_secret(old.client_secret)
    later = timezone.now() + timedelta(hours=1, minutes=1)
    assert app.check_secret(new.client_secret, now=later)
    assert not app.check_secret(old.client_secret, now=later)
    assert AuditEvent.objects.filter(action="app.client_secret_regenerate", target_id=str(app.pk)).count() == 1

    [eml] = settings.EMAIL_FILE_PATH.glob("*.eml")
    message = read_eml(eml)
    text, html = eml_bodies(message)
    assert message["To"] == app.partner.super_admin.email
    assert "Client Secret regenerated" in message["Subject"]
    assert "keeps working until" in text and "keeps working until" in html
    assert new.client_secret not in text + html


def test_regenerating_without_grace_ends_the_old_secret_at_once() -> None:
    old = issue_app()
    new = client_secret_regenerate(app=old.app, grace=timedelta(0), actor=None)
    app = App.objects.get(pk=old.app.pk)
    assert app.check_secret(new.client_secret)
    assert not app.check_secret(old.client_secret)
    assert app.previous_secret_digest == "" and app.previous_secret_expires_at is None


def test_deleting_frees_the_slot_and_stops_the_credentials() -> None:
    alice = PartnerFactory(status=Partner.Status.ACTIVE)
    issued = [issue_app(alice, name=f"App {n}") for n in range(5)]
    app_delete(app=issued[0].app, actor=alice.super_admin)
    deleted = App.objects.get(pk=issued[0].app.pk)
    assert deleted.status == App.Status.DELETED and not deleted.is_live
    issue_app(alice, name="Replacement")
    assert App.objects.filter(partner=alice, status=App.Status.LIVE).count() == 5
    assert AuditEvent.objects.filter(action="app.delete", partner=alice).count() == 1
    with pytest.raises(AppStateError, match="already been deleted"):
        app_delete(app=deleted, actor=alice.super_admin)


def test_a_suspended_app_keeps_its_slot_and_cant_be_deleted() -> None:
    alice = PartnerFactory(status=Partner.Status.ACTIVE)
    apps = [issue_app(alice, name=f"App {n}").app for n in range(5)]
    app_suspend(app=apps[0], actor=None, reason="abuse")
    with pytest.raises(AppLimitReached):
        app_create(partner=alice, name="Sixth", description="", actor=alice.super_admin)
    with pytest.raises(AppStateError, match="suspended app can't be deleted"):
        app_delete(app=apps[0], actor=alice.super_admin)


def test_staff_suspend_and_reinstate_an_app_with_an_audit_trail() -> None:
    app = issue_app().app
    app_suspend(app=app, actor=None, reason="Leaked credentials")
    app.refresh_from_db()
    assert app.status == App.Status.SUSPENDED and not app.is_live
    with pytest.raises(AppStateError):
        app_suspend(app=app, actor=None)
    app_reinstate(app=app, actor=None)
    app.refresh_from_db()
    assert app.is_live
    actions = list(AuditEvent.objects.filter(target_id=str(app.pk)).values_list("action", flat=True))
    assert {"app.suspend", "app.reinstate"} <= set(actions)


def test_the_whitelist_is_stored_normalised_and_audited() -> None:
    app = issue_app().app
    app_whitelist_update(app=app, text="203.0.113.7\n\n198.51.100.0/24\n2001:DB8::/32\n203.0.113.7/32\n", actor=None)
    app.refresh_from_db()
    assert app.ip_whitelist == ["203.0.113.7", "198.51.100.0/24", "2001:db8::/32"]
    assert app.ip_allowed("198.51.100.20") and not app.ip_allowed("192.0.2.1")
    event = AuditEvent.objects.get(action="app.ip_whitelist_update")
    assert event.changes == {"ip_whitelist": [[], app.ip_whitelist]}


def test_a_bad_whitelist_is_refused_and_nothing_is_stored() -> None:
    app = issue_app().app
    with pytest.raises(WhitelistInvalid, match="Line 2"):
        app_whitelist_update(app=app, text="203.0.113.7\nnot-an-ip", actor=None)
    app.refresh_from_db()
    assert app.ip_whitelist == []


def test_deleting_an_app_frees_its_shops_and_tells_their_owners(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    from django.core import mail

    from shops.models import ShopLink
    from shops.tests.factories import ShopFactory

    issued = issue_app()
    alice = issued.app.partner
    held = ShopLink.objects.create(partner=alice, app=issued.app, shop=ShopFactory(), status=ShopLink.Status.ACTIVE)
    asked = ShopLink.objects.create(partner=alice, app=issued.app, shop=ShopFactory(), status=ShopLink.Status.INVITED)

    with django_capture_on_commit_callbacks(execute=True):
        app_delete(app=issued.app, actor=alice.super_admin)

    assert set(ShopLink.objects.filter(pk__in=[held.pk, asked.pk]).values_list("status", flat=True)) == {"removed"}
    assert {held.shop.owner_email, asked.shop.owner_email} <= {message.to[0] for message in mail.outbox}


def test_every_owner_hears_of_a_deleted_app_or_a_regenerated_secret(
    settings, django_capture_on_commit_callbacks
) -> None:
    from partners.roles import Role
    from partners.tests.factories import add_member

    settings.EMAIL_BACKEND = "console.lib.mail.EmlFileBackend"
    alice = PartnerFactory(status=Partner.Status.ACTIVE, super_admin__email="alice@acme.co.id")
    add_member(alice, role=Role.OWNER, email="dave@acme.co.id")
    bob = add_member(alice, role=Role.ADMIN, email="bob@acme.co.id").user
    issued = issue_app(alice, name="Old sync")
    with django_capture_on_commit_callbacks(execute=True):
        client_secret_regenerate(app=issued.app, grace=timedelta(0), actor=bob)
        app_delete(app=issued.app, actor=bob)
    messages = [read_eml(path) for path in sorted(settings.EMAIL_FILE_PATH.glob("*.eml"))]
    assert [(m["Subject"].split("] ")[-1], m["To"]) for m in messages] == [
        ("Client Secret regenerated for Old sync", "alice@acme.co.id, dave@acme.co.id"),
        ("App Old sync deleted", "alice@acme.co.id, dave@acme.co.id"),
    ]
    text, _ = eml_bodies(messages[1])
    assert "deleted by bob@acme.co.id" in text and "/team/audit/" in text


def test_a_developer_cant_delete_or_regenerate_even_by_calling_the_service() -> None:
    from partners.permissions import NotAllowed
    from partners.roles import Role
    from partners.tests.factories import add_member

    issued = issue_app()
    bob = add_member(issued.app.partner, role=Role.DEVELOPER).user
    with pytest.raises(NotAllowed, match="your role is Developer"):
        app_delete(app=issued.app, actor=bob)
    with pytest.raises(NotAllowed):
        client_secret_regenerate(app=issued.app, grace=timedelta(0), actor=bob)
    app_whitelist_update(app=issued.app, text="203.0.113.7", actor=bob)  # Developers may edit the whitelist
    assert App.objects.get(pk=issued.app.pk).is_live
