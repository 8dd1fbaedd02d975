"""Roles change, people leave or are removed, ownership moves: an account always keeps an Owner."""

from __future__ import annotations

import pytest
from django.test import Client

from audit.models import AuditEvent
from partners.models import Partner, PartnerMember
from partners.roles import Role
from partners.tests.factories import add_member
from shops.tests.helpers import mails
from teams.services import TeamError, member_leave, member_remove, member_role_change, ownership_transfer

from .conftest import signed_in

pytestmark = pytest.mark.django_db


def _owner(acme: Partner) -> PartnerMember:
    return PartnerMember.objects.get(partner=acme, user=acme.super_admin)


def test_alice_demotes_bob_who_is_emailed_and_the_log_shows_before_and_after(
    alice: Client, acme: Partner, bob_member: PartnerMember, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = alice.post(f"/team/members/{bob_member.pk}/role/", {"role": "viewer"}, follow=True)
    assert "bob@acme.co.id is now Viewer" in response.content.decode()
    bob_member.refresh_from_db()
    assert bob_member.role == Role.VIEWER
    [mail] = mails()
    assert mail.to == "bob@acme.co.id" and "from Developer to Viewer" in mail.text
    event = AuditEvent.objects.get(action="member.role_change")
    assert event.actor == acme.super_admin and event.changes == {"role": ["developer", "viewer"]}


def test_the_last_owner_cant_leave_be_demoted_or_removed(acme: Partner, alice: Client) -> None:
    owner = _owner(acme)
    admin = add_member(acme, role=Role.ADMIN)
    with pytest.raises(TeamError, match="always keeps at least one Owner"):
        member_leave(member=owner)
    with pytest.raises(TeamError, match="always keeps at least one Owner"):
        member_role_change(member=owner, role=Role.ADMIN, actor=acme.super_admin)
    # Staff act for the marketplace, and still can't leave an account without an Owner.
    with pytest.raises(TeamError, match="always keeps at least one Owner"):
        member_remove(member=owner, actor=None)
    with pytest.raises(TeamError, match="Only an Owner can remove an Owner"):
        member_remove(member=owner, actor=admin.user)
    page = alice.get("/team/").content.decode()
    assert "The last Owner can't leave" in page and 'href="/team/leave/"' not in page
    response = alice.post("/team/leave/", follow=True)
    assert "always keeps at least one Owner" in response.content.decode()
    assert _owner(acme).role == Role.OWNER


def test_an_admin_manages_developers_and_viewers_but_not_owners(acme: Partner, bob_member: PartnerMember) -> None:
    admin = add_member(acme, role=Role.ADMIN)
    member_role_change(member=bob_member, role=Role.ADMIN, actor=admin.user)
    with pytest.raises(TeamError, match="Only an Owner can make someone an Owner"):
        member_role_change(member=bob_member, role=Role.OWNER, actor=admin.user)
    with pytest.raises(TeamError, match="Only an Owner can change the role of an Owner"):
        member_role_change(member=_owner(acme), role=Role.VIEWER, actor=admin.user)
    page = signed_in(admin).get("/team/").content.decode()
    assert f"/team/members/{_owner(acme).pk}/remove/" not in page and f"/team/members/{bob_member.pk}/remove/" in page
    assert '<option value="owner"' not in page


def test_a_developer_sees_the_team_but_changes_nothing(acme: Partner, bob_member: PartnerMember) -> None:
    bob = signed_in(bob_member)
    page = bob.get("/team/").content.decode()
    assert "alice@acme.co.id" in page and "Invite a member" not in page and "/remove/" not in page
    owner = _owner(acme)
    assert bob.post(f"/team/members/{owner.pk}/role/", {"role": "viewer"}).status_code == 403
    assert bob.post(f"/team/members/{owner.pk}/remove/").status_code == 403
    assert bob.post("/team/invite/", {"email": "x@acme.co.id", "role": "owner"}).status_code == 403
    assert _owner(acme).role == Role.OWNER and not AuditEvent.objects.filter(partner=acme).exists()


def test_alice_removes_bob_who_loses_access_at_once(
    alice: Client, acme: Partner, bob_member: PartnerMember, django_capture_on_commit_callbacks
) -> None:
    bob = signed_in(bob_member)
    assert alice.get(f"/team/members/{bob_member.pk}/remove/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        alice.post(f"/team/members/{bob_member.pk}/remove/")
    assert not PartnerMember.objects.filter(pk=bob_member.pk).exists()
    assert bob.get("/team/").status_code == 404 and bob.get("/apps/").status_code == 200
    [mail] = mails()
    assert mail.to == "bob@acme.co.id" and "removed you from the team of Acme" in mail.text
    event = AuditEvent.objects.get(action="member.remove")
    assert event.data == {"email": "bob@acme.co.id", "role": "developer"}


def test_bob_leaves_the_team(acme: Partner, bob_member: PartnerMember) -> None:
    bob = signed_in(bob_member)
    assert "Leave Acme?" in bob.get("/team/leave/").content.decode()
    response = bob.post("/team/leave/", follow=True)
    assert "You left Acme" in response.content.decode()
    assert not PartnerMember.objects.filter(user=bob_member.user).exists()
    assert AuditEvent.objects.filter(action="member.leave", actor=bob_member.user).exists()


def test_alice_transfers_ownership_to_bob_and_becomes_an_admin(
    alice: Client, acme: Partner, bob_member: PartnerMember
) -> None:
    assert alice.post("/team/transfer/", {"member": bob_member.pk}).status_code == 400  # the box must be ticked
    response = alice.post("/team/transfer/", {"member": bob_member.pk, "confirm": "on"}, follow=True)
    assert "bob@acme.co.id now owns Acme; you are an Admin" in response.content.decode()
    acme.refresh_from_db()
    assert acme.super_admin == bob_member.user
    assert dict(PartnerMember.objects.filter(partner=acme).values_list("user__email", "role")) == {
        "alice@acme.co.id": "admin",
        "bob@acme.co.id": "owner",
    }
    assert alice.get("/team/transfer/").status_code == 403


def test_a_second_owner_lets_the_first_leave_and_becomes_the_contact(acme: Partner) -> None:
    dave = add_member(acme, role=Role.OWNER)
    member_leave(member=_owner(acme))
    acme.refresh_from_db()
    assert acme.super_admin == dave.user
    with pytest.raises(TeamError):
        ownership_transfer(partner=acme, to=dave, actor=dave.user)
