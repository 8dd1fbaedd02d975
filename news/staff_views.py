"""Staff write the news in the console (mounted under /staff/news/). Others get a 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from console.lib.errors import DomainError
from partners.permissions import actor_of
from registration.review_views import staff_required

from . import selectors, services
from .forms import CorrectionForm, PostForm, ScheduleForm
from .models import Post


def _post_fields(form: PostForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "endpoints": list(data["endpoints"]),
        "effective_date": data["effective_date"],
        "body": data["body"],
    }


@staff_required
def post_list(request: HttpRequest) -> HttpResponse:
    return render(request, "news/staff/list.html", {"posts": selectors.staff_posts()})


@staff_required
def post_create(request: HttpRequest) -> HttpResponse:
    form = PostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        post = services.post_create(
            actor=actor_of(request), category=form.cleaned_data["category"], **_post_fields(form)
        )
        messages.success(request, gettext("Draft saved. Partners see it once it is published."))
        return redirect("news_staff:post", pk=post.pk)
    return render(request, "news/staff/form.html", {"form": form}, status=400 if form.errors else 200)


@staff_required
def post_view(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(Post.objects.prefetch_related("corrections"), pk=pk)
    return _post_page(request, post, ScheduleForm(initial={"publish_at": post.publish_at}))


def _post_page(request: HttpRequest, post: Post, schedule_form: ScheduleForm, status: int = 200) -> HttpResponse:
    context = {"post": post, "schedule_form": schedule_form, "corrections": list(post.corrections.all())}
    return render(request, "news/staff/post.html", context, status=status)


@staff_required
def post_edit(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(Post, pk=pk)
    if not post.is_editable:
        return redirect("news_staff:correct", pk=post.pk)
    form = PostForm(request.POST or None, post=post)
    if request.method == "POST" and form.is_valid():
        try:
            services.post_update(
                post=post, actor=actor_of(request), category=form.cleaned_data["category"], **_post_fields(form)
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, gettext("Post saved."))
            return redirect("news_staff:post", pk=post.pk)
    return render(request, "news/staff/form.html", {"form": form, "post": post}, status=400 if form.errors else 200)


@staff_required
def post_correct(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(Post, pk=pk)
    if post.is_editable:
        return redirect("news_staff:edit", pk=post.pk)
    form = CorrectionForm(request.POST or None, post=post)
    if request.method == "POST" and form.is_valid():
        try:
            services.post_correct(
                post=post, actor=actor_of(request), note=form.cleaned_data["note"], **_post_fields(form)
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, gettext("Correction published: the post shows it."))
            return redirect("news_staff:post", pk=post.pk)
    context = {"form": form, "post": post, "correcting": True}
    return render(request, "news/staff/form.html", context, status=400 if form.errors else 200)


@staff_required
@require_POST
def post_publish(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(Post, pk=pk)
    try:
        services.post_publish(post=post, actor=actor_of(request))
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, gettext("Published. Partners see it now, and their Owners and Admins are being emailed.")
        )
    return redirect("news_staff:post", pk=post.pk)


@staff_required
@require_POST
def post_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(Post.objects.prefetch_related("corrections"), pk=pk)
    form = ScheduleForm(request.POST)
    if form.is_valid():
        try:
            services.post_schedule(post=post, actor=actor_of(request), publish_at=form.cleaned_data["publish_at"])
        except DomainError as error:
            form.add_error("publish_at", str(error))
        else:
            messages.success(request, gettext("Scheduled. The post is published at that time, not before."))
            return redirect("news_staff:post", pk=post.pk)
    return _post_page(request, post, form, status=400)


@staff_required
@require_POST
def post_unschedule(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(Post, pk=pk)
    try:
        services.post_unschedule(post=post, actor=actor_of(request))
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, gettext("Back to draft."))
    return redirect("news_staff:post", pk=post.pk)


@staff_required
@require_POST
def post_delete(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(Post, pk=pk)
    try:
        services.post_delete(post=post, actor=actor_of(request))
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("news_staff:post", pk=post.pk)
    messages.success(request, gettext("Deleted the draft “{title}”.").format(title=post.title))
    return redirect("news_staff:list")
