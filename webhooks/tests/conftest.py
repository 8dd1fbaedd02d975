from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from openapi.tests.helpers import Setup, partner_with_app

from .receiver import Receiver, receiver


@pytest.fixture
def hook(settings: Any) -> Iterator[Receiver]:
    """A receiver on loopback, which the SSRF guard lets through only with private targets allowed."""
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True
    with receiver() as state:
        yield state


@pytest.fixture
def alice(db: None) -> Setup:
    return partner_with_app("Alice's app")


@pytest.fixture
def charlie(db: None) -> Setup:
    return partner_with_app("Charlie's app")
