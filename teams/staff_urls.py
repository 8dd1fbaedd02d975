"""Staff read every account's audit log (mounted under /staff/audit/)."""

from __future__ import annotations

from django.urls import path

from . import audit_views

urlpatterns = [
    path("", audit_views.staff_log, name="staff_audit"),
    path("export.csv", audit_views.staff_log_export, name="staff_audit_export"),
]
