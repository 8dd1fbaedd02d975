from __future__ import annotations

from django.urls import path

from . import views

app_name = "shops"

urlpatterns = [
    path("apps/<int:fs_id>/shops/", views.management, name="management"),
    path("apps/<int:fs_id>/shops/<int:link_id>/resend/", views.management_resend, name="management_resend"),
    path("apps/<int:fs_id>/shops/<int:link_id>/remove/", views.management_remove, name="management_remove"),
    path("shop-consent/<str:token>/", views.consent, name="consent"),
]
