"""Small template filters every app's pages share."""

from __future__ import annotations

from datetime import datetime, timedelta

from django import template
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext

from console.lib.text import and_list

register = template.Library()


@register.filter
def ago(value: datetime | None) -> str:
    """'3 hours ago', or 'just now' under a minute (never '0 minutes ago')."""
    if not value:
        return ""
    if timezone.now() - value < timedelta(minutes=1):
        return gettext("just now")
    return gettext("{time} ago").format(time=timesince(value))


register.filter("and_list", and_list)
