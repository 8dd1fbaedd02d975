from __future__ import annotations

from django.urls import path

from . import views

app_name = "webhooks"

# Per-app pages under /apps/<fs_id>/webhooks/ (apps_mgmt keeps /apps/<fs_id>/auth/ and the rest).
urlpatterns = [
    path("<int:fs_id>/webhooks/", views.webhook_settings, name="settings"),
    path("<int:fs_id>/webhooks/secret/", views.webhook_secret_set, name="secret"),
    path("<int:fs_id>/webhooks/secret/reveal/", views.webhook_secret_reveal, name="secret_reveal"),
    path("<int:fs_id>/webhooks/test/", views.webhook_test_send, name="test"),
    path("<int:fs_id>/webhooks/endpoints/<str:event>/enable/", views.webhook_endpoint_enable, name="enable"),
    path("<int:fs_id>/webhooks/deliveries/", views.delivery_list, name="deliveries"),
    path("<int:fs_id>/webhooks/deliveries/recover/", views.deliveries_recover, name="recover"),
    path("<int:fs_id>/webhooks/deliveries/<str:webhook_id>/", views.delivery_detail, name="delivery"),
    path("<int:fs_id>/webhooks/deliveries/<str:webhook_id>/redeliver/", views.delivery_redeliver, name="redeliver"),
]
