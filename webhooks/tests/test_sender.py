"""Receivers that misbehave fail the attempt cleanly, within the limits."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from webhooks import sender

from .receiver import Receiver


@pytest.fixture
def fast(settings: Any) -> None:
    settings.WEBHOOK_TIMEOUT = 1.0


def test_a_2xx_answer_is_read_with_its_body(hook: Receiver) -> None:
    answer = sender.post(hook.url, b'{"a":1}', {"webhook-id": "msg_1"})
    assert (answer.status, answer.excerpt, answer.error) == (200, "ok", "")
    assert hook.received[0].headers["webhook-id"] == "msg_1"
    assert hook.received[0].headers["host"].startswith("127.0.0.1:")


def test_a_redirect_is_not_followed(hook: Receiver) -> None:
    def redirect(handler: Any) -> None:
        handler.send_response(302)
        handler.send_header("Location", "http://169.254.169.254/")
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    hook.answer = redirect
    answer = sender.post(hook.url, b"{}", {})
    assert answer.status == 302
    assert answer.location == "http://169.254.169.254/"
    assert len(hook.received) == 1


def test_a_ten_megabyte_answer_is_cut_at_64_kb(hook: Receiver) -> None:
    def huge(handler: Any) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", str(10 * 1024 * 1024))
        handler.end_headers()
        try:
            for _ in range(160):
                handler.wfile.write(b"x" * 65536)
        except OSError:
            pass  # the sender hung up, as it should

    hook.answer = huge
    started = time.monotonic()
    answer = sender.post(hook.url, b"{}", {})
    assert answer.status == 200
    assert len(answer.excerpt) == sender.EXCERPT_CHARS
    assert time.monotonic() - started < 5


@contextmanager
def raw_server(behaviour: Any) -> Iterator[str]:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=behaviour, args=(connection, stop), daemon=True).start()

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/hook"
    finally:
        stop.set()
        listener.close()


def test_a_receiver_that_hangs_times_out(hook: Receiver, fast: None) -> None:
    def hang(connection: socket.socket, stop: threading.Event) -> None:
        connection.recv(65536)
        stop.wait(5)
        connection.close()

    with raw_server(hang) as url:
        started = time.monotonic()
        answer = sender.post(url, b"{}", {})
    assert answer.status is None
    assert "timed out" in answer.error
    assert time.monotonic() - started < 2.5


def test_a_receiver_that_closes_mid_answer_fails_the_attempt(hook: Receiver) -> None:
    def half(connection: socket.socket, stop: threading.Event) -> None:
        connection.recv(65536)
        connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nonly a little")
        connection.close()

    with raw_server(half) as url:
        answer = sender.post(url, b"{}", {})
    assert answer.error
    assert "connection broken" in answer.error or "IncompleteRead" in answer.error


def test_nothing_listening_is_a_clean_failure(hook: Receiver) -> None:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    answer = sender.post(f"http://127.0.0.1:{port}/hook", b"{}", {})
    assert answer.status is None
    assert answer.error.startswith("could not connect")
