"""Log History: each app's calls, filtered, with a detail page, a CSV export and a chart."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from apps_mgmt.menu import app_menu
from apps_mgmt.permissions import get_app_for_member

from . import selectors
from .entry_links import entry_links
from .forms import LogFilterForm
from .models import CallLog
from .recording import describe
from .storage import LogQuery

MENU = "calllogs:list"
CSV_HEADER = [
    "time",
    "source",
    "method",
    "endpoint",
    "path",
    "status",
    "error_code",
    "latency_ms",
    "shop_id",
    "client_ip",
    "request_id",
    "user_agent",
]


def _filters(request: HttpRequest, app_id: int, endpoints: list[str]) -> tuple[LogFilterForm, LogQuery, str]:
    query_string = request.GET.copy()
    query_string.pop("before", None)
    form = LogFilterForm(request.GET or None, endpoints=endpoints)
    return form, form.query(app_id), query_string.urlencode()


@login_required
def log_list(request: HttpRequest, fs_id: int) -> HttpResponse:
    app = get_app_for_member(request, fs_id)
    form, query, query_string = _filters(request, app.pk, selectors.endpoints_called(app))
    page = selectors.log_page(query, before=request.GET.get("before", ""))
    chart = selectors.chart(app, start=query.start, end=query.end)
    response = render(
        request,
        "calllogs/list.html",
        {
            "app": app,
            "menu": app_menu(app, current=MENU),
            "form": form,
            "query": query,
            "query_string": query_string,
            "page": page,
            "first_page": not request.GET.get("before"),
            "chart": chart,
            "chart_data": {"span": chart.span, "tz": timezone.get_current_timezone_name(), **chart.series()},
            "errors": selectors.errors_by_code(app, start=query.start, end=query.end),
            "export_url": reverse("calllogs:export", args=[app.fs_id]),
            "filtered": bool(query_string),
            "retention_days": settings.LOG_RETENTION_DAYS,
        },
    )
    add_never_cache_headers(response)
    return response


@login_required
def log_detail(request: HttpRequest, fs_id: int, key: str) -> HttpResponse:
    app = get_app_for_member(request, fs_id)
    call = selectors.log_detail(app, key)
    return render(
        request,
        "calllogs/detail.html",
        {
            "app": app,
            "menu": app_menu(app, current=MENU),
            "call": call,
            "links": entry_links(app, call),
            "request_headers": describe(call.request_headers),
            "response_headers": describe(call.response_headers),
            "request_body": describe(call.request_body) if call.request_body else "",
            "response_body": describe(call.response_body) if call.response_body else "",
        },
    )


class _Line:
    """csv.writer's file: hands back each line it writes."""

    def __init__(self) -> None:
        self.buffer = io.StringIO()

    def take(self) -> str:
        value = self.buffer.getvalue()
        self.buffer.seek(0)
        self.buffer.truncate()
        return value


def _csv_chunks(rows: Iterator[CallLog]) -> Iterator[str]:
    line = _Line()
    writer = csv.writer(line.buffer)
    writer.writerow(CSV_HEADER)
    for count, row in enumerate(rows, start=1):
        writer.writerow(
            [
                row.at.isoformat(),
                row.source,
                row.method,
                row.path_template,
                row.path,
                row.status,
                row.error_code,
                row.latency_ms,
                "" if row.shop_id is None else row.shop_id,
                row.client_ip or "",
                row.request_id,
                row.user_agent,
            ]
        )
        if count % 500 == 0:
            yield line.take()
    yield line.take()


@login_required
def log_export(request: HttpRequest, fs_id: int) -> StreamingHttpResponse:
    """The filtered calls as CSV, streamed: read in keyset batches, so memory stays flat at a million rows."""
    app = get_app_for_member(request, fs_id)
    _form, query, _ = _filters(request, app.pk, selectors.endpoints_called(app))
    response = StreamingHttpResponse(_csv_chunks(selectors.log_rows(query)), content_type="text/csv; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="log-history-{app.fs_id}-{stamp}.csv"'
    add_never_cache_headers(response)
    return response
