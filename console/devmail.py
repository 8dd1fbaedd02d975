"""/dev/mail/: the emails written to var/mail/, readable while DEBUG is on, so
that a partner trying the console locally can follow verification and
consent links without an SMTP server.

Only to a client on this machine (loopback): a console left in DEBUG by
mistake on a public address would otherwise show everyone's reset links."""

from __future__ import annotations

import ipaddress
import re
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from console.lib.http import client_ip
from console.lib.mail import eml_bodies, read_eml

NAME = re.compile(r"^\d+-[0-9a-f]{8}\.eml$")


def dev_mail_allowed(request: HttpRequest) -> bool:
    if not settings.DEBUG:
        return False
    try:
        return ipaddress.ip_address(client_ip(request)).is_loopback
    except ValueError:
        return False


def _folder(request: HttpRequest) -> Path:
    if not dev_mail_allowed(request):
        raise Http404
    return Path(settings.EMAIL_FILE_PATH)


def _sent(parsed: Any) -> datetime | str:
    """The Date header as an aware datetime, shown in the console's time zone like every page."""
    try:
        return parsedate_to_datetime(str(parsed["date"]))
    except (TypeError, ValueError):
        return str(parsed["date"] or "")


def mail_list(request: HttpRequest) -> HttpResponse:
    folder = _folder(request)
    files = sorted(folder.glob("*.eml"), reverse=True)[:200] if folder.exists() else []
    messages = []
    for path in files:
        parsed = read_eml(path)
        messages.append({"name": path.name, "subject": parsed["subject"], "to": parsed["to"], "date": _sent(parsed)})
    return render(request, "devmail/list.html", {"messages_": messages})


def mail_detail(request: HttpRequest, name: str) -> HttpResponse:
    folder = _folder(request)
    if not NAME.match(name) or not (folder / name).is_file():
        raise Http404
    parsed = read_eml(folder / name)
    text, html = eml_bodies(parsed)
    context = {
        "name": name,
        "subject": parsed["subject"],
        "to": parsed["to"],
        "date": _sent(parsed),
        "text": text,
        "has_html": bool(html),
    }
    return render(request, "devmail/detail.html", context)


def mail_html(request: HttpRequest, name: str) -> HttpResponse:
    folder = _folder(request)
    if not NAME.match(name) or not (folder / name).is_file():
        raise Http404
    _, html = eml_bodies(read_eml(folder / name))
    response = HttpResponse(html or "<p>No HTML part.</p>")
    # The HTML is shown as the recipient would see it, but boxed in: no script,
    # no framing outside this origin.
    response.headers["Content-Security-Policy"] = (
        "sandbox allow-popups allow-top-navigation-by-user-activation; default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    )
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    return response
