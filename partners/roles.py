"""The four roles of a partner's team and what each may do (SPEC section 2b).

This module is the one place roles are defined. `ROLE_TABLE` is both what the
console enforces and what partners read on the Roles page: each row names
what it allows as `Permission`s, and the roles that may do it. Views check
through `partners.permissions` (`get_partner_for_member(request, need=...)`,
`apps_mgmt.permissions.get_app_for_member(request, fs_id, need=...)`), and
services through `partners.permissions.member_authorize`, both of which end
in `role_allows` below.

Pure Python on purpose (no models): every app that checks access imports it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """A member's role, strongest first. The person who registered is the first Owner."""

    OWNER = "owner", _("Owner")
    ADMIN = "admin", _("Admin")
    DEVELOPER = "developer", _("Developer")
    VIEWER = "viewer", _("Viewer")


class Permission(StrEnum):
    """What a member may do. Name the narrowest one a view or service needs."""

    VIEW = "view"  # apps, shops, logs, webhook deliveries, the audit log
    VIEW_SECRETS = "view_secrets"  # a Client Secret when issued, a webhook secret
    CREATE_APP = "create_app"
    IMPORT_APP = "import_app"
    EDIT_APP = "edit_app"  # an app's settings: the IP whitelist and the like
    EDIT_WEBHOOKS = "edit_webhooks"
    MANAGE_SHOPS = "manage_shops"  # add, re-invite and remove shops
    MANAGE_TESTING_ACCOUNTS = "manage_testing_accounts"
    USE_PLAYGROUND = "use_playground"
    DELETE_APP = "delete_app"
    REGENERATE_SECRET = "regenerate_secret"  # noqa: S105 (a permission name, not a secret)
    MANAGE_TEAM = "manage_team"  # invite, change roles, remove members
    EXPORT_AUDIT_LOG = "export_audit_log"
    TRANSFER_OWNERSHIP = "transfer_ownership"
    CHANGE_COMPANY = "change_company"  # the registration's company data, and asking staff to change it


@dataclass(frozen=True)
class TableRow:
    label: str | Promise
    permissions: frozenset[Permission]
    roles: frozenset[Role]


def _row(label: str | Promise, permissions: set[Permission], roles: set[Role]) -> TableRow:
    return TableRow(label, frozenset(permissions), frozenset(roles))


_EVERYONE = {Role.OWNER, Role.ADMIN, Role.DEVELOPER, Role.VIEWER}
_BUILDERS = {Role.OWNER, Role.ADMIN, Role.DEVELOPER}
_MANAGERS = {Role.OWNER, Role.ADMIN}

P = Permission
ROLE_TABLE: tuple[TableRow, ...] = (
    _row(_("See apps, shops, logs, webhook deliveries and the audit log"), {P.VIEW}, _EVERYONE),
    _row(_("See a Client Secret when it is issued, and webhook secrets"), {P.VIEW_SECRETS}, _BUILDERS),
    _row(
        _(
            "Create and import apps, edit the IP whitelist, webhooks, shops and testing accounts, use the API Playground"
        ),
        {
            P.CREATE_APP,
            P.IMPORT_APP,
            P.EDIT_APP,
            P.EDIT_WEBHOOKS,
            P.MANAGE_SHOPS,
            P.MANAGE_TESTING_ACCOUNTS,
            P.USE_PLAYGROUND,
        },
        _BUILDERS,
    ),
    _row(_("Delete an app, regenerate a Client Secret"), {P.DELETE_APP, P.REGENERATE_SECRET}, _MANAGERS),
    _row(
        _("Invite members, change their roles and remove them; export the audit log"),
        {P.MANAGE_TEAM, P.EXPORT_AUDIT_LOG},
        _MANAGERS,
    ),
    _row(
        _("Transfer ownership, ask for a change of company data"),
        {P.TRANSFER_OWNERSHIP, P.CHANGE_COMPANY},
        {Role.OWNER},
    ),
)

ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    role: frozenset(permission for row in ROLE_TABLE if role in row.roles for permission in row.permissions)
    for role in Role
}

ROLE_SUMMARIES: dict[str, str | Promise] = {
    Role.OWNER: _("Everything, including transferring ownership and asking for a change of company data."),
    Role.ADMIN: _("Everything about apps and the team; not ownership or company data."),
    Role.DEVELOPER: _(
        "Works with apps: credentials, whitelist, webhooks, shops, playground, testing accounts. "
        "Can't delete apps, regenerate secrets or manage the team."
    ),
    Role.VIEWER: _("Reads everything except secrets; changes nothing."),
}

# Strongest first: a member may grant a role only up to their own.
_RANK: dict[str, int] = {Role.OWNER: 4, Role.ADMIN: 3, Role.DEVELOPER: 2, Role.VIEWER: 1}


def role_allows(role: str, permission: Permission) -> bool:
    """The one check: may a member with `role` do `permission`? Unknown roles may do nothing."""
    return permission in ROLE_PERMISSIONS.get(role, frozenset())


def roles_allowed(permission: Permission) -> list[Role]:
    """The roles that may do `permission`, strongest first (for messages: 'ask an Owner or Admin')."""
    return [role for role in Role if role_allows(role, permission)]


def rank(role: str) -> int:
    return _RANK.get(role, 0)


def can_grant(granter: str, role: str) -> bool:
    """May a member with role `granter` give (or take away) `role`? Only up to their own:
    an Admin never makes an Owner, nor demotes or removes one."""
    return role in Role.values and rank(granter) >= rank(role)


def refusal(role: str, permission: Permission) -> str:
    """What a member whose role can't do `permission` reads."""
    labels = [str(r.label) for r in roles_allowed(permission)]
    allowed = gettext(" or ").join([", ".join(labels[:-1]), labels[-1]] if len(labels) > 1 else labels)
    label = Role(role).label if role in Role.values else role
    return gettext(
        "Only an {allowed} can do this, and your role is {label}. Ask one of them to do it or to change your role."
    ).format(allowed=allowed, label=label)
