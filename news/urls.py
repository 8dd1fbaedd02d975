from __future__ import annotations

from django.urls import path

from . import views
from .feeds import NewsFeed

app_name = "news"

urlpatterns = [
    path("", views.news_list, name="list"),
    path("<int:pk>/", views.post_detail, name="detail"),
    path("read-all/", views.mark_all_read, name="read_all"),
    path("email/", views.email_preferences, name="preferences"),
    path("feed/", NewsFeed(), name="feed"),
]
