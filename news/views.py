"""The News pages partners read (SPEC section 12): the list with category filters and
an unread count, each post, and which news each member is emailed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from partners.permissions import actor_of, get_membership, require_membership
from partners.roles import Role

from . import selectors, services
from .affected import affected_apps
from .forms import OPTIONAL_CATEGORIES, EmailPreferencesForm
from .models import Post

PAGE_SIZE = 20


@login_required
def news_list(request: HttpRequest) -> HttpResponse:
    category = request.GET.get("category", "")
    if category not in Post.Category.values:
        category = ""
    user = actor_of(request)
    page = Paginator(selectors.posts_for_reader(user, category=category or None), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    member = get_membership(request)
    if member is not None:
        touched = affected_apps(partner=member.partner, posts=page.object_list)
        for post in page.object_list:
            post.affected = touched.get(post.pk, [])
    context = {
        "page": page,
        "category": category,
        "categories": Post.Category.choices,
        "unread": selectors.unread_count(user),
        "member": member,
    }
    return render(request, "news/list.html", context)


@login_required
def post_detail(request: HttpRequest, pk: int) -> HttpResponse:
    post = selectors.post_for_reader(pk)
    if post is None:
        raise Http404("No such post")
    services.post_mark_read(post=post, user=actor_of(request))
    member = get_membership(request)
    context = {
        "post": post,
        "corrections": list(post.corrections.all()),
        "member": member,
        "affected": affected_apps(partner=member.partner, posts=[post]).get(post.pk, []) if member else [],
    }
    return render(request, "news/detail.html", context)


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    services.posts_mark_all_read(user=actor_of(request))
    messages.success(request, gettext("Every post is marked as read."))
    return redirect("news:list")


@login_required
def email_preferences(request: HttpRequest) -> HttpResponse:
    member = require_membership(request)
    user = actor_of(request)
    if request.method == "POST":
        form = EmailPreferencesForm(request.POST)
        if form.is_valid():
            services.email_preferences_set(member=member, actor=user, muted=form.muted())
            messages.success(request, gettext("Your news emails are saved."))
            return redirect("news:preferences")
    else:
        muted = selectors.muted_categories(user)
        form = EmailPreferencesForm(initial={"emailed": [v for v, _ in OPTIONAL_CATEGORIES if v not in muted]})
    context = {
        "form": form,
        "always": [label for value, label in Post.Category.choices if value in Post.ALWAYS_EMAILED],
        "receives": member.role in (Role.OWNER, Role.ADMIN),
    }
    return render(request, "news/preferences.html", context, status=400 if form.errors else 200)
