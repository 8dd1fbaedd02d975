from __future__ import annotations

import pytest

from openapi.tests.helpers import Setup, partner_with_app


@pytest.fixture
def alice(db: None) -> Setup:
    return partner_with_app("Alice's app")


@pytest.fixture
def charlie(db: None) -> Setup:
    return partner_with_app("Charlie's app")
