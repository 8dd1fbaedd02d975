"""Upload a 9 MB valid PDF through the real company-form view, and measure it.

    .venv/bin/python benchmarks/upload_pdf.py [--mb 9]

Prints the time the POST took (slowest of --runs) and how much the process's memory grew
(tracemalloc peak of Python allocations, and RSS), next to the file's size.
Runs on a throwaway SQLite database and a temporary private storage folder.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VALID = ROOT / "registration" / "tests" / "fixtures" / "pdf" / "valid_company_profile.pdf"


def padded_pdf(size: int) -> bytes:
    """A valid one-page PDF whose content stream is padded to make the file `size` bytes.

    Built by hand so the cross-reference offsets are right: pypdf reads it
    without repairs, as it would a real scanned certificate.
    """
    padding = max(size - len(_pdf_with_padding(0)), 0)
    body = _pdf_with_padding(padding)
    return _pdf_with_padding(max(padding + size - len(body), 0))  # the stream's /Length may have grown a digit


def _pdf_with_padding(padding: int) -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length " + str(padding + 2).encode() + b" >>\nstream\n% " + b"0" * padding + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


BOUNDARY = "BenchBoundary7MA4YWxkTrZu0gW"


def write_multipart(path: Path, fields: dict[str, str], files: dict[str, Path]) -> int:
    """A multipart/form-data body written to `path` in chunks; returns its length."""
    with path.open("wb") as out:
        for name, value in fields.items():
            out.write(f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        for name, file in files.items():
            out.write(
                f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"; filename="{file.name}"\r\n'
                "Content-Type: application/pdf\r\n\r\n".encode()
            )
            with file.open("rb") as source:
                while chunk := source.read(1 << 16):
                    out.write(chunk)
            out.write(b"\r\n")
        out.write(f"--{BOUNDARY}--\r\n".encode())
    return path.stat().st_size


def rss_bytes() -> int:
    with Path("/proc/self/statm").open() as statm:
        return int(statm.read().split()[1]) * resource.getpagesize()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=9)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="upload-bench-"))
    os.environ.update(
        DATABASE_URL=f"sqlite:///{work / 'db.sqlite3'}", MEDIA_ROOT=str(work / "media"), REDIS_URL="", DEBUG="1"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "console.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.management import call_command
    from django.test import Client

    from console.celery import app

    app.conf.task_always_eager = True
    call_command("migrate", verbosity=0)
    from partners.tests.factories import PartnerFactory

    partner = PartnerFactory(company_name="", member_type="")
    client = Client(enforce_csrf_checks=True)
    client.force_login(partner.super_admin)
    client.get("/registration/company/")  # warm up templates and URL resolvers; sets the CSRF cookie
    cookies = "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())
    fields = {
        "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
        "company_name": "Bench Co",
        "pic_name": "Alice",
        "pic_phone": "081234567890",
        "website": "https://bench.example",
        "member_type": "seller",
        "system": "in_house",
    }
    pdf_path = work / "big.pdf"
    pdf_path.write_bytes(padded_pdf(int(args.mb * 1024 * 1024)))
    size = pdf_path.stat().st_size
    # The request body goes to disk first, and the server reads it from there as
    # from a socket: only the server's own memory is measured, not the client's.
    body_path = work / "body"
    length = write_multipart(body_path, fields, {"business_certificate": pdf_path, "company_profile": VALID})
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/registration/company/",
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}",
        "CONTENT_LENGTH": str(length),
        "HTTP_COOKIE": cookies,
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }
    handler = WSGIHandler()
    runs = []
    for _ in range(args.runs):
        statuses: list[str] = []
        rss_before = rss_bytes()
        tracemalloc.start()
        started = time.perf_counter()
        with body_path.open("rb") as body:
            environ["wsgi.input"] = body
            response = handler(dict(environ), lambda status, headers, exc_info=None, seen=statuses: seen.append(status))
            for _chunk in response:
                pass
            response.close()  # as a WSGI server does: closes the request's temporary files
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        runs.append((elapsed, peak, rss_bytes() - rss_before, statuses))
    elapsed, peak, rss_growth, statuses = max(runs)  # the slowest run
    partner.refresh_from_db()
    accepted = statuses == ["302 Found"] and partner.business_certificate is not None
    print(f"file size:        {size / 1e6:8.2f} MB")
    print(f"accepted:         {accepted} (HTTP {statuses})")
    print(f"time:             {elapsed:8.3f} s   (slowest of {args.runs}; budget 2 s)")
    print(f"tracemalloc peak: {peak / 1e6:8.2f} MB  (budget: the file's size)")
    print(f"RSS growth:       {rss_growth / 1e6:8.2f} MB")
    ok = accepted and elapsed < 2 and peak < size
    print("OK" if ok else "OVER BUDGET")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
