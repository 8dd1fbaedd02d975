from __future__ import annotations

from django.urls import path

from . import review_views

app_name = "review"

urlpatterns = [
    path("", review_views.queue, name="queue"),
    path("<int:pk>/", review_views.detail, name="detail"),
    path("<int:pk>/approve/", review_views.approve, name="approve"),
    path("<int:pk>/reject/", review_views.reject, name="reject"),
    path("changes/<int:pk>/", review_views.change_detail, name="change"),
    path("changes/<int:pk>/approve/", review_views.change_approve, name="change_approve"),
    path("changes/<int:pk>/reject/", review_views.change_reject, name="change_reject"),
]
