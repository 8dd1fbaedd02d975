"""Each app's menu (SPEC section 2), in the original console's order.

This list is the one place to add an entry. An entry appears once its URL
name resolves (with an `fs_id` kwarg), so a feature that isn't built yet
simply doesn't show up: fill in `url_name` when the page exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import App


@dataclass(frozen=True)
class MenuEntry:
    label: str | Promise
    url_name: str | None


APP_MENU: tuple[MenuEntry, ...] = (
    MenuEntry(_("Authentication Management"), "apps:auth"),
    MenuEntry(_("Shop Management"), "shops:management"),
    MenuEntry(_("API Playground"), "playground:index"),
    MenuEntry(_("Log History"), "calllogs:list"),
    MenuEntry(_("Testing Account"), "testing:home"),
    MenuEntry(_("Webhook Settings"), "webhooks:settings"),
)


def app_menu(app: App, current: str | None = None) -> list[dict[str, object]]:
    items: list[dict[str, object]] = []
    for entry in APP_MENU:
        if entry.url_name is None:
            continue
        try:
            url = reverse(entry.url_name, kwargs={"fs_id": app.fs_id})
        except NoReverseMatch:
            continue
        items.append({"label": entry.label, "url": url, "current": entry.url_name == current})
    return items
