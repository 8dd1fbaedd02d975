"""The account's audit log: who did what, filtered, exported; staff read every account's."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.tests.factories import PASSWORD, StaffFactory
from apps_mgmt.services import app_import, client_secret_regenerate
from apps_mgmt.tests.factories import issue_app
from audit.models import AuditEvent
from audit.services import audit_record
from partners.models import Partner, PartnerMember
from partners.roles import Role
from partners.tests.factories import PartnerFactory, add_member
from teams.services import member_role_change

from .conftest import signed_in

pytestmark = pytest.mark.django_db


def _csv(response) -> list[dict[str, str]]:
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body)))


def test_the_log_shows_who_did_what_with_the_change_and_no_secret(
    alice: Client, acme: Partner, bob_member: PartnerMember
) -> None:
    issued = issue_app(acme, name="Order Sync")
    new = client_secret_regenerate(app=issued.app, grace=timedelta(0), actor=acme.super_admin)
    member_role_change(member=bob_member, role=Role.VIEWER, actor=acme.super_admin)
    html = alice.get("/team/audit/").content.decode()
    for text in ("Created an app", "Regenerated the Client Secret", "Changed a member&#x27;s role", "alice@acme.co.id"):
        assert text in html
    assert f"App ID {issued.app.fs_id}" in html and "<del>developer</del> → <ins>viewer</ins>" in html
    assert issued.client_secret not in html and new.client_secret not in html and "[redacted]" in html


def test_a_refused_import_and_a_refused_sign_in_are_in_the_log(
    alice: Client, acme: Partner, bob_member: PartnerMember
) -> None:
    with pytest.raises(Exception, match="couldn't import"):
        app_import(partner=acme, fs_id=424242, client_id="guess", client_secret="guess", actor=acme.super_admin)
    Client().post("/accounts/login/", {"login": "bob@acme.co.id", "password": "not-" + PASSWORD})
    html = alice.get("/team/audit/?refused=on").content.decode()
    assert "Refused an Import App attempt" in html and "App ID 424242" in html and "guess" not in html
    assert "Refused a sign-in" in html and "bob@acme.co.id" in html and "wrong_password" in html
    assert "2 events match" in html


def test_filters_by_member_action_app_and_dates(alice: Client, acme: Partner, bob_member: PartnerMember) -> None:
    one = issue_app(acme, name="One").app
    two = issue_app(acme, name="Two").app
    bob = bob_member.user
    audit_record(actor=bob, action="app.ip_whitelist_update", target=two, partner=acme)
    old = AuditEvent.objects.create(
        created_at=timezone.now() - timedelta(days=40),
        action="app.delete",
        partner=acme,
        target_type="x",
        target_id="1",
    )
    by_bob = alice.get(f"/team/audit/?who=u{bob.pk}").content.decode()
    assert "1 event matches" in by_bob and "Changed the IP whitelist" in by_bob
    assert "2 events match" in alice.get("/team/audit/?action=app.create").content.decode()
    assert f"App ID {two.fs_id}" in alice.get(f"/team/audit/?app={two.fs_id}").content.decode()
    assert f"App ID {one.fs_id}" not in alice.get(f"/team/audit/?app={two.fs_id}").content.decode()
    day = timezone.localtime(old.created_at).date().isoformat()
    assert "1 event matches" in alice.get(f"/team/audit/?since={day}&until={day}").content.decode()
    bad = alice.get("/team/audit/?since=yesterday&app=999").content.decode()
    assert "Enter a valid date" in bad and "4 events" in bad  # a bad filter is dropped, not a 500


def test_owners_and_admins_export_csv_of_the_filtered_log(
    alice: Client, acme: Partner, bob_member: PartnerMember
) -> None:
    issue_app(acme, name="=HYPERLINK(1)")
    audit_record(actor=acme.super_admin, action="note.added", target=acme, partner=acme, data={"text": "=cmd|calc"})
    response = alice.get("/team/audit/export.csv?action=app.create")
    assert response["Content-Type"].startswith("text/csv") and "attachment" in response["Content-Disposition"]
    [row] = _csv(response)
    assert row["action"] == "app.create" and row["who"] == "alice@acme.co.id"
    assert '"name": [null, "=HYPERLINK(1)"]' in row["changes"] and row["changes"].startswith("{")
    everything = _csv(alice.get("/team/audit/export.csv"))
    assert any(r["details"] == '{"text": "=cmd|calc"}' for r in everything)  # JSON cells start with {, safe
    assert signed_in(bob_member).get("/team/audit/export.csv").status_code == 403
    assert "Export CSV" not in signed_in(bob_member).get("/team/audit/").content.decode()


def test_a_formula_in_a_cell_is_neutralised() -> None:
    from teams.audit_views import _cell

    assert _cell("=1+1") == "'=1+1" and _cell("@SUM(A1)") == "'@SUM(A1)" and _cell("plain") == "plain"


def test_an_account_sees_only_its_own_events(alice: Client, acme: Partner) -> None:
    charlie = PartnerFactory(status=Partner.Status.ACTIVE, company_name="Charlie Co")
    issue_app(charlie, name="Charlie secret app")
    assert "Charlie" not in alice.get("/team/audit/").content.decode()
    assert all(row["who"] != charlie.super_admin.email for row in _csv(alice.get("/team/audit/export.csv")))


def test_staff_read_every_accounts_log_and_partners_cant(client: Client, acme: Partner) -> None:
    issue_app(acme, name="Acme app")
    charlie = PartnerFactory(status=Partner.Status.ACTIVE, company_name="Charlie Co")
    issue_app(charlie, name="Charlie app")
    client.force_login(StaffFactory())
    html = client.get("/staff/audit/").content.decode()
    assert "Acme" in html and "Charlie Co" in html
    only_charlie = client.get(f"/staff/audit/?account={charlie.pk}").content.decode()
    assert "Charlie Co" in only_charlie and ">Acme<" not in only_charlie
    rows = _csv(client.get("/staff/audit/export.csv"))
    assert {row["account"] for row in rows} >= {"Acme", "Charlie Co"}
    partner = Client()
    partner.force_login(acme.super_admin)
    assert partner.get("/staff/audit/").status_code == 404
    assert partner.get("/staff/audit/export.csv").status_code == 404


def test_a_viewer_reads_the_log(acme: Partner) -> None:
    issue_app(acme, name="Visible")
    carol = signed_in(add_member(acme, role=Role.VIEWER))
    assert "Created an app" in carol.get("/team/audit/").content.decode()
