from __future__ import annotations

from django.urls import path

from . import views

app_name = "playground"

# Per-app pages under /apps/<fs_id>/playground/ (apps_mgmt keeps /apps/<fs_id>/auth/ and the rest).
urlpatterns = [
    # From pages that aren't about one app (the API reference): on to the member's app, or a choice of them.
    path("playground/", views.playground_choose, name="choose"),
    path("<int:fs_id>/playground/", views.playground, name="index"),
    path("<int:fs_id>/playground/send/", views.playground_send, name="send"),
    path("<int:fs_id>/playground/saved/", views.saved_request_create, name="save"),
    path("<int:fs_id>/playground/saved/<int:pk>/delete/", views.saved_request_delete, name="saved_delete"),
]
