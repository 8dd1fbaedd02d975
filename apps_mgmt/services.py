"""Every change to an app goes through here (views, admin, commands, tests)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_noop, ngettext
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from audit.services import audit_changes, audit_record
from console.lib.errors import DomainError
from console.lib.ratelimit import rate_limit_hit, rate_limit_undo
from partners.models import Partner
from partners.permissions import member_authorize
from partners.roles import Permission

from . import credentials, emails
from .models import App, LegacyApp
from .signals import LegacyShops, app_deleted, app_imported, app_suspended
from .whitelist import whitelist_parse


class AppLimitReached(DomainError):
    pass


class AppStateError(DomainError):
    pass


class WhitelistInvalid(DomainError):
    pass


class ImportRefused(DomainError):
    pass


class LegacyAppInvalid(DomainError):
    pass


# One message for every failed import, whichever field was wrong: anything
# more precise would tell a guesser which part they already have right.
IMPORT_FAILED = gettext_noop(
    "We couldn't import an app with those details. Check the App ID, Client ID and Client Secret "
    "(copy them from where the app was issued) and try again."
)


@dataclass(frozen=True)
class IssuedApp:
    """An app with its Client Secret in clear: shown once, never stored."""

    app: App
    client_secret: str


@dataclass(frozen=True)
class ImportedApp:
    app: App
    shops: LegacyShops


def _lock_and_check_limit(partner: Partner) -> None:
    """Call inside a transaction: concurrent creates/imports for one partner
    queue on the account row, so the count can't be read stale by two at once."""
    limit: int = settings.MAX_LIVE_APPS
    Partner.objects.select_for_update().get(pk=partner.pk)
    if App.objects.filter(partner=partner, status__in=App.OCCUPYING_STATUSES).count() >= limit:
        raise AppLimitReached(
            gettext(
                "An account may have at most {limit} live apps, and this one has {limit}. Delete an app you no longer use to make room."
            ).format(limit=limit)
        )


def app_create(
    *,
    partner: Partner,
    name: str,
    description: str,
    actor: User | None,
    ip: str | None = None,
    with_secret: bool = True,
) -> IssuedApp:
    """Create a live app. At most MAX_LIVE_APPS per account, even under concurrent requests.

    Without `with_secret` (the default app activation creates, when nobody is
    there to see a secret) the app has none until a member generates one in
    Authentication Management: no secret exists that nobody was shown.
    """
    with transaction.atomic():
        _lock_and_check_limit(partner)
        member_authorize(actor=actor, partner=partner, need=Permission.CREATE_APP)
        secret = credentials.new_client_secret() if with_secret else ""
        app = App(partner=partner, name=name, description=description, client_id=credentials.new_client_id())
        if secret:
            app.set_secret(secret)
        _save_with_fresh_fs_id(app)
        audit_record(
            actor=actor,
            action="app.create",
            target=app,
            partner=partner,
            changes=audit_changes({}, {"name": name, "description": description}),
            ip=ip,
        )
    return IssuedApp(app=app, client_secret=secret)


def _save_with_fresh_fs_id(app: App) -> None:
    for _attempt in range(5):
        app.fs_id = credentials.new_fs_id()
        # Legacy App IDs are reserved: a partner may still import one.
        if LegacyApp.objects.filter(fs_id=app.fs_id).exists():
            continue
        try:
            with transaction.atomic():
                app.save()
            return
        except IntegrityError:
            continue
    raise RuntimeError("Could not allocate an App ID")


def app_delete(*, app: App, actor: User | None, ip: str | None = None) -> App:
    """Delete a live app: its credentials stop working and its slot is freed. The row stays for the audit trail."""
    with transaction.atomic():
        app = App.objects.select_for_update().select_related("partner").get(pk=app.pk)
        member_authorize(actor=actor, partner=app.partner, need=Permission.DELETE_APP)
        if app.status == App.Status.SUSPENDED:
            raise AppStateError(
                gettext("A suspended app can't be deleted. Contact support to have it reinstated first.")
            )
        if app.status != App.Status.LIVE:
            raise AppStateError(gettext("This app has already been deleted."))
        app.status = App.Status.DELETED
        app.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action="app.delete",
            target=app,
            partner=app.partner,
            data={"name": app.name},
            changes=audit_changes({"status": App.Status.LIVE}, {"status": App.Status.DELETED}),
            ip=ip,
        )
        emails.app_deleted(app=app, actor=actor, when=timezone.now())
        # A deleted app must not keep holding shops: shops/ frees them (and
        # tells their owners) so another app or partner can be linked to them.
        app_deleted.send(sender=App, app=app, actor=actor)
    return app


