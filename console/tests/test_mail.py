from __future__ import annotations

import time
from typing import Any

import pytest
from django.core import mail
from django.db import transaction

from console.lib.mail import queue_message


@pytest.mark.django_db
def test_it_sends_nothing_when_the_transaction_rolls_back(django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                queue_message(subject="Hello", text="Body", html=None, to=["alice@acme.co.id"])
                raise RuntimeError("the change failed")
        except RuntimeError:
            pass
    assert callbacks == []
    assert mail.outbox == []


@pytest.mark.django_db
def test_it_writes_one_eml_file_per_message(settings: Any, django_capture_on_commit_callbacks) -> None:
    settings.EMAIL_BACKEND = "console.lib.mail.EmlFileBackend"
    with django_capture_on_commit_callbacks(execute=True):
        queue_message(subject="One", text="1", html="<p>1</p>", to=["a@example.com"])
        queue_message(subject="Two", text="2", html=None, to=["b@example.com"])
    names = sorted(path.name for path in settings.EMAIL_FILE_PATH.glob("*.eml"))
    assert len(names) == 2
    assert not list(settings.EMAIL_FILE_PATH.glob(".*.tmp"))


def test_a_real_worker_delivers_the_email_through_redis(celery_worker: Any) -> None:
    with transaction.atomic():
        queue_message(subject="Through Redis", text="Sent by a worker", html=None, to=["alice@acme.co.id"])
        assert mail.outbox == []  # nothing leaves before the commit
    deadline = time.monotonic() + 15
    while not mail.outbox and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [message.subject for message in mail.outbox] == ["Through Redis"]
