from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from apps_mgmt.models import LegacyApp
from apps_mgmt.tests.factories import issue_app

pytestmark = pytest.mark.django_db

HEADER = "fs_id,client_id,client_secret,name,shop_ids\n"


def _csv(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "legacy.csv"
    path.write_text(HEADER + body)
    return path


def test_it_imports_legacy_apps_and_a_second_run_changes_nothing(tmp_path: Path, capsys) -> None:
    path = _csv(
        tmp_path,
        "14000001,client-a,secret-aaaaaaaa,Order Sync,10001;10002\n14000002,client-b,secret-bbbbbbbb,Stock,\n",
    )
    call_command("import_legacy_apps", str(path))
    assert "2 created" in capsys.readouterr().out
    legacy = LegacyApp.objects.get(fs_id=14000001)
    assert legacy.shop_ids == [10001, 10002]
    assert "secret-aaaaaaaa" not in (legacy.secret_digest, legacy.secret_hint)
    call_command("import_legacy_apps", str(path))
    assert "2 unchanged" in capsys.readouterr().out
    assert LegacyApp.objects.count() == 2


def test_bad_rows_are_reported_by_line_number_and_nothing_is_imported(tmp_path: Path) -> None:
    taken = issue_app().app
    path = _csv(
        tmp_path,
        "14000001,client-a,secret-aaaaaaaa,Order Sync,\n"
        "abc,client-b,secret-bbbbbbbb,Stock,\n"
        "14000003,client-c,short,Chat,\n"
        f"{taken.fs_id},client-d,secret-dddddddd,Clash,\n"
        "14000005,client-a,secret-eeeeeeee,Dup,\n",
    )
    with pytest.raises(CommandError) as error:
        call_command("import_legacy_apps", str(path))
    message = str(error.value)
    assert "line 3: fs_id must be a number" in message
    assert "line 4: client_secret is required" in message
    assert f"line 5: App ID {taken.fs_id} is already used" in message
    assert "line 6: repeats the App ID or Client ID of line 2" in message
    assert "line 2" not in message.replace("of line 2", "")
    assert LegacyApp.objects.count() == 0


def test_a_file_without_the_columns_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("id,name\n1,x\n")
    with pytest.raises(CommandError, match="missing column"):
        call_command("import_legacy_apps", str(path))
