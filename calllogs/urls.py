from __future__ import annotations

from django.urls import path

from . import views

app_name = "calllogs"

# Per-app pages under /apps/<fs_id>/logs/.
urlpatterns = [
    path("<int:fs_id>/logs/", views.log_list, name="list"),
    path("<int:fs_id>/logs/export.csv", views.log_export, name="export"),
    path("<int:fs_id>/logs/<str:key>/", views.log_detail, name="detail"),
]
