from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


FERNET_KEY = "dGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXktdGVzdDE="


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # The test process allows async-unsafe calls for Playwright; a deployment never does.
    dropped = {
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DEBUG",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "WEBHOOK_SECRET_KEYS",
        "CLIENT_SECRET_HASH_KEY",
    }
    environment = {key: value for key, value in os.environ.items() if key not in dropped}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_it_refuses_to_start_with_debug_off_and_no_secret_key() -> None:
    result = manage("check", DEBUG="0", ALLOWED_HOSTS="console.example.com")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_it_refuses_to_start_with_debug_off_and_no_allowed_hosts() -> None:
    result = manage("check", DEBUG="0", SECRET_KEY="k" * 50)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_it_refuses_to_start_with_debug_off_and_no_client_secret_hash_key() -> None:
    result = manage(
        "check", DEBUG="0", SECRET_KEY="k" * 50, ALLOWED_HOSTS="console.example.com", WEBHOOK_SECRET_KEYS=FERNET_KEY
    )
    assert result.returncode != 0
    assert "CLIENT_SECRET_HASH_KEY must be set" in result.stderr


def test_it_refuses_to_start_with_debug_off_and_no_webhook_secret_key() -> None:
    result = manage(
        "check", DEBUG="0", SECRET_KEY="k" * 50, ALLOWED_HOSTS="console.example.com", CLIENT_SECRET_HASH_KEY="h" * 50
    )
    assert result.returncode != 0
    assert "WEBHOOK_SECRET_KEYS must be set" in result.stderr


def test_production_settings_pass_check_deploy() -> None:
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="s3cr3t-" + "q" * 50,
        ALLOWED_HOSTS="console.example.com",
        WEBHOOK_SECRET_KEYS=FERNET_KEY,
        CLIENT_SECRET_HASH_KEY="h" * 50,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_with_debug_on_and_no_secret_key_the_install_makes_its_own(tmp_path: Path) -> None:
    from console.lib.secret_key import local_secret_key

    path = tmp_path / "var" / "secret_key"
    first = local_secret_key(path)
    assert len(first) >= 50 and "insecure" not in first
    assert local_secret_key(path) == first  # kept: sessions survive a restart
    assert path.stat().st_mode & 0o077 == 0  # its owner's only
    assert local_secret_key(tmp_path / "other" / "secret_key") != first


def test_the_development_key_is_not_in_the_source() -> None:
    result = manage("shell", "-c", "from django.conf import settings; print(settings.SECRET_KEY)", DEBUG="1")
    assert result.returncode == 0, result.stderr
    key = result.stdout.strip()
    assert key and "dev-only-insecure" not in key and key not in (ROOT / "console" / "settings.py").read_text()
