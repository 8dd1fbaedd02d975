from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command

from accounts.models import User

pytestmark = pytest.mark.django_db


def test_it_seeds_a_staff_user_who_can_sign_in_and_is_idempotent(client, settings) -> None:
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    staff = User.objects.get(email="staff@example.com")
    assert staff.is_staff and staff.is_superuser
    assert EmailAddress.objects.filter(user=staff, verified=True).count() == 1
    response = client.post("/accounts/login/", {"login": "staff@example.com", "password": "staff-demo-password"})
    assert response.status_code == 302
    assert client.get("/staff/admin/").status_code == 200
