"""The API reference page: the OpenAPI document in the console's layout."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .reference import reference


@require_safe
def api_reference(request: HttpRequest) -> HttpResponse:
    return render(request, "openapi/reference.html", {"reference": reference()})
