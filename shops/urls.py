from __future__ import annotations

from django.urls import path

from . import views

app_name = "shops"

urlpatterns = [
    path("registration/seller-approval/", views.seller_approval, name="seller_approval"),
    path(
        "registration/seller-approval/<int:link_id>/resend/",
        views.seller_approval_resend,
        name="seller_approval_resend",
    ),
    path(
        "registration/seller-approval/<int:link_id>/remove/",
        views.seller_approval_remove,
        name="seller_approval_remove",
    ),
    path("apps/<int:fs_id>/shops/", views.management, name="management"),
    path("apps/<int:fs_id>/shops/<int:link_id>/resend/", views.management_resend, name="management_resend"),
    path("apps/<int:fs_id>/shops/<int:link_id>/remove/", views.management_remove, name="management_remove"),
    path("shop-consent/<str:token>/", views.consent, name="consent"),
]
