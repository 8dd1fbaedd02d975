"""The audit log is append-only on PostgreSQL; the retention purge alone removes old rows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import audit_events_purge, audit_record
from partners.tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def _event(days_ago: int = 0) -> AuditEvent:
    partner = PartnerFactory()
    event = audit_record(actor=partner.super_admin, action="app.create", target=partner, partner=partner)
    if days_ago:
        # Rows are never updated, so an old one is written old.
        event = AuditEvent.objects.create(
            created_at=timezone.now() - timedelta(days=days_ago),
            action="app.create",
            partner=partner,
            target_type="partners.partner",
            target_id=str(partner.pk),
        )
    return event


@pytest.mark.postgres
def test_postgresql_refuses_to_update_or_delete_an_event(postgres: None) -> None:
    event = _event()
    for change in (
        lambda: AuditEvent.objects.filter(pk=event.pk).update(action="app.delete"),
        lambda: AuditEvent.objects.filter(pk=event.pk).delete(),
        lambda: event.save(),
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            change()
    event.refresh_from_db()
    assert event.action == "app.create"


@pytest.mark.postgres
def test_the_purge_setting_never_lets_a_recent_event_go(postgres: None) -> None:
    recent = _event()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            yesterday = (timezone.now() - timedelta(days=1)).isoformat()
            cursor.execute("SELECT set_config('audit.purge_before', %s, true)", [yesterday])
        AuditEvent.objects.filter(pk=recent.pk).delete()
    assert AuditEvent.objects.filter(pk=recent.pk).exists()


def test_the_purge_removes_events_past_the_retention_and_keeps_the_rest(settings) -> None:
    settings.AUDIT_RETENTION_DAYS = 30
    old, older = _event(days_ago=31), _event(days_ago=400)
    kept = _event(days_ago=29)
    assert audit_events_purge(batch=1) == 2
    assert not AuditEvent.objects.filter(pk__in=[old.pk, older.pk]).exists()
    assert AuditEvent.objects.filter(pk=kept.pk).exists()
    purged = AuditEvent.objects.get(action="audit.purged")
    assert purged.data["deleted"] == 2 and purged.data["retention_days"] == 30
    assert audit_events_purge() == 0


def test_secrets_never_reach_the_log_whatever_the_caller_passes() -> None:
    partner = PartnerFactory()
    event = audit_record(
        actor=None,
        action="webhook.update",
        target=partner,
        partner=partner,
        data={"url": "https://example.com/hook", "webhook_secret": "s3cret", "nested": [{"client_secret": "x"}]},
        changes={"secret": ["old", "new"], "name": ["a", "b"]},
    )
    event.refresh_from_db()
    assert event.data == {
        "url": "https://example.com/hook",
        "webhook_secret": "[redacted]",
        "nested": [{"client_secret": "[redacted]"}],
    }
    assert event.changes == {"secret": ["[redacted]", "[redacted]"], "name": ["a", "b"]}
    assert event.actor_type == AuditEvent.ActorType.SYSTEM
