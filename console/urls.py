from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from console import devmail, health, views

admin.site.site_header = "Developer Console staff"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("shops.urls")),
    path("apps/", include("apps_mgmt.urls")),
    path("apps/", include("webhooks.urls")),
    path("apps/", include("testing.urls")),
    path("apps/", include("playground.urls")),
    path("apps/", include("calllogs.urls")),
    # The API gateway's call logs (its own credential, not a page).
    path("gateway/", include("calllogs.ingest_urls")),
    path("staff/admin/", admin.site.urls),
    path("registration/", include("registration.urls")),
    path("company/", include("registration.profile_urls")),
    path("staff/review/", include("registration.review_urls")),
    path("staff/audit/", include("teams.staff_urls")),
    path("staff/apps/", include("apps_mgmt.staff_urls")),
    path("staff/partners/", include("registration.staff_partner_urls")),
    path("team/", include("teams.urls")),
    path("news/", include("news.urls")),
    path("staff/news/", include("news.staff_urls")),
    path("dev/mail/", devmail.mail_list, name="devmail_list"),
    path("dev/mail/<str:name>", devmail.mail_detail, name="devmail_detail"),
    path("dev/mail/<str:name>/html", devmail.mail_html, name="devmail_html"),
    # The Open API sandbox at Tokopedia's root paths (/token, /v1/..., /v2/...).
    path("", include("openapi.urls")),
]

handler400 = "console.views.error_400"
handler403 = "console.views.error_403"
handler404 = "console.views.error_404"
handler500 = "console.views.error_500"
