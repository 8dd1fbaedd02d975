"""Calling the console's own Open API from inside the process.

A sync gunicorn worker that called its own server over HTTP would wait on a
worker that may be itself: with every worker busy, each waits forever. So
the playground hands the request to the same Django handler a real HTTP call
goes through (middleware, URL resolution, the Open API view with its token
check, rate limit and envelope), without a socket. Only paths of the
Open API are ever dispatched (the catalogue's), never a URL from a form.

The request carries META["console.call_source"] = "playground", which the
call recorder reads to tell playground calls apart.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from urllib.parse import urlsplit

from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIRequest

CALL_SOURCE_KEY = "console.call_source"
USER_AGENT = "DeveloperConsole-APIPlayground/1.0"


@dataclass(frozen=True)
class Answer:
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    latency_ms: float


@cache
def _handler() -> BaseHandler:
    """The project's middleware chain, loaded once per process (as WSGIHandler does)."""
    handler = BaseHandler()
    handler.load_middleware()
    return handler


def open_api_call(
    *,
    method: str,
    url: str,
    headers: dict[str, str],
    body: bytes,
    host: str,
    scheme: str,
    remote_addr: str,
) -> Answer:
    """Send `method url` (a path and query of this console) through the handler; the answer as a client sees it."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        raise ValueError("Only the console's own paths are dispatched.")
    server, _, port = host.partition(":")
    environ: dict[str, object] = {
        "REQUEST_METHOD": method,
        "SCRIPT_NAME": "",
        "PATH_INFO": parts.path,
        "QUERY_STRING": parts.query,
        "SERVER_NAME": server,
        "SERVER_PORT": port or ("443" if scheme == "https" else "80"),
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": host,
        "REMOTE_ADDR": remote_addr,
        "HTTP_USER_AGENT": USER_AGENT,
        "HTTP_ACCEPT": "application/json",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": scheme,
        "wsgi.input": BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        CALL_SOURCE_KEY: "playground",
    }
    for name, value in headers.items():
        key = name.upper().replace("-", "_")
        environ[key if key in {"CONTENT_TYPE"} else f"HTTP_{key}"] = value
    request = WSGIRequest(environ)
    started = time.perf_counter()
    # get_response, not the handler's __call__: no request_started/finished
    # signals, which would close the database connection the page still uses.
    response = _handler().get_response(request)
    content = b"".join(response) if response.streaming else response.content  # type: ignore[attr-defined]
    latency_ms = (time.perf_counter() - started) * 1000
    return Answer(status=response.status_code, headers=list(response.items()), body=content, latency_ms=latency_ms)
