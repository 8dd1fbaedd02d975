from __future__ import annotations

from django.urls import path

from . import profile_views

app_name = "company"

urlpatterns = [
    path("", profile_views.profile, name="profile"),
    path("change/", profile_views.change, name="change"),
    path("change/<int:pk>/withdraw/", profile_views.withdraw, name="withdraw"),
]
