from __future__ import annotations

from django.urls import path

from . import seller_views, views

app_name = "registration"

urlpatterns = [
    path("", views.index, name="index"),
    path("start/", views.start, name="start"),
    path("company/", views.company, name="company"),
    path("terms/", views.terms, name="terms"),
    path("shops/", views.shops, name="shops"),
    path("submit/", views.submit, name="submit"),
    path("status/", views.status, name="status"),
    path("documents/<int:pk>/", views.document, name="document"),
    path("seller-approval/", seller_views.seller_approval, name="seller_approval"),
    path("seller-approval/<int:link_id>/resend/", seller_views.seller_approval_resend, name="seller_approval_resend"),
    path("seller-approval/<int:link_id>/remove/", seller_views.seller_approval_remove, name="seller_approval_remove"),
]
