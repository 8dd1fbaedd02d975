"""Staff's list of partner accounts with their status (mounted under /staff/partners/)."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from console.lib.staff import staff_required
from partners.models import Partner

from .selectors import staff_partner_search

PAGE_SIZE = 50


class PartnerSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *Partner.Status.choices]
    )


@staff_required
def partner_list(request: HttpRequest) -> HttpResponse:
    form = PartnerSearchForm(request.GET or None)
    query, status = "", ""
    if form.is_valid():
        query, status = form.cleaned_data["q"], form.cleaned_data["status"]
    page = Paginator(staff_partner_search(query=query, status=status), PAGE_SIZE).get_page(request.GET.get("page"))
    kept = request.GET.copy()
    kept.pop("page", None)
    context = {"form": form, "page": page, "filtered": bool(query or status), "kept": kept.urlencode()}
    return render(request, "registration/staff/partners.html", context)
