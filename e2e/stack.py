"""The production shape on one machine: the processes `make e2e` starts, stops and restarts.

Each process gets the console's settings only from its environment
(`Stack.environment`), with the variable names docker-compose.yml uses:

| name | process | as in docker-compose.yml |
|---|---|---|
| s3 | `python -m moto.server` (S3-compatible, in memory) | `s3` |
| smtp | `python -m e2e.mailbox` (STARTTLS and AUTH required) | `smtp` |
| web | `gunicorn console.wsgi`, 2 sync workers, HTTPS | `web` |
| worker | `celery -A console worker` | `worker` |
| beat | `celery -A console beat` | `beat` |

PostgreSQL and Redis are the machine's: the run makes its own database (and
drops it at the end) and uses the Redis database REDIS_URL names.

The web process doesn't open its own socket: the run holds the listening
socket and hands it to gunicorn (`--bind fd://N`), as systemd socket
activation does in a deployment. A stopped gunicorn then closes nothing that
clients connect to: connections made while it restarts wait in the socket's
backlog and are served by the next one, instead of being refused, or reset
when the last process holding the socket exits.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
import redis
from cryptography.fernet import Fernet
from psycopg import sql

from e2e.certs import ServerCertificate, server_certificate

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BUCKET = "console-documents"
SMTP_USER = "console"
S3_REGION = "us-east-1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_port(port: int, *, timeout: float = 30.0, process: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args!r} exited with {process.returncode} before listening on {port}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


@dataclass(frozen=True)
class Ports:
    web: int
    s3: int
    smtp: int

    @classmethod
    def pick(cls) -> Ports:
        """E2E_PORT_BASE=N uses N, N+1, N+2 (a fixed range on a shared machine); otherwise free ports."""
        base = os.environ.get("E2E_PORT_BASE")
        if base:
            return cls(web=int(base), s3=int(base) + 1, smtp=int(base) + 2)
        return cls(web=free_port(), s3=free_port(), smtp=free_port())


@dataclass(repr=False)
class Service:
    """One process of the stack, with its log file."""

    name: str
    argv: list[str]
    log: Path
    env: dict[str, str]
    port: int | None = None
    pass_fds: tuple[int, ...] = ()
    process: subprocess.Popen[bytes] | None = None
    starts: int = 0

    def start(self) -> None:
        assert self.process is None or self.process.poll() is not None, f"{self.name} is running"
        self.starts += 1
        with self.log.open("ab") as log:
            log.write(f"\n--- start {self.starts}: {' '.join(self.argv)}\n".encode())
            self.process = subprocess.Popen(
                self.argv, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, pass_fds=self.pass_fds
            )

    def __repr__(self) -> str:
        return f"<Service {self.name} pid={self.process.pid if self.process else None}>"

    def send(self, sig: signal.Signals) -> None:
        assert self.process is not None and self.process.poll() is None, f"{self.name} is not running"
        self.process.send_signal(sig)

    def wait(self, timeout: float = 40.0) -> int:
        """Wait for the process to exit; SIGKILL after `timeout`. Returns its exit code."""
        assert self.process is not None
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise

    def stop(self, sig: signal.Signals = signal.SIGTERM, timeout: float = 40.0) -> int:
        if not self.running:
            return self.process.returncode if self.process else 0
        self.send(sig)
        return self.wait(timeout)

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


@dataclass(repr=False)
class Stack:
    workdir: Path
    database_url: str
    redis_url: str
    ports: Ports = field(default_factory=Ports.pick)
    services: dict[str, Service] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.mail_dir = self.workdir / "mail"
        self.tls: ServerCertificate = server_certificate(self.workdir / "tls")
        self.smtp_password = secrets.token_urlsafe(16)
        self.listener = _listening_socket(self.ports.web)
        self.env = self.environment()
        self._define_services()

    def __repr__(self) -> str:  # the environment holds the run's secrets: keep them out of tracebacks
        return f"<Stack {self.base_url} in {self.workdir}>"

    # --- settings -------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"https://127.0.0.1:{self.ports.web}"

    @property
    def ca(self) -> str:
        """The run's CA certificate, for `verify=` (HTTPS to gunicorn is verified, not waved through)."""
        return str(self.tls.ca)

    @property
    def s3_endpoint(self) -> str:
        return f"http://127.0.0.1:{self.ports.s3}"

    def environment(self) -> dict[str, str]:
        """Everything the console reads, from the environment only (docker-compose.yml's names)."""
        console = {
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(48),
            "CLIENT_SECRET_HASH_KEY": secrets.token_urlsafe(48),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": self.base_url,
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
            "AWS_STORAGE_BUCKET_NAME": BUCKET,
            "AWS_S3_ENDPOINT_URL": self.s3_endpoint,
            "AWS_S3_REGION_NAME": S3_REGION,
            "AWS_ACCESS_KEY_ID": "console-e2e",
            "AWS_SECRET_ACCESS_KEY": secrets.token_urlsafe(24),
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.ports.smtp),
            "EMAIL_USE_TLS": "1",
            "EMAIL_HOST_USER": SMTP_USER,
            "EMAIL_HOST_PASSWORD": self.smtp_password,
            "DEFAULT_FROM_EMAIL": "Developer Console <no-reply@console.example.com>",
            # The run's private CA, trusted the way a deployment trusts one: the SMTP
            # server's certificate is verified, not waved through.
            "SSL_CERT_FILE": str(self.tls.ca),
            "WEBHOOK_SECRET_KEYS": Fernet.generate_key().decode(),
            # The run's webhook receiver is on loopback, which production refuses (SSRF).
            "WEBHOOK_ALLOW_PRIVATE_TARGETS": "1",
            # The gateway's credential: the run posts a Kong batch through gunicorn.
            "LOG_INGEST_TOKEN": secrets.token_urlsafe(32),
        }
        inherited = {name: os.environ[name] for name in ("PATH", "HOME", "LANG", "TMPDIR") if name in os.environ}
        return {**inherited, "PYTHONUNBUFFERED": "1", **console}

    # --- processes ------------------------------------------------------------------------

    def _define_services(self) -> None:
        logs = self.workdir / "logs"
        logs.mkdir(exist_ok=True)
        fd = self.listener.fileno()

        def service(name: str, argv: list[str], port: int | None = None, pass_fds: tuple[int, ...] = ()) -> None:
            self.services[name] = Service(name, argv, logs / f"{name}.log", self.env, port, pass_fds)

        service("s3", [PYTHON, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.ports.s3)], self.ports.s3)
        service(
            "smtp",
            [
                *(PYTHON, "-m", "e2e.mailbox", "--port", str(self.ports.smtp), "--folder", str(self.mail_dir)),
                *("--cert", str(self.tls.cert), "--key", str(self.tls.key)),
                *("--user", SMTP_USER, "--password", self.smtp_password),
                *("--greylist", "grey*@*", "--refuse", "bounce*@*", "--delay", "0.1"),
            ],
            self.ports.smtp,
        )
        service(
            "web",
            [
                *(PYTHON, "-m", "gunicorn", "console.wsgi", "--bind", f"fd://{fd}", "--workers", "2"),
                *("--certfile", str(self.tls.cert), "--keyfile", str(self.tls.key)),
                # No control socket: its default path is shared by every gunicorn on the machine.
                *("--graceful-timeout", "30", "--access-logfile", "-", "--no-control-socket"),
            ],
            self.ports.web,
            pass_fds=(fd,),
        )
        celery = [PYTHON, "-m", "celery", "-A", "console"]
        service("worker", [*celery, "worker", "--loglevel=INFO", "--concurrency=2", "--hostname=e2e@%h"])
        service("beat", [*celery, "beat", "--loglevel=INFO", f"--schedule={self.workdir / 'beat-schedule'}"])

    def start(self, *names: str) -> None:
        """Start the named processes together, then wait until each is ready."""
        for name in names:
            self.services[name].start()
        for name in names:
            self.wait_ready(name)

    def wait_ready(self, name: str) -> None:
        service = self.services[name]
        if name == "web":
            self.wait_until_healthy()
        elif service.port is not None:
            wait_for_port(service.port, process=service.process)
        elif name == "worker":
            self.wait_for_log(service, "ready.")

    def stop_all(self) -> None:
        for service in reversed(list(self.services.values())):
            with contextlib.suppress(Exception):
                service.stop(timeout=20)
        self.listener.close()

    def wait_for_log(self, service: Service, text: str, *, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in service.log_text().rsplit("\n--- start ", 1)[-1]:
                return
            if not service.running:
                raise RuntimeError(f"{service.name} exited: see {service.log}")
            time.sleep(0.2)
        raise TimeoutError(f"{service.name} didn't log {text!r} within {timeout} s: see {service.log}")

    def wait_until_healthy(self, timeout: float = 60.0) -> None:
        import requests

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with contextlib.suppress(requests.RequestException):
                if requests.get(self.base_url + "/healthz", verify=self.ca, timeout=5).status_code == 200:
                    return
            if not self.services["web"].running:
                raise RuntimeError(f"gunicorn exited: see {self.services['web'].log}")
            time.sleep(0.2)
        raise TimeoutError(f"/healthz did not answer 200 within {timeout} s")

    def manage(self, *args: str, timeout: float = 300.0) -> str:
        """Run a management command with the stack's environment; its output."""
        done = subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=timeout
        )
        if done.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def manage_started(self, *args: str) -> subprocess.Popen[bytes]:
        """Start a management command in the background (its output in logs/); `manage_finished` waits."""
        with (self.workdir / "logs" / f"manage-{args[0]}.log").open("ab") as log:
            return subprocess.Popen([PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, stdout=log, stderr=log)

    def manage_finished(self, process: subprocess.Popen[bytes], timeout: float = 300.0) -> None:
        if process.wait(timeout) != 0:
            raise RuntimeError(f"{process.args!r} failed: see {self.workdir / 'logs'}")

    # --- the shared servers: only what belongs to the run ---------------------------------

    def create_database(self) -> None:
        with _maintenance(self.database_url) as conn:
            name = sql.Identifier(_database_name(self.database_url))
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
            conn.execute(sql.SQL("CREATE DATABASE {}").format(name))

    def drop_database(self) -> None:
        with _maintenance(self.database_url) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(_database_name(self.database_url))
                )
            )

    def empty_celery_queues(self) -> None:
        """Remove Celery's messages left in the run's Redis database by an interrupted run."""
        client = redis.Redis.from_url(self.redis_url)
        keys = [*client.scan_iter("_kombu.binding.*"), b"celery", b"unacked", b"unacked_index", b"unacked_mutex"]
        client.delete(*keys)

    def create_bucket(self) -> None:
        """As an operator would: private, with every public access blocked."""
        client = self.s3_client()
        client.create_bucket(Bucket=BUCKET, ACL="private")
        client.put_public_access_block(
            Bucket=BUCKET,
            PublicAccessBlockConfiguration={
                "BlockPublicAcls": True,
                "IgnorePublicAcls": True,
                "BlockPublicPolicy": True,
                "RestrictPublicBuckets": True,
            },
        )

    def s3_client(self) -> Any:
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.s3_endpoint,
            region_name=S3_REGION,
            aws_access_key_id=self.env["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=self.env["AWS_SECRET_ACCESS_KEY"],
        )


def _listening_socket(port: int) -> socket.socket:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(1024)
    listener.set_inheritable(True)
    return listener


def _database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


@contextlib.contextmanager
def _maintenance(url: str) -> Iterator[psycopg.Connection[tuple[object, ...]]]:
    parts = urlsplit(url)
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as conn:
        yield conn
