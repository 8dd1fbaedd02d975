"""Staff's apps overview, mounted under /staff/apps/."""

from __future__ import annotations

from django.urls import path

from . import staff_views

app_name = "staff_apps"

urlpatterns = [
    path("", staff_views.staff_apps, name="list"),
    path("<int:fs_id>/", staff_views.staff_app, name="detail"),
    path("<int:fs_id>/suspend/", staff_views.staff_app_suspend, name="suspend"),
    path("<int:fs_id>/reinstate/", staff_views.staff_app_reinstate, name="reinstate"),
]
