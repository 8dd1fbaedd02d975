from __future__ import annotations

import pytest
from django.core.management import call_command

from apps_mgmt.models import LegacyApp

pytestmark = pytest.mark.django_db


def test_the_demo_seed_adds_legacy_apps_and_prints_how_to_import_them(settings, capsys) -> None:
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert LegacyApp.objects.count() == 3
    assert "13001001 / legacy-demo-client-0001 / legacy-demo-secret-0001-try-importing-me" in out
    legacy = LegacyApp.objects.get(fs_id=13001001)
    assert "legacy-demo-secret" not in legacy.secret_digest
