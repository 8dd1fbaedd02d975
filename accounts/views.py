"""A person's own preferences: the language switcher and the Language and time zone page."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from console.lib.errors import DomainError

from .forms import PreferencesForm
from .locale import language_codes
from .services import user_preferences_update


@require_POST
def language_switch(request: HttpRequest) -> HttpResponse:
    """The switcher in the navigation: saved on the user, and in a cookie for visitors
    (Django's `set_language` sets the cookie and goes back to `next` on this site)."""
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in language_codes():
        user_preferences_update(user=request.user, actor=request.user, language=language)
    return set_language(request)


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    user = request.user
    initial = {"language": user.language or translation.get_language(), "time_zone": user.time_zone}  # type: ignore[union-attr]
    form = PreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            user_preferences_update(
                user=user,  # type: ignore[arg-type]
                actor=user,  # type: ignore[arg-type]
                language=form.cleaned_data["language"],
                time_zone=form.cleaned_data["time_zone"],
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            translation.activate(form.cleaned_data["language"])
            messages.success(request, _("Your language and time zone are saved."))
            response = redirect("accounts:preferences")
            # The same choice after signing out, as the switcher keeps it.
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                form.cleaned_data["language"],
                max_age=settings.LANGUAGE_COOKIE_AGE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite="Lax",
            )
            return response
    return render(request, "accounts/preferences.html", {"form": form})
