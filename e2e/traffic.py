"""Traffic for the graceful stop: clients calling the console without pause, and a burst of emails."""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import requests

from e2e.stack import Stack


@dataclass(frozen=True)
class Call:
    started: float
    ended: float
    status: int | None  # None: no response
    error: str = ""


@dataclass
class Traffic:
    """`clients` threads, each calling shop-info then a document, each call on a new connection."""

    stack: Stack
    token: str
    fs_id: int
    shop_id: int
    document_url: str = ""
    cookies: dict[str, str] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)

    def start(self, *, clients: int) -> None:
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=self._client, daemon=True) for _ in range(clients)]
        for thread in self._threads:
            thread.start()

    def stop(self) -> list[Call]:
        self._stop.set()
        for thread in self._threads:
            thread.join(60)
        return self.calls

    def _client(self) -> None:
        api = (
            f"{self.stack.base_url}/v1/shop/fs/{self.fs_id}/shop-info?shop_id={self.shop_id}",
            {"Authorization": f"Bearer {self.token}"},
        )
        targets = [api]
        if self.document_url:
            targets.append((self.stack.base_url + self.document_url, {}))
        n = 0
        while not self._stop.is_set():
            url, headers = targets[n % len(targets)]
            n += 1
            started = time.monotonic()
            try:
                response = requests.get(url, headers=headers, cookies=self.cookies, verify=self.stack.ca, timeout=60)
                _ = response.content  # the whole body, or an error
                call = Call(started, time.monotonic(), response.status_code)
            except requests.RequestException as error:
                call = Call(started, time.monotonic(), None, f"{type(error).__name__}: {error}")
            with self._lock:
                self.calls.append(call)


def summary(calls: list[Call]) -> Counter[str]:
    return Counter(str(call.status) if call.status else call.error.split(":")[0] for call in calls)


def queue_emails(stack: Stack, *, count: int, batch: str) -> list[str]:
    """Queue `count` emails in one transaction, as a service does; their subjects."""
    code = (
        "from django.db import transaction\n"
        "from console.lib.mail import queue_email\n"
        "with transaction.atomic():\n"
        f"    for n in range({count}):\n"
        "        queue_email(template='application_received', to=[f'burst-{n}@burst.example.com'],\n"
        f"                    context={{'company_name': f'{batch} #{{n:02}}', 'round': 1, 'status_url': 'https://example.com/'}})\n"
    )
    stack.manage("shell", "-c", code)
    return [f"We received the registration of {batch} #{n:02}" for n in range(count)]  # none a prefix of another