class StaffAction(Protocol):
    def __call__(self, *, app: App, actor: User | None, reason: str = "") -> App: ...


def app_suspend(*, app: App, actor: User | None, reason: str = "") -> App:
    """Staff: stop an app's credentials at once (the token endpoint and the API check `is_live`,
    and its tokens are revoked for good). The account's Owners are emailed the reason."""
    return _staff_transition(app=app, actor=actor, to=App.Status.SUSPENDED, action="app.suspend", reason=reason)


def app_reinstate(*, app: App, actor: User | None, reason: str = "") -> App:
    """Staff: let a suspended app get tokens again (new ones). The Owners are emailed."""
    return _staff_transition(app=app, actor=actor, to=App.Status.LIVE, action="app.reinstate", reason=reason)


def _staff_transition(*, app: App, actor: User | None, to: str, action: str, reason: str) -> App:
    allowed_from = {App.Status.SUSPENDED: App.Status.LIVE, App.Status.LIVE: App.Status.SUSPENDED}
    with transaction.atomic():
        app = App.objects.select_for_update().select_related("partner").get(pk=app.pk)
        if app.status != allowed_from[App.Status(to)]:
            raise AppStateError(
                gettext("{app} is {app2}; it can't become {to}.").format(
                    app=app, app2=app.get_status_display().lower(), to=to
                )
            )
        app.status = to
        app.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action=action,
            target=app,
            partner=app.partner,
            data={"reason": reason},
            changes=audit_changes({"status": allowed_from[App.Status(to)]}, {"status": to}),
        )
        if to == App.Status.SUSPENDED:
            app_suspended.send(sender=App, app=app, actor=actor)
        emails.app_status_changed(app=app, suspended=to == App.Status.SUSPENDED, reason=reason, when=timezone.now())
    return app


GRACE_CHOICES: dict[str, tuple[str | Promise, timedelta]] = {
    "none": (_("No grace window: the old secret stops working now"), timedelta(0)),
    "1h": (_("1 hour"), timedelta(hours=1)),
    "24h": (_("24 hours"), timedelta(hours=24)),
    "7d": (_("7 days"), timedelta(days=7)),
}


def client_secret_regenerate(*, app: App, grace: timedelta, actor: User | None, ip: str | None = None) -> IssuedApp:
    """Issue a new Client Secret. With a grace window the old one keeps working until it ends,
    so a partner can roll the new secret out without downtime. One previous secret is kept:
    regenerating again inside a window ends the older one."""
    now = timezone.now()
    with transaction.atomic():
        app = App.objects.select_for_update().select_related("partner").get(pk=app.pk)
        member_authorize(actor=actor, partner=app.partner, need=Permission.REGENERATE_SECRET)
        previous_hint = app.secret_hint
        first = not app.has_secret
        if grace > timedelta(0) and not first:
            app.previous_secret_digest = app.secret_digest
            app.previous_secret_expires_at = now + grace
        else:
            app.previous_secret_digest = ""
            app.previous_secret_expires_at = None
        secret = credentials.new_client_secret()
        app.set_secret(secret)
        app.save()
        grace_until = app.previous_secret_expires_at
        audit_record(
            actor=actor,
            action="app.client_secret_regenerate",
            target=app,
            partner=app.partner,
            data={"grace_seconds": int(grace.total_seconds())},
            # Redacted in the log: it records that the secret changed, never what to.
            changes=audit_changes({"client_secret": previous_hint}, {"client_secret": app.secret_hint}),
            ip=ip,
        )
        emails.client_secret_regenerated(app=app, actor=actor, when=now, grace_until=grace_until, first=first)
    return IssuedApp(app=app, client_secret=secret)


