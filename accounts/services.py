"""Writes about a person's own account."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from console.lib.errors import DomainError

from .locale import language_codes, valid_time_zone
from .models import User


class PreferenceRefused(DomainError):
    pass


@transaction.atomic
def user_preferences_update(
    *, user: User, actor: User, language: str | None = None, time_zone: str | None = None
) -> None:
    """Save the language and/or time zone pages and emails use for `user`.

    A person changes only their own preferences; nothing else depends on
    them, so there is no audit row (they are not the account's data).
    """
    if actor.pk != user.pk:
        raise PreferenceRefused(_("You can change only your own preferences."))
    fields = []
    if language is not None:
        if language and language not in language_codes():
            raise PreferenceRefused(_("Choose one of the languages offered."))
        user.language = language
        fields.append("language")
    if time_zone is not None:
        if not valid_time_zone(time_zone):
            raise PreferenceRefused(_("Choose one of the time zones offered."))
        user.time_zone = time_zone
        fields.append("time_zone")
    if fields:
        user.save(update_fields=fields)
