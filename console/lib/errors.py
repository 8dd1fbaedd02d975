"""Domain errors: a service refuses with a message a person can act on."""

from __future__ import annotations

from django.utils.functional import Promise


class DomainError(Exception):
    """Raised by a service when a change is not allowed. `str(error)` is shown to the user."""

    def __init__(self, message: str | Promise) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        # str(): a module-level message may be a lazy translation, read in the request's language.
        return str(self.message)
