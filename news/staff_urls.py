"""Staff write the news (mounted under /staff/news/)."""

from __future__ import annotations

from django.urls import path

from . import staff_views

app_name = "news_staff"

urlpatterns = [
    path("", staff_views.post_list, name="list"),
    path("new/", staff_views.post_create, name="create"),
    path("<int:pk>/", staff_views.post_view, name="post"),
    path("<int:pk>/edit/", staff_views.post_edit, name="edit"),
    path("<int:pk>/correct/", staff_views.post_correct, name="correct"),
    path("<int:pk>/publish/", staff_views.post_publish, name="publish"),
    path("<int:pk>/schedule/", staff_views.post_schedule, name="schedule"),
    path("<int:pk>/unschedule/", staff_views.post_unschedule, name="unschedule"),
    path("<int:pk>/delete/", staff_views.post_delete, name="delete"),
]
