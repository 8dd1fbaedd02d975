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
    # allauth's refusals and its email page, which say "e-mail" and "anda".
    gettext_noop("The email address and/or password you specified are not correct."),
    gettext_noop("A user is already registered with this email address."),
    gettext_noop("This email address is already associated with this account."),
    gettext_noop("The following email addresses are associated with your account:"),
    gettext_noop("Add Email Address"),
    gettext_noop("Do you really want to remove the selected email address?"),
    gettext_noop("You must type the same email each time."),
    # Django's password rules, shown under every new password ("Sandi anda ..."); their
    # msgids spell "can't" with a typographic apostrophe (U+2019).
    gettext_noop("Your password can’t be too similar to your other personal information."),  # noqa: RUF001
    gettext_noop("Your password can’t be a commonly used password."),  # noqa: RUF001
    gettext_noop("Your password can’t be entirely numeric."),  # noqa: RUF001
)
