"""The team, in Chromium: Alice invites Bob (Developer) and Carol (Viewer); Bob
signs up through his link and creates an app; Carol sees it without its secret
and can change nothing; Alice demotes Bob; the audit log shows each step and
who took it; the last Owner can't leave."""

from __future__ import annotations

import re

import pytest

from accounts.tests.factories import PASSWORD
from partners.models import Partner, PartnerMember
from partners.roles import Role
from partners.tests.factories import PartnerFactory
from shops.tests.helpers import mails

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "a-Strong-passphrase-42"


def _sign_in(page, email: str, password: str = PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("heading", name="Welcome").wait_for()


def _invite(page, email: str, role: str) -> None:
    page.get_by_label("Email address").fill(email)
    page.get_by_role("radio", name=re.compile(f"^{role}:")).check()
    page.get_by_role("button", name="Send invitation").click()
    page.get_by_text(f"Invitation sent to {email} as {role}").wait_for()


def _join_link(email: str) -> str:
    [mail] = [mail for mail in mails() if mail.to == email]
    match = re.search(r"https?://[^/\s]+(/team/join/[^/\s]+/)", mail.text)
    assert match, mail.text
    return match.group(1)


def _sign_up_through(page, link: str, email: str) -> None:
    page.goto(link)
    page.get_by_role("link", name="Create an account").click()
    assert page.get_by_label("Email").input_value() == email  # filled in from the invitation
    page.get_by_label("Password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Password (again)").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    page.get_by_role("button", name=re.compile("Accept and join Acme")).click()
    page.get_by_text("Welcome to Acme").wait_for()


def test_alice_builds_her_team_and_the_log_tells_the_story(page, browser, live_server) -> None:
    acme = PartnerFactory(status=Partner.Status.ACTIVE, company_name="Acme", super_admin__email="alice@acme.co.id")
    _sign_in(page, "alice@acme.co.id")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Team").click()
    _invite(page, "bob@acme.co.id", "Developer")
    _invite(page, "carol@acme.co.id", "Viewer")
    assert page.locator(".invitation-list li").count() == 2

    bob = browser.new_context(base_url=live_server.url).new_page()
    _sign_up_through(bob, _join_link("bob@acme.co.id"), "bob@acme.co.id")
    bob.get_by_role("navigation", name="Main").get_by_role("link", name="Apps").click()
    bob.get_by_role("link", name="Create App").first.click()
    bob.get_by_label("App Name").fill("Bob's Order Sync")
    bob.get_by_role("button", name="Create App").click()
    secret = bob.get_by_role("textbox", name="Client Secret").input_value()
    assert len(secret) >= 32

    carol = browser.new_context(base_url=live_server.url).new_page()
    _sign_up_through(carol, _join_link("carol@acme.co.id"), "carol@acme.co.id")
    carol.goto("/apps/")
    carol.get_by_role("link", name="Bob's Order Sync").click()
    carol.get_by_role("heading", name="Bob's Order Sync").wait_for()  # the app's page, not the list still showing
    html = carol.content()
    assert secret not in html and "Regenerate Client Secret</button>" not in html
    assert carol.locator("form[method=post]:not(.lang-switch)").count() == 0  # nothing to send but her language
    assert carol.get_by_role("link", name="Create App").count() == 0
    carol.goto("/apps/create/")
    carol.get_by_text("Only an Owner, Admin or Developer can do this, and your role is Viewer").wait_for()

    page.reload()
    row = page.locator("tr", has_text="bob@acme.co.id")
    row.get_by_label("Role of bob@acme.co.id").select_option("viewer")
    row.get_by_role("button", name=re.compile("Change role")).click()
    page.get_by_text("bob@acme.co.id is now Viewer").wait_for()
    assert PartnerMember.objects.get(user__email="bob@acme.co.id").role == Role.VIEWER

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Audit log").click()
    page.get_by_role("heading", name="Audit log").wait_for()  # count() doesn't wait for the page to arrive
    story = [
        ("Invited a member", "alice@acme.co.id"),
        ("Joined the team", "bob@acme.co.id"),
        ("Created an app", "bob@acme.co.id"),
        ("Joined the team", "carol@acme.co.id"),
        ("Changed a member's role", "alice@acme.co.id"),
    ]
    for action, actor in story:
        assert page.locator("tr", has_text=action).filter(has_text=actor).count() >= 1, (action, actor)
    assert page.locator("tr", has_text="Changed a member's role").get_by_text("developer").count() == 1

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Team").click()
    page.get_by_text("The last Owner can't leave").wait_for()
    page.goto("/team/leave/")
    page.get_by_role("button", name="Leave the team").click()
    page.get_by_text("always keeps at least one Owner").wait_for()
    assert PartnerMember.objects.get(partner=acme, user__email="alice@acme.co.id").role == Role.OWNER
    assert page.console_errors == []
    bob.context.close()
    carol.context.close()
