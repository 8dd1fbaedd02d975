"""Signals accounts/ sends for the floors above to act on (CONTRIBUTING.md, "Where code goes").

- `sign_in_refused(sender, request, email, reason)`: a sign-in with this email
  was refused ("wrong_password" or "too_many_attempts"); teams/ writes it in
  the audit log of the account the address belongs to.
"""

from __future__ import annotations

from django.dispatch import Signal

sign_in_refused = Signal()
