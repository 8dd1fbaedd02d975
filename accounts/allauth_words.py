"""Words on allauth's and Django's own pages (sign-in, sign-up, email, two-factor), said
the way the rest of the console says them (docs/glossary.md).

The console's catalogue (LOCALE_PATHS) is read before the apps' own, so these
translations win over allauth's and Django's ("Sandi", "E-mail"). Nothing imports
this module: `makemessages` reads it.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

WORDS = (
    gettext_noop("Password"),
    gettext_noop("Password (again)"),
    gettext_noop("Email Addresses"),
    gettext_noop("Add Email"),
    gettext_noop("Confirm Email Address"),
    gettext_noop("Email address"),
)
