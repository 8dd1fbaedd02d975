"""Two Owners acting at the same moment still leave the account an Owner (PostgreSQL)."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection

from console.lib.errors import DomainError
from partners.models import Partner, PartnerMember
from partners.roles import Role
from partners.tests.factories import PartnerFactory, add_member
from teams.services import member_leave, member_role_change

pytestmark = pytest.mark.postgres


def _at_once(*actions: Callable[[], object]) -> list[str]:
    """Run the actions in threads released together; each one's outcome."""
    barrier = threading.Barrier(len(actions))
    outcomes: list[str] = []
    lock = threading.Lock()

    def run(action: Callable[[], object]) -> None:
        try:
            barrier.wait()
            try:
                action()
                result = "done"
            except DomainError as error:
                result = f"refused: {error}"
            with lock:
                outcomes.append(result)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def _two_owners() -> tuple[Partner, PartnerMember, PartnerMember]:
    partner = PartnerFactory(status=Partner.Status.ACTIVE)
    alice = PartnerMember.objects.get(partner=partner, user=partner.super_admin)
    dave = add_member(partner, role=Role.OWNER)
    return partner, alice, dave


def _owners(partner: Partner) -> int:
    return PartnerMember.objects.filter(partner=partner, role=Role.OWNER).count()


def test_two_owners_demoting_each_other_at_once_leave_one_owner(postgres: None, transactional_db: None) -> None:
    partner, alice, dave = _two_owners()
    outcomes = _at_once(
        lambda: member_role_change(member=dave, role=Role.ADMIN, actor=alice.user),
        lambda: member_role_change(member=alice, role=Role.ADMIN, actor=dave.user),
    )
    assert sorted(outcome.split(":")[0] for outcome in outcomes) == ["done", "refused"]
    assert _owners(partner) == 1


def test_two_owners_leaving_at_once_leave_one_owner(postgres: None, transactional_db: None) -> None:
    partner, alice, dave = _two_owners()
    outcomes = _at_once(lambda: member_leave(member=alice), lambda: member_leave(member=dave))
    assert sorted(outcome.split(":")[0] for outcome in outcomes) == ["done", "refused"]
    assert next(o for o in outcomes if o.startswith("refused")).endswith("(or transfer ownership).")
    assert _owners(partner) == 1
    partner.refresh_from_db()
    assert PartnerMember.objects.get(partner=partner, role=Role.OWNER).user == partner.super_admin
