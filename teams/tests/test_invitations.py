"""Invitations: Alice invites, the invited address alone accepts, once, within 7 days."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.tests.factories import UserFactory
from audit.models import AuditEvent
from partners.models import Partner, PartnerMember
from partners.roles import Role
from partners.tests.factories import PartnerFactory, add_member
from shops.tests.helpers import mails
from teams.models import Invitation
from teams.services import InvitationUnusable, TeamError, invitation_accept, invitation_create, invitation_resend

pytestmark = pytest.mark.django_db


def _token(url: str) -> str:
    match = re.search(r"/team/join/([^/]+)/", url)
    assert match, url
    return match.group(1)


def _invite(acme: Partner, email: str = "bob@acme.co.id", role: str = Role.DEVELOPER) -> str:
    return invitation_create(partner=acme, email=email, role=role, actor=acme.super_admin).url


def test_alice_invites_bob_who_gets_an_email_with_a_link(
    alice: Client, acme: Partner, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = alice.post("/team/invite/", {"email": "Bob@Acme.co.id", "role": "developer"}, follow=True)
    assert "Invitation sent to bob@acme.co.id as Developer" in response.content.decode()
    invitation = Invitation.objects.get(partner=acme)
    assert (invitation.email, invitation.role, invitation.status) == ("bob@acme.co.id", "developer", "pending")
    assert invitation.expires_at - invitation.created_at == timedelta(days=7)
    [mail] = mails()
    assert mail.to == "bob@acme.co.id" and "Acme" in mail.subject
    assert "as Developer" in mail.text and "/team/join/" in mail.text
    event = AuditEvent.objects.get(action="invitation.create")
    assert event.actor == acme.super_admin and event.data == {"email": "bob@acme.co.id", "role": "developer"}


def test_bob_accepts_with_his_verified_address_and_joins_as_developer(acme: Partner, client: Client) -> None:
    token = _token(_invite(acme))
    bob = UserFactory(email="bob@acme.co.id")
    client.force_login(bob)
    page = client.get(f"/team/join/{token}/").content.decode()
    assert "Join Acme" in page and "Accept and join Acme" in page
    response = client.post(f"/team/join/{token}/", follow=True)
    assert "Welcome to Acme: you joined as Developer" in response.content.decode()
    member = PartnerMember.objects.get(user=bob)
    assert (member.partner, member.role, member.invited_by) == (acme, "developer", acme.super_admin)
    assert Invitation.objects.get().status == Invitation.Status.ACCEPTED
    assert AuditEvent.objects.filter(action="member.join", actor=bob, partner=acme).exists()


def test_a_new_person_signs_up_through_the_link_without_a_second_verification(acme: Partner, client: Client) -> None:
    token = _token(_invite(acme, "carol@acme.co.id", Role.VIEWER))
    landing = client.get(f"/team/join/{token}/").content.decode()
    assert "Create an account" in landing and "c***@acme.co.id" in landing
    signup = client.get(f"/accounts/signup/?next=/team/join/{token}/").content.decode()
    assert 'value="carol@acme.co.id"' in signup
    response = client.post(
        f"/accounts/signup/?next=/team/join/{token}/",
        {"email": "carol@acme.co.id", "password1": "a-Strong-passphrase-42", "password2": "a-Strong-passphrase-42"},
    )
    assert response.status_code == 302 and response["Location"] == f"/team/join/{token}/"
    client.post(f"/team/join/{token}/")
    assert PartnerMember.objects.get(user__email="carol@acme.co.id").role == Role.VIEWER


def test_someone_elses_link_is_refused_and_logged(acme: Partner, client: Client) -> None:
    token = _token(_invite(acme))
    charlie = UserFactory(email="charlie@elsewhere.example")
    client.force_login(charlie)
    assert "this invitation is for b***@acme.co.id" in client.get(f"/team/join/{token}/").content.decode()
    response = client.post(f"/team/join/{token}/")
    assert response.status_code == 400
    assert "This invitation is for someone else" in response.content.decode()
    assert not PartnerMember.objects.filter(user=charlie).exists()
    assert Invitation.objects.get().status == Invitation.Status.PENDING
    refused = AuditEvent.objects.get(action="invitation.accept_refused")
    assert refused.refused and refused.actor == charlie and refused.partner == acme


def test_an_unverified_address_does_not_count(acme: Partner) -> None:
    token = _token(_invite(acme))
    bob = UserFactory(email="bob@acme.co.id", verified=False)
    with pytest.raises(InvitationUnusable) as refusal:
        invitation_accept(token=token, user=bob)
    assert refusal.value.reason == "other_person"


@pytest.mark.parametrize(
    ("spoil", "heading"),
    [
        ("expired", "This invitation has expired"),
        ("revoked", "This invitation was revoked"),
        ("accepted", "This invitation was already used"),
        ("tampered", "This invitation link isn't valid"),
    ],
)
def test_a_spoiled_link_gets_a_clear_page_and_changes_nothing(
    acme: Partner, client: Client, spoil: str, heading: str
) -> None:
    token = _token(_invite(acme))
    invitation = Invitation.objects.get()
    bob = UserFactory(email="bob@acme.co.id")
    if spoil == "expired":
        Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    elif spoil == "revoked":
        alice = Client()
        alice.force_login(acme.super_admin)
        alice.post(f"/team/invitations/{invitation.pk}/revoke/")
    elif spoil == "accepted":
        invitation_accept(token=token, user=bob)
        PartnerMember.objects.filter(user=bob).delete()
    else:
        token = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    client.force_login(bob)
    for response in (client.get(f"/team/join/{token}/"), client.post(f"/team/join/{token}/")):
        assert response.status_code == 400 and heading in response.content.decode()
        assert "Nothing was changed" in response.content.decode()
    assert not PartnerMember.objects.filter(user=bob).exists()


def test_resend_sends_a_new_link_and_the_old_one_says_it_was_replaced(acme: Partner, client: Client) -> None:
    old = _token(_invite(acme))
    issued = invitation_resend(invitation=Invitation.objects.get(), actor=acme.super_admin)
    bob = UserFactory(email="bob@acme.co.id")
    client.force_login(bob)
    assert "A newer invitation replaced this one" in client.post(f"/team/join/{old}/").content.decode()
    client.post(f"/team/join/{_token(issued.url)}/")
    assert PartnerMember.objects.get(user=bob).partner == acme
    assert list(Invitation.objects.order_by("id").values_list("status", flat=True)) == ["replaced", "accepted"]


def test_an_address_of_another_partners_member_is_refused(acme: Partner) -> None:
    PartnerFactory(super_admin__email="dave@other.example")
    with pytest.raises(TeamError, match="already belongs to another partner account"):
        _invite(acme, "dave@other.example")
    with pytest.raises(TeamError, match="already on your team"):
        _invite(acme, "alice@acme.co.id")
    assert not Invitation.objects.exists()


def test_a_person_who_joined_another_partner_meanwhile_cant_accept(acme: Partner) -> None:
    token = _token(_invite(acme))
    bob = UserFactory(email="bob@acme.co.id")
    PartnerMember.objects.create(partner=PartnerFactory(), user=bob, role=Role.VIEWER)
    with pytest.raises(InvitationUnusable) as refusal:
        invitation_accept(token=token, user=bob)
    assert refusal.value.reason == "other_partner"


def test_an_admin_cant_invite_an_owner_and_a_developer_cant_invite_at_all(acme: Partner) -> None:
    admin = add_member(acme, role=Role.ADMIN)
    developer = add_member(acme, role=Role.DEVELOPER)
    with pytest.raises(TeamError, match="Only an Owner can invite an Owner"):
        invitation_create(partner=acme, email="x@acme.co.id", role=Role.OWNER, actor=admin.user)
    with pytest.raises(Exception, match="Only an Owner or Admin can do this, and your role is Developer"):
        invitation_create(partner=acme, email="x@acme.co.id", role=Role.VIEWER, actor=developer.user)
    assert not Invitation.objects.exists()


def test_an_account_sends_at_most_the_daily_number_of_invitations(acme: Partner, settings, alice: Client) -> None:
    settings.TEAM_INVITATIONS_PER_DAY = 2
    _invite(acme, "one@acme.co.id")
    _invite(acme, "two@acme.co.id")
    response = alice.post("/team/invite/", {"email": "three@acme.co.id", "role": "viewer"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "sent 2 invitations in the last 24 hours" in html and 'value="three@acme.co.id"' in html
    assert Invitation.objects.count() == 2
