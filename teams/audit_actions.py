"""How the team's audit actions read in the log (audit/labels.py)."""

from __future__ import annotations

LABELS = {
    "invitation.create": "Invited a member",
    "invitation.resend": "Resent an invitation",
    "invitation.revoke": "Revoked an invitation",
    "invitation.accept_refused": "Refused an invitation link",
    "member.join": "Joined the team",
    "member.role_change": "Changed a member's role",
    "member.remove": "Removed a member",
    "member.leave": "Left the team",
    "member.ownership_transfer": "Transferred ownership",
    "member.sign_in_refused": "Refused a sign-in",
}
