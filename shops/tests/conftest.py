from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _mail_to_the_folder(settings: Any) -> None:
    """Shop tests read mail the way /dev/mail/ does: from the .eml folder."""
    settings.EMAIL_BACKEND = "console.lib.mail.EmlFileBackend"
    settings.SITE_URL = "http://testserver"
