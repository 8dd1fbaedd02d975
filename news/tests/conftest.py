from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _emails_as_files(settings: Any) -> None:
    """Sent emails land as .eml files in the test's own folder (shops.tests.helpers.mails)."""
    settings.EMAIL_BACKEND = "console.lib.mail.EmlFileBackend"
