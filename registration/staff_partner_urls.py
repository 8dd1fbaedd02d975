from __future__ import annotations

from django.urls import path

from . import staff_partner_views

app_name = "staff_partners"

urlpatterns = [
    path("", staff_partner_views.partner_list, name="list"),
]
