"""The Team page: members, their roles, invitations, leaving and ownership (SPEC section 2b)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from console.lib.errors import DomainError
from console.lib.http import client_ip
from partners.models import PartnerMember
from partners.permissions import actor_of, forget_membership, get_membership, require_membership
from partners.roles import ROLE_SUMMARIES, ROLE_TABLE, Permission, Role, can_grant

from . import selectors, services
from .forms import InviteForm, RoleForm, TransferForm
from .models import Invitation


@login_required
def team(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request)
    return _team_page(request, membership, InviteForm(granter=membership.role))


def _team_page(
    request: HttpRequest, membership: PartnerMember, invite_form: InviteForm, status: int = 200
) -> HttpResponse:
    partner = membership.partner
    manages = membership.allows(Permission.MANAGE_TEAM)
    members = selectors.team_members(partner)
    for member in members:
        # What this viewer may do to each row: only up to their own role, never to themself here.
        member.can_manage = manages and member.pk != membership.pk and can_grant(membership.role, member.role)  # type: ignore[attr-defined]
    context: dict[str, Any] = {
        "partner": partner,
        "me": membership,
        "members": members,
        "owner_count": sum(1 for member in members if member.role == Role.OWNER),
        "invitations": selectors.pending_invitations(partner) if manages else [],
        "invite_form": invite_form,
        "role_form": RoleForm(granter=membership.role),
        "manages": manages,
    }
    return render(request, "teams/team.html", context, status=status)


@login_required
@require_POST
def invite(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request, need=Permission.MANAGE_TEAM)
    form = InviteForm(request.POST, granter=membership.role)
    if form.is_valid():
        try:
            issued = services.invitation_create(
                partner=membership.partner,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                actor=actor_of(request),
                ip=client_ip(request),
            )
        except DomainError as error:
            form.add_error("email", str(error))
        else:
            role = issued.invitation.get_role_display()
            messages.success(
                request,
                gettext("Invitation sent to {email} as {role}. The link works for 7 days.").format(
                    email=issued.invitation.email, role=role
                ),
            )
            return redirect("teams:team")
    return _team_page(request, membership, form, status=400)


def _invitation(request: HttpRequest, pk: int) -> Invitation:
    membership = require_membership(request, need=Permission.MANAGE_TEAM)
    return get_object_or_404(Invitation.objects.select_related("partner"), pk=pk, partner=membership.partner)


@login_required
@require_POST
def invitation_resend(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = _invitation(request, pk)
    try:
        issued = services.invitation_resend(invitation=invitation, actor=actor_of(request), ip=client_ip(request))
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            gettext("A new invitation went to {email}; the earlier link no longer works.").format(
                email=issued.invitation.email
            ),
        )
    return redirect("teams:team")


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = _invitation(request, pk)
    try:
        services.invitation_revoke(invitation=invitation, actor=actor_of(request), ip=client_ip(request))
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            gettext("The invitation to {email} is revoked: its link no longer works.").format(email=invitation.email),
        )
    return redirect("teams:team")


def _other_member(request: HttpRequest, pk: int) -> tuple[PartnerMember, PartnerMember]:
    membership = require_membership(request, need=Permission.MANAGE_TEAM)
    member = get_object_or_404(
        PartnerMember.objects.select_related("user", "partner"), pk=pk, partner=membership.partner
    )
    return membership, member


@login_required
@require_POST
def member_role(request: HttpRequest, pk: int) -> HttpResponse:
    membership, member = _other_member(request, pk)
    form = RoleForm(request.POST, granter=membership.role)
    if not form.is_valid():
        messages.error(request, gettext("Choose a role you can give: {value}").format(value=form.errors["role"][0]))
        return redirect("teams:team")
    try:
        changed = services.member_role_change(
            member=member, role=form.cleaned_data["role"], actor=actor_of(request), ip=client_ip(request)
        )
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            gettext("{email} is now {changed}. We emailed them.").format(
                email=changed.user.email, changed=changed.get_role_display()
            ),
        )
    forget_membership(request)
    return redirect("teams:team")


@login_required
@require_http_methods(["GET", "POST"])
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    _, member = _other_member(request, pk)
    if request.method == "POST":
        try:
            services.member_remove(member=member, actor=actor_of(request), ip=client_ip(request))
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, gettext("{email} was removed from the team. We emailed them.").format(email=member.user.email)
            )
        return redirect("teams:team")
    return render(request, "teams/remove_confirm.html", {"member": member})


@login_required
@require_http_methods(["GET", "POST"])
def leave(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request)
    if request.method == "POST":
        try:
            services.member_leave(member=membership, ip=client_ip(request))
        except DomainError as error:
            messages.error(request, str(error))
            return redirect("teams:team")
        forget_membership(request)
        messages.success(request, gettext("You left {partner}.").format(partner=membership.partner))
        return redirect("home")
    return render(request, "teams/leave_confirm.html", {"me": membership, "partner": membership.partner})


@login_required
@require_http_methods(["GET", "POST"])
def transfer(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request, need=Permission.TRANSFER_OWNERSHIP)
    form = TransferForm(request.POST or None, members=selectors.transferable_members(membership.partner, membership))
    if request.method == "POST" and form.is_valid():
        try:
            to = services.ownership_transfer(
                partner=membership.partner,
                to=form.cleaned_data["member"],
                actor=actor_of(request),
                ip=client_ip(request),
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            forget_membership(request)
            messages.success(
                request,
                gettext("{email} now owns {partner}; you are an Admin.").format(
                    email=to.user.email, partner=membership.partner
                ),
            )
            return redirect("teams:team")
    status = 400 if form.errors else 200
    return render(request, "teams/transfer.html", {"form": form, "partner": membership.partner}, status=status)


def roles(request: HttpRequest) -> HttpResponse:
    """Public: an invitee reads what the role they are offered may do before they have an account."""
    context = {
        "me": get_membership(request),
        "roles": [{"label": role.label, "summary": ROLE_SUMMARIES[role]} for role in Role],
        "rows": [{"label": row.label, "cells": [role in row.roles for role in Role]} for row in ROLE_TABLE],
    }
    return render(request, "teams/roles.html", context)
