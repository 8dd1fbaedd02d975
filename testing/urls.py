from __future__ import annotations

from django.urls import path

from . import views

app_name = "testing"

# Per-app pages under /apps/<fs_id>/testing/.
urlpatterns = [
    path("<int:fs_id>/testing/", views.home, name="home"),
    path("<int:fs_id>/testing/sellers/", views.seller_create, name="seller_create"),
    path("<int:fs_id>/testing/sellers/<int:number>/reset/", views.seller_reset, name="seller_reset"),
    path("<int:fs_id>/testing/buyer/", views.buyer_create, name="buyer_create"),
    path("<int:fs_id>/testing/orders/", views.orders_place, name="orders_place"),
    path("<int:fs_id>/testing/events/", views.event_fire, name="event"),
    path("<int:fs_id>/testing/orders/<int:order_id>/", views.order, name="order"),
    path("<int:fs_id>/testing/orders/<int:order_id>/step/", views.order_step, name="order_step"),
    path("<int:fs_id>/testing/orders/<int:order_id>/scenario/", views.scenario_start, name="scenario_start"),
]
