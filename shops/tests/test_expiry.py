"""Invitations past their expiry become expired (beat), and can be sent again."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from audit.models import AuditEvent
from shops.models import ShopLink
from shops.services import ShopLinkStateError, shop_link_resend
from shops.tasks import expire_shop_invitations
from shops.tests.helpers import invited_partner
from shops.tokens import consent_token

pytestmark = pytest.mark.django_db
Status = ShopLink.Status


def test_the_beat_task_expires_only_invitations_past_their_time() -> None:
    _, links = invited_partner()
    ShopLink.objects.filter(pk=links[0].pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert expire_shop_invitations.delay().get() == 1
    assert list(ShopLink.objects.order_by("shop__domain").values_list("status", flat=True)) == [
        Status.EXPIRED,
        Status.INVITED,
        Status.INVITED,
    ]
    event = AuditEvent.objects.get(action="shop_link.expired")
    assert event.actor_label == "system" and event.target_id == str(links[0].pk)
    assert expire_shop_invitations.delay().get() == 0  # nothing twice


def test_the_beat_schedule_runs_the_task() -> None:
    entries = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
    assert "shops.tasks.expire_shop_invitations" in entries


def test_an_expired_shop_is_invited_again_with_a_working_link(client: Client) -> None:
    partner, links = invited_partner()
    ShopLink.objects.filter(pk=links[0].pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    expire_shop_invitations()
    old = consent_token(ShopLink.objects.get(pk=links[0].pk))
    assert b"This link has expired" in client.get(f"/shop-consent/{old}/").content
    client.force_login(partner.super_admin)
    page = client.get("/registration/seller-approval/").content.decode()
    assert ">Expired</span>" in page and "Invite again" in page
    client.post(f"/registration/seller-approval/{links[0].pk}/resend/")
    link = ShopLink.objects.get(pk=links[0].pk)
    assert link.status == Status.INVITED and link.expires_at > timezone.now()
    assert b"Access approved" in client.post(f"/shop-consent/{consent_token(link)}/", {"decision": "approve"}).content


def test_an_active_shop_is_not_invited_again() -> None:
    _, links = invited_partner()
    ShopLink.objects.filter(pk=links[0].pk).update(status=Status.ACTIVE)
    link = ShopLink.objects.get(pk=links[0].pk)
    with pytest.raises(ShopLinkStateError, match="can't be invited"):
        shop_link_resend(link=link, actor=None)
    assert ShopLink.objects.get(pk=links[0].pk).status == Status.ACTIVE
