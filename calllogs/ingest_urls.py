from __future__ import annotations

from django.urls import path

from . import ingest_views

# POST /gateway/logs: the API gateway's call logs (its own credential; not a console page).
urlpatterns = [
    path("logs", ingest_views.ingest, name="calllogs_ingest"),
]
