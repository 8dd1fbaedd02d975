"""Every change to a partner's team: invitations, roles, removals, ownership.

Each service locks the partner row first, so two changes to one team queue
one behind the other: that is what keeps "there is always an Owner" true when
two Owners demote each other, or both leave, at the same moment. Then it
checks the actor's role through partners.permissions, writes an audit row and
queues its emails after the commit.
"""

from ._common import InvitationUnusable, IssuedInvitation, TeamError, address_has_account
from .invitations import (
    invitation_accept,
    invitation_create,
    invitation_read,
    invitation_resend,
    invitation_revoke,
    invitation_url,
    mask_email,
    user_has_verified,
)
from .members import member_leave, member_remove, member_role_change, ownership_transfer

__all__ = [
    "InvitationUnusable",
    "IssuedInvitation",
    "TeamError",
    "address_has_account",
    "invitation_accept",
    "invitation_create",
    "invitation_read",
    "invitation_resend",
    "invitation_revoke",
    "invitation_url",
    "mask_email",
    "member_leave",
    "member_remove",
    "member_role_change",
    "ownership_transfer",
    "user_has_verified",
]