def app_whitelist_update(*, app: App, text: str, actor: User | None, ip: str | None = None) -> App:
    """Replace the app's IP whitelist (one address or CIDR range per line; empty allows any IP)."""
    parsed = whitelist_parse(text)
    if parsed.errors:
        raise WhitelistInvalid(" ".join(parsed.errors))
    with transaction.atomic():
        app = App.objects.select_for_update().select_related("partner").get(pk=app.pk)
        member_authorize(actor=actor, partner=app.partner, need=Permission.EDIT_APP)
        previous = list(app.ip_whitelist)
        app.ip_whitelist = parsed.entries
        app.save(update_fields=["ip_whitelist", "updated_at"])
        audit_record(
            actor=actor,
            action="app.ip_whitelist_update",
            target=app,
            partner=app.partner,
            changes=audit_changes({"ip_whitelist": previous}, {"ip_whitelist": parsed.entries}),
            ip=ip,
        )
    return app


def _import_limit_keys(partner: Partner, ip: str | None) -> list[str]:
    return [f"apps:import:partner:{partner.pk}", f"apps:import:ip:{ip or 'unknown'}"]


def app_import(
    *, partner: Partner, fs_id: int, client_id: str, client_secret: str, actor: User | None, ip: str | None = None
) -> ImportedApp:
    """Claim a legacy app: all three credentials must match an unclaimed one.

    Failures count against the account and the client IP; over the limit every
    attempt is refused (even a right one) until the window passes.
    """
    member_authorize(actor=actor, partner=partner, need=Permission.IMPORT_APP)
    limit: int = settings.APP_IMPORT_MAX_FAILURES
    window: int = settings.APP_IMPORT_FAILURE_WINDOW
    keys = _import_limit_keys(partner, ip)
    # Count the attempt first, in one atomic step per key, then look: concurrent
    # attempts can't all pass a check made before any of them counted.
    states = [rate_limit_hit(key, limit=limit, window=window) for key in keys]
    if any(state.exceeded for state in states):
        minutes = max(1, -(-max(state.reset_after for state in states) // 60))
        _import_refused_record(partner=partner, fs_id=fs_id, actor=actor, ip=ip, reason="rate_limited")
        raise ImportRefused(
            ngettext(
                "Too many failed import attempts. Wait {minutes} minute and try again.",
                "Too many failed import attempts. Wait {minutes} minutes and try again.",
                minutes,
            ).format(minutes=minutes)
        )
    counted = False
    try:
        with transaction.atomic():
            _lock_and_check_limit(partner)
            legacy = LegacyApp.objects.select_for_update().filter(fs_id=fs_id, client_id=client_id).first()
            # Compare against a digest even when nothing matched, so the answer
            # takes the same time whether or not the App ID exists.
            digest = legacy.secret_digest if legacy is not None else "0" * 64
            secret_ok = credentials.secret_matches(client_secret, digest)
            if legacy is None or not secret_ok or legacy.is_claimed:
                raise ImportRefused(gettext(IMPORT_FAILED))
            return _claim(legacy=legacy, partner=partner, secret=client_secret, actor=actor, ip=ip)
    except ImportRefused:
        counted = True
        _import_refused_record(partner=partner, fs_id=fs_id, actor=actor, ip=ip, reason="no_match")
        raise
    finally:
        # Only wrong credentials count against the limit: anything else gives its slot back.
        if not counted:
            for key in keys:
                rate_limit_undo(key, window=window)


def _import_refused_record(*, partner: Partner, fs_id: int, actor: User | None, ip: str | None, reason: str) -> None:
    """A refused import is in the account's log (the App ID tried, never the credentials),
    written after the refused transaction rolled back so it stays."""
    audit_record(
        actor=actor,
        action="app.import_refused",
        target=partner,
        partner=partner,
        fs_id=fs_id,
        data={"reason": reason},
        ip=ip,
        refused=True,
    )


def _claim(*, legacy: LegacyApp, partner: Partner, secret: str, actor: User | None, ip: str | None) -> ImportedApp:
    if App.objects.filter(fs_id=legacy.fs_id).exists() or App.objects.filter(client_id=legacy.client_id).exists():
        # Only reachable with the right credentials, so it tells a guesser nothing.
        raise AppStateError(gettext("This app is already registered in the console. Contact support."))
    app = App(
        partner=partner,
        fs_id=legacy.fs_id,
        client_id=legacy.client_id,
        name=legacy.name,
        description="Imported from the legacy app registry.",
    )
    app.set_secret(secret)
    app.save()
    now = timezone.now()
    legacy.claimed_by = partner
    legacy.claimed_app = app
    legacy.claimed_at = now
    legacy.save(update_fields=["claimed_by", "claimed_app", "claimed_at", "updated_at"])
    # The shops the app managed before come along, through shops/ (which connects).
    answers = app_imported.send(sender=App, app=app, shop_ids=list(legacy.shop_ids), actor=actor, now=now)
    brought = LegacyShops()
    for _receiver, answer in answers:
        if isinstance(answer, LegacyShops):
            brought = answer
    audit_record(
        actor=actor,
        action="app.import",
        target=app,
        partner=partner,
        data={"shops": brought.linked, "skipped": brought.skipped},
        ip=ip,
    )
    return ImportedApp(app=app, shops=brought)


def legacy_app_save(
    *,
    fs_id: int,
    client_id: str,
    name: str,
    shop_ids: list[int],
    client_secret: str = "",
    actor: User | None,
) -> tuple[LegacyApp, str]:
    """Add or update a legacy app in the registry (admin and `import_legacy_apps`).

    Returns the row and what happened: "created", "updated" or "unchanged",
    so running the same CSV twice changes nothing. A claimed app is frozen.
    """
    with transaction.atomic():
        legacy = LegacyApp.objects.select_for_update().filter(fs_id=fs_id).first()
        if legacy is None:
            if not client_secret:
                raise LegacyAppInvalid(gettext("A new legacy app needs its Client Secret."))
            legacy_app_ids_check(fs_id=fs_id, client_id=client_id, own_pk=None)
            legacy = LegacyApp(fs_id=fs_id, client_id=client_id, name=name, shop_ids=shop_ids)
            legacy.set_secret(client_secret)
            legacy.save()
            outcome = "created"
        else:
            if legacy.is_claimed:
                raise LegacyAppInvalid(
                    gettext("App ID {fs_id} was already imported by {claimed_by}; it can't change.").format(
                        fs_id=fs_id, claimed_by=legacy.claimed_by
                    )
                )
            legacy_app_ids_check(fs_id=fs_id, client_id=client_id, own_pk=legacy.pk)
            before = (legacy.client_id, legacy.name, list(legacy.shop_ids), legacy.secret_digest)
            legacy.client_id, legacy.name, legacy.shop_ids = client_id, name, shop_ids
            if client_secret:
                legacy.set_secret(client_secret)
            after = (legacy.client_id, legacy.name, list(legacy.shop_ids), legacy.secret_digest)
            if before == after:
                return legacy, "unchanged"
            legacy.save()
            outcome = "updated"
        audit_record(
            actor=actor,
            action=f"legacy_app.{outcome}",
            target=legacy,
            data={"fs_id": fs_id, "client_id": client_id, "shop_ids": shop_ids},
        )
    return legacy, outcome


def legacy_app_ids_check(*, fs_id: int, client_id: str, own_pk: int | None) -> None:
    """Refuse identifiers another legacy app or a console app already uses (a read: forms call it too)."""
    others = LegacyApp.objects.exclude(pk=own_pk) if own_pk is not None else LegacyApp.objects.all()
    if others.filter(client_id=client_id).exists():
        raise LegacyAppInvalid(
            gettext("Client ID {client_id} belongs to another legacy app.").format(client_id=client_id)
        )
    if App.objects.filter(fs_id=fs_id).exists():
        raise LegacyAppInvalid(gettext("App ID {fs_id} is already used by an app in the console.").format(fs_id=fs_id))
    if App.objects.filter(client_id=client_id).exists():
        raise LegacyAppInvalid(
            gettext("Client ID {client_id} is already used by an app in the console.").format(client_id=client_id)
        )
