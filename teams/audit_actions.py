"""How the team's audit actions read in the log (audit/labels.py)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

LABELS: dict[str, str | Promise] = {
    "invitation.create": _("Invited a member"),
    "invitation.resend": _("Resent an invitation"),
    "invitation.revoke": _("Revoked an invitation"),
    "invitation.accept_refused": _("Refused an invitation link"),
    "member.join": _("Joined the team"),
    "member.role_change": _("Changed a member's role"),
    "member.remove": _("Removed a member"),
    "member.leave": _("Left the team"),
    "member.ownership_transfer": _("Transferred ownership"),
    "member.sign_in_refused": _("Refused a sign-in"),
}
