from __future__ import annotations

from django.urls import path

from . import audit_views, join_views, views

app_name = "teams"

urlpatterns = [
    path("", views.team, name="team"),
    path("invite/", views.invite, name="invite"),
    path("invitations/<int:pk>/resend/", views.invitation_resend, name="invitation_resend"),
    path("invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("members/<int:pk>/role/", views.member_role, name="member_role"),
    path("members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("leave/", views.leave, name="leave"),
    path("transfer/", views.transfer, name="transfer"),
    path("roles/", views.roles, name="roles"),
    path("join/<str:token>/", join_views.join, name="join"),
    path("audit/", audit_views.partner_log, name="audit"),
    path("audit/export.csv", audit_views.partner_log_export, name="audit_export"),
]
