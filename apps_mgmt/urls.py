from __future__ import annotations

from django.urls import path

from . import views

app_name = "apps"

# Other areas hang their per-app pages under /apps/<fs_id>/ too (e.g. the
# shops area's /apps/<fs_id>/shops/); keep these paths clear of theirs.
urlpatterns = [
    path("", views.app_list, name="list"),
    path("create/", views.app_create, name="create"),
    path("import/", views.app_import, name="import"),
    path("<int:fs_id>/auth/", views.app_auth, name="auth"),
    path("<int:fs_id>/auth/regenerate/", views.client_secret_regenerate, name="regenerate"),
    path("<int:fs_id>/auth/whitelist/", views.app_whitelist_update, name="whitelist"),
    path("<int:fs_id>/delete/", views.app_delete, name="delete"),
]
