"""The Team page and the audit log run a flat number of queries, from 1 to 50
members and from 1 to 10,000 audit events."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.tests.factories import UserFactory
from apps_mgmt.tests.factories import issue_app
from audit.models import AuditEvent
from partners.models import Partner, PartnerMember
from partners.roles import Role
from teams.services import invitation_create

pytestmark = pytest.mark.django_db


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_team_page_runs_the_same_queries_for_one_member_or_fifty(
    alice: Client, acme: Partner, django_assert_max_num_queries
) -> None:
    one = _count(alice, "/team/")
    inviter = acme.super_admin
    for n, user in enumerate(UserFactory.create_batch(49)):
        PartnerMember.objects.create(partner=acme, user=user, role=list(Role)[1 + n % 3], invited_by=inviter)
    for n in range(20):
        invitation_create(partner=acme, email=f"pending{n}@acme.co.id", role=Role.VIEWER, actor=inviter)
    with django_assert_max_num_queries(one):
        html = alice.get("/team/").content.decode()
    assert html.count('class="badge role-') == 50 and html.count("/resend/") == 20


def _events(partner: Partner, count: int, fs_ids: list[int]) -> None:
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                action="app.ip_whitelist_update",
                actor=partner.super_admin,
                actor_type="user",
                actor_label=partner.super_admin.email,
                partner=partner,
                fs_id=fs_ids[n % len(fs_ids)],
                target_type="apps_mgmt.app",
                target_id=str(n),
                changes={"ip_whitelist": [[], [f"203.0.113.{n % 250}"]]},
            )
            for n in range(count)
        ],
        batch_size=2000,
    )


@pytest.mark.parametrize("filtered", [False, True])
def test_the_audit_log_runs_the_same_queries_for_one_event_or_ten_thousand(
    alice: Client, acme: Partner, django_assert_max_num_queries, filtered: bool
) -> None:
    fs_ids = [issue_app(acme, name=f"App {n}").app.fs_id for n in range(5)]
    query = f"?who=u{acme.super_admin_id}&action=app.ip_whitelist_update&app={fs_ids[3]}&page=3" if filtered else ""
    _events(acme, 1, fs_ids[3:4])
    one = _count(alice, f"/team/audit/{query}")
    _events(acme, 9_999, fs_ids)
    with django_assert_max_num_queries(one):
        html = alice.get(f"/team/audit/{query}").content.decode()
    assert html.count("<del>") == 50
    assert ("2,001 events match" if filtered else "10,005 events") in html
