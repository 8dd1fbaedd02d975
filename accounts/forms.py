from __future__ import annotations

from typing import Any

from allauth.account.forms import SignupForm as AllauthSignupForm


class SignupForm(AllauthSignupForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Email"
        self.fields["email"].help_text = (
            "We recommend your corporate email address (name@yourcompany.com): "
            "the marketplace's staff review your company under this address."
        )
