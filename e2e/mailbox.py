"""A local SMTP server that keeps every message it accepts, for the run and the tests.

    python -m e2e.mailbox --port 8192 --folder var/e2e/mail --cert server.pem --key server-key.pem \\
        --user console --password secret [--refuse 'bounce*@*'] [--greylist 'grey*@*'] [--delay 0.2]

It behaves as a submission server should: STARTTLS before anything else, then
AUTH, then mail. Each accepted message is written to the folder as an .eml
file whose first header is a `Received:` line saying how it came in, with
RFC 3848's protocol names (`ESMTPSA` = TLS and authenticated), so a check can
tell a message sent in clear from one sent as configured. `--refuse` answers
a permanent 550 to matching recipients, `--greylist` a temporary 451 to a
matching recipient's first attempt (as greylisting servers do), `--delay`
holds each message that long before accepting it (mail in flight).
"""

from __future__ import annotations

import argparse
import asyncio
import fnmatch
import hmac
import signal
import ssl
import threading
import time
import uuid
from collections.abc import Sequence
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session


class Mailbox:
    """aiosmtpd handler: applies the recipient rules and writes accepted messages to `folder`."""

    def __init__(
        self,
        folder: Path,
        *,
        refuse: Sequence[str] = (),
        greylist: Sequence[str] = (),
        delay: float = 0.0,
    ) -> None:
        self.folder = folder
        self.refuse = list(refuse)
        self.greylist = list(greylist)
        self.delay = delay
        self._seen: set[str] = set()
        self._lock = threading.Lock()
        folder.mkdir(parents=True, exist_ok=True)

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options: list[str]
    ) -> str:
        address = address.lower()
        answer = "250 OK"
        if any(fnmatch.fnmatch(address, pattern) for pattern in self.refuse):
            answer = "550 5.1.1 Recipient address rejected: user unknown"
        elif any(fnmatch.fnmatch(address, pattern) for pattern in self.greylist):
            with self._lock:
                first = address not in self._seen
                self._seen.add(address)
            if first:
                answer = "451 4.7.1 Greylisted, try again later"
        if answer.startswith("250"):
            envelope.rcpt_tos.append(address)
        else:
            print(f"RCPT TO:<{address}> answered {answer}", flush=True)
        return answer

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if self.delay:
            await asyncio.sleep(self.delay)
        transport = server.transport
        tls = session.ssl is not None or (transport is not None and transport.get_extra_info("ssl_object") is not None)
        protocol = "ESMTP" + ("S" if tls else "") + ("A" if session.authenticated else "")
        received = (
            f"Received: from {session.host_name} ({session.peer[0] if session.peer else 'unknown'})\r\n"
            f"\tby e2e.mailbox with {protocol} for <{','.join(envelope.rcpt_tos)}>; {formatdate()}\r\n"
        )
        content = envelope.original_content or b""
        name = f"{time.time_ns()}-{uuid.uuid4().hex[:8]}.eml"
        (self.folder / f".{name}.tmp").write_bytes(received.encode() + content)
        (self.folder / f".{name}.tmp").rename(self.folder / name)  # readers never see half a message
        return "250 Message accepted for delivery"


def read_messages(folder: Path) -> list[EmailMessage]:
    """Every message the mailbox accepted, oldest first."""
    messages = []
    for path in sorted(folder.glob("*.eml")):
        parsed = message_from_bytes(path.read_bytes(), policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        messages.append(parsed)
    return messages


def received_with(message: EmailMessage) -> str:
    """How the message came in: `ESMTPSA` is over TLS and authenticated."""
    return str(message["Received"]).split(" with ", 1)[1].split()[0]


def tls_context(cert: Path, key: Path) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


def authenticator(user: str, password: str) -> Any:
    def check(server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: Any) -> AuthResult:
        ok = (
            isinstance(auth_data, LoginPassword)
            and hmac.compare_digest(auth_data.login, user.encode())
            and hmac.compare_digest(auth_data.password, password.encode())
        )
        return AuthResult(success=ok)

    return check


def controller(
    mailbox: Mailbox,
    *,
    port: int,
    cert: Path,
    key: Path,
    user: str,
    password: str,
    host: str = "127.0.0.1",
    implicit_tls: bool = False,
) -> Controller:
    """A server thread: STARTTLS required, then AUTH, as a submission port asks
    (`implicit_tls`: TLS from the first byte, as port 465 does)."""
    tls = tls_context(cert, key)
    # aiosmtpd knows only its own STARTTLS as TLS: on an implicit TLS port it must be told AUTH is safe.
    mode: dict[str, Any] = (
        {"ssl_context": tls, "auth_require_tls": False}
        if implicit_tls
        else {"tls_context": tls, "require_starttls": True, "auth_require_tls": True}
    )
    return Controller(
        mailbox,
        hostname=host,
        port=port,
        server_hostname="e2e.mailbox",
        auth_required=True,
        authenticator=authenticator(user, password),
        **mode,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--folder", type=Path, required=True)
    parser.add_argument("--cert", type=Path, required=True)
    parser.add_argument("--key", type=Path, required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--refuse", action="append", default=[])
    parser.add_argument("--greylist", action="append", default=[])
    parser.add_argument("--delay", type=float, default=0.0)
    args = parser.parse_args()
    mailbox = Mailbox(args.folder, refuse=args.refuse, greylist=args.greylist, delay=args.delay)
    server = controller(
        mailbox, port=args.port, cert=args.cert, key=args.key, user=args.user, password=args.password, host=args.host
    )
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    server.start()
    print(f"e2e.mailbox listening on {args.host}:{args.port}, writing to {args.folder}", flush=True)
    stop.wait()
    server.stop()


if __name__ == "__main__":
    main()
