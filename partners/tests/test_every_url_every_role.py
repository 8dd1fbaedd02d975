"""Every console URL, tried by every role: Owner, Admin, Developer and Viewer of
Alice's account, Charlie from another account, Sam from staff, and a visitor.

`ACCESS` says what each URL needs for GET and for POST. A role the need
allows gets through (not 403, 404 or 405); any other is refused (403 or 404)
and a refused POST writes nothing (no audit row: every write writes one).
A page (post=None) writes nothing when even the Owner POSTs to it.

A new page must be added to ACCESS: `test_every_console_url_is_in_the_table`
fails until it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.tests.factories import StaffFactory
from apps_mgmt.tests.factories import issue_app
from audit.models import AuditEvent
from calllogs.models import CallLog
from calllogs.storage import call_storage
from calllogs.tests.helpers import record as call_record_for_test
from news.tests.factories import write_post
from partners.models import Partner, PartnerDocument, PartnerMember
from partners.roles import Permission, Role, role_allows
from partners.tests.factories import PartnerFactory, add_member
from playground.models import SavedRequest
from registration.documents import private_storage
from registration.models import CompanyChange
from shops.models import ShopLink
from shops.tests.factories import ShopFactory
from teams.models import Invitation
from teams.services import invitation_create
from teams.tokens import invitation_token
from testing import services as testing_services
from webhooks.services import webhook_endpoints_register, webhook_test_send

pytestmark = pytest.mark.django_db

P = Permission
T = Permission.MANAGE_TESTING_ACCOUNTS
LOGIN = "login"  # any signed-in user
PUBLIC = "public"  # anyone, signed in or not
STAFF = "staff"


@dataclass
class World:
    acme: Partner
    members: dict[str, PartnerMember]
    fs_id: int
    link_id: int
    waiting_link_id: int
    document_id: int
    invitation: Invitation
    change_id: int
    webhook_id: str
    charlie: Partner
    post_id: int
    draft_id: int
    test_order_id: int
    saved_request_id: int
    log_key: str = ""


@dataclass(frozen=True)
class Access:
    path: Callable[[World], str]
    get: str | Permission
    post: str | Permission | None
    # The URL names one of Alice's objects: Charlie gets a 404 whatever his role.
    scoped: bool = False
    # Staff may also open it (documents, for the review).
    staff_too: bool = False


def _url(template: str) -> Callable[[World], str]:
    return lambda w: template.format(w=w)


ACCESS: dict[str, Access] = {
    "home": Access(_url("/"), LOGIN, None),
    # A person's own language and time zone
    "accounts:preferences": Access(_url("/accounts/preferences/"), LOGIN, LOGIN),
    "accounts:language": Access(_url("/accounts/language/"), PUBLIC, PUBLIC),
    # Apps
    "apps:list": Access(_url("/apps/"), LOGIN, None),
    "apps:create": Access(_url("/apps/create/"), P.CREATE_APP, P.CREATE_APP),
    "apps:import": Access(_url("/apps/import/"), P.IMPORT_APP, P.IMPORT_APP),
    "apps:auth": Access(_url("/apps/{w.fs_id}/auth/"), P.VIEW, None, scoped=True),
    "apps:regenerate": Access(_url("/apps/{w.fs_id}/auth/regenerate/"), P.REGENERATE_SECRET, P.REGENERATE_SECRET, True),
    "apps:whitelist": Access(_url("/apps/{w.fs_id}/auth/whitelist/"), P.EDIT_APP, P.EDIT_APP, scoped=True),
    "apps:delete": Access(_url("/apps/{w.fs_id}/delete/"), P.DELETE_APP, P.DELETE_APP, scoped=True),
    # Shops
    "shops:management": Access(_url("/apps/{w.fs_id}/shops/"), P.VIEW, P.MANAGE_SHOPS, scoped=True),
    "shops:management_resend": Access(
        _url("/apps/{w.fs_id}/shops/{w.link_id}/resend/"), P.MANAGE_SHOPS, P.MANAGE_SHOPS, scoped=True
    ),
    "shops:management_remove": Access(
        _url("/apps/{w.fs_id}/shops/{w.link_id}/remove/"), P.MANAGE_SHOPS, P.MANAGE_SHOPS, scoped=True
    ),
    "shops:consent": Access(_url("/shop-consent/not-a-token/"), PUBLIC, None),
    # Webhook Settings
    "webhooks:settings": Access(_url("/apps/{w.fs_id}/webhooks/"), P.VIEW, P.EDIT_WEBHOOKS, scoped=True),
    "webhooks:secret": Access(_url("/apps/{w.fs_id}/webhooks/secret/"), P.EDIT_WEBHOOKS, P.EDIT_WEBHOOKS, True),
    "webhooks:secret_reveal": Access(
        _url("/apps/{w.fs_id}/webhooks/secret/reveal/"), P.VIEW_SECRETS, P.VIEW_SECRETS, scoped=True
    ),
    "webhooks:test": Access(_url("/apps/{w.fs_id}/webhooks/test/"), P.EDIT_WEBHOOKS, P.EDIT_WEBHOOKS, scoped=True),
    "webhooks:enable": Access(
        _url("/apps/{w.fs_id}/webhooks/endpoints/order_notification/enable/"), P.EDIT_WEBHOOKS, P.EDIT_WEBHOOKS, True
    ),
    "webhooks:deliveries": Access(_url("/apps/{w.fs_id}/webhooks/deliveries/"), P.VIEW, None, scoped=True),
    "webhooks:recover": Access(
        _url("/apps/{w.fs_id}/webhooks/deliveries/recover/"), P.EDIT_WEBHOOKS, P.EDIT_WEBHOOKS, scoped=True
    ),
    "webhooks:delivery": Access(_url("/apps/{w.fs_id}/webhooks/deliveries/{w.webhook_id}/"), P.VIEW, None, scoped=True),
    "webhooks:redeliver": Access(
        _url("/apps/{w.fs_id}/webhooks/deliveries/{w.webhook_id}/redeliver/"), P.EDIT_WEBHOOKS, P.EDIT_WEBHOOKS, True
    ),
    # Testing Account
    "testing:home": Access(_url("/apps/{w.fs_id}/testing/"), P.VIEW, None, scoped=True),
    "testing:seller_create": Access(_url("/apps/{w.fs_id}/testing/sellers/"), T, T, scoped=True),
    "testing:seller_reset": Access(_url("/apps/{w.fs_id}/testing/sellers/1/reset/"), T, T, scoped=True),
    "testing:buyer_create": Access(_url("/apps/{w.fs_id}/testing/buyer/"), T, T, scoped=True),
    "testing:orders_place": Access(_url("/apps/{w.fs_id}/testing/orders/"), T, T, scoped=True),
    "testing:event": Access(_url("/apps/{w.fs_id}/testing/events/"), T, T, scoped=True),
    "testing:order": Access(_url("/apps/{w.fs_id}/testing/orders/{w.test_order_id}/"), P.VIEW, None, scoped=True),
    "testing:order_step": Access(_url("/apps/{w.fs_id}/testing/orders/{w.test_order_id}/step/"), T, T, scoped=True),
    "testing:scenario_start": Access(
        _url("/apps/{w.fs_id}/testing/orders/{w.test_order_id}/scenario/"), T, T, scoped=True
    ),
    # API Playground
    "playground:choose": Access(_url("/apps/playground/?op=shop_info"), LOGIN, None),
    "playground:index": Access(_url("/apps/{w.fs_id}/playground/"), P.VIEW, None, scoped=True),
    "playground:send": Access(_url("/apps/{w.fs_id}/playground/send/"), P.USE_PLAYGROUND, P.USE_PLAYGROUND, True),
    "playground:save": Access(_url("/apps/{w.fs_id}/playground/saved/"), P.USE_PLAYGROUND, P.USE_PLAYGROUND, True),
    "playground:saved_delete": Access(
        _url("/apps/{w.fs_id}/playground/saved/{w.saved_request_id}/delete/"), P.USE_PLAYGROUND, P.USE_PLAYGROUND, True
    ),
    # Log History
    "calllogs:list": Access(_url("/apps/{w.fs_id}/logs/"), P.VIEW, None, scoped=True),
    "calllogs:export": Access(_url("/apps/{w.fs_id}/logs/export.csv"), P.VIEW, None, scoped=True),
    "calllogs:detail": Access(_url("/apps/{w.fs_id}/logs/{w.log_key}/"), P.VIEW, None, scoped=True),
    # Registration (Alice's account is active: the steps send the Owner on to the status)
    "registration:index": Access(_url("/registration/"), LOGIN, None),
    "registration:start": Access(_url("/registration/start/"), LOGIN, LOGIN),
    "registration:company": Access(_url("/registration/company/"), P.CHANGE_COMPANY, P.CHANGE_COMPANY),
    "registration:terms": Access(_url("/registration/terms/"), P.CHANGE_COMPANY, P.CHANGE_COMPANY),
    "registration:shops": Access(_url("/registration/shops/"), P.CHANGE_COMPANY, P.CHANGE_COMPANY),
    "registration:submit": Access(_url("/registration/submit/"), P.CHANGE_COMPANY, P.CHANGE_COMPANY),
    "registration:status": Access(_url("/registration/status/"), P.VIEW, None),
    "registration:document": Access(
        _url("/registration/documents/{w.document_id}/"), P.VIEW, None, scoped=True, staff_too=True
    ),
    "registration:seller_approval": Access(_url("/registration/seller-approval/"), P.VIEW, P.MANAGE_SHOPS),
    "registration:seller_approval_resend": Access(
        _url("/registration/seller-approval/{w.waiting_link_id}/resend/"), P.MANAGE_SHOPS, P.MANAGE_SHOPS, True
    ),
    "registration:seller_approval_remove": Access(
        _url("/registration/seller-approval/{w.waiting_link_id}/remove/"), P.MANAGE_SHOPS, P.MANAGE_SHOPS, True
    ),
    # Company profile
    "company:profile": Access(_url("/company/"), P.VIEW, None),
    "company:change": Access(_url("/company/change/"), P.CHANGE_COMPANY, P.CHANGE_COMPANY),
    "company:withdraw": Access(
        _url("/company/change/{w.change_id}/withdraw/"), P.CHANGE_COMPANY, P.CHANGE_COMPANY, True
    ),
    # Staff review and the staff audit log
    "review:queue": Access(_url("/staff/review/"), STAFF, None),
    "review:detail": Access(_url("/staff/review/{w.acme.pk}/"), STAFF, None),
    "review:approve": Access(_url("/staff/review/{w.acme.pk}/approve/"), STAFF, STAFF),
    "review:reject": Access(_url("/staff/review/{w.acme.pk}/reject/"), STAFF, STAFF),
    "review:change": Access(_url("/staff/review/changes/{w.change_id}/"), STAFF, None),
    "review:change_approve": Access(_url("/staff/review/changes/{w.change_id}/approve/"), STAFF, STAFF),
    "review:change_reject": Access(_url("/staff/review/changes/{w.change_id}/reject/"), STAFF, STAFF),
    "staff_audit": Access(_url("/staff/audit/"), STAFF, None),
    "staff_apps:list": Access(_url("/staff/apps/"), STAFF, None),
    "staff_apps:detail": Access(_url("/staff/apps/{w.fs_id}/"), STAFF, None),
    "staff_apps:suspend": Access(_url("/staff/apps/{w.fs_id}/suspend/"), STAFF, STAFF),
    "staff_apps:reinstate": Access(_url("/staff/apps/{w.fs_id}/reinstate/"), STAFF, STAFF),
    "staff_partners:list": Access(_url("/staff/partners/"), STAFF, None),
    "staff_audit_export": Access(_url("/staff/audit/export.csv"), STAFF, None),
    # Team
    "teams:team": Access(_url("/team/"), P.VIEW, None),
    "teams:invite": Access(_url("/team/invite/"), P.MANAGE_TEAM, P.MANAGE_TEAM),
    "teams:invitation_resend": Access(
        _url("/team/invitations/{w.invitation.pk}/resend/"), P.MANAGE_TEAM, P.MANAGE_TEAM, True
    ),
    "teams:invitation_revoke": Access(
        _url("/team/invitations/{w.invitation.pk}/revoke/"), P.MANAGE_TEAM, P.MANAGE_TEAM, True
    ),
    "teams:member_role": Access(
        _url("/team/members/{w.members[viewer].pk}/role/"), P.MANAGE_TEAM, P.MANAGE_TEAM, scoped=True
    ),
    "teams:member_remove": Access(
        _url("/team/members/{w.members[viewer].pk}/remove/"), P.MANAGE_TEAM, P.MANAGE_TEAM, scoped=True
    ),
    "teams:leave": Access(_url("/team/leave/"), P.VIEW, P.VIEW),
    "teams:transfer": Access(_url("/team/transfer/"), P.TRANSFER_OWNERSHIP, P.TRANSFER_OWNERSHIP),
    "teams:roles": Access(_url("/team/roles/"), PUBLIC, None),
    "teams:join": Access(lambda w: reverse("teams:join", args=[invitation_token(w.invitation)]), PUBLIC, PUBLIC),
    "teams:audit": Access(_url("/team/audit/"), P.VIEW, None),
    "teams:audit_export": Access(_url("/team/audit/export.csv"), P.EXPORT_AUDIT_LOG, None),
    # News: partners read, staff write
    "news:list": Access(_url("/news/"), LOGIN, None),
    "news:detail": Access(_url("/news/{w.post_id}/"), LOGIN, None),
    "news:read_all": Access(_url("/news/read-all/"), LOGIN, LOGIN),
    "news:preferences": Access(_url("/news/email/"), P.VIEW, P.VIEW),
    "news:feed": Access(_url("/news/feed/"), PUBLIC, None),
    "news_staff:list": Access(_url("/staff/news/"), STAFF, None),
    "news_staff:create": Access(_url("/staff/news/new/"), STAFF, STAFF),
    "news_staff:post": Access(_url("/staff/news/{w.draft_id}/"), STAFF, None),
    "news_staff:edit": Access(_url("/staff/news/{w.draft_id}/edit/"), STAFF, STAFF),
    "news_staff:correct": Access(_url("/staff/news/{w.post_id}/correct/"), STAFF, STAFF),
    "news_staff:publish": Access(_url("/staff/news/{w.draft_id}/publish/"), STAFF, STAFF),
    "news_staff:schedule": Access(_url("/staff/news/{w.draft_id}/schedule/"), STAFF, STAFF),
    "news_staff:unschedule": Access(_url("/staff/news/{w.draft_id}/unschedule/"), STAFF, STAFF),
    "news_staff:delete": Access(_url("/staff/news/{w.draft_id}/delete/"), STAFF, STAFF),
}

# Served with their own authentication (the Open API's bearer tokens), or not pages at all.
NOT_CONSOLE_PAGES = (
    "openapi.",
    "calllogs.ingest_views",
    "console.health",
    "console.devmail",
    "drf_spectacular.",
    "django.",
    "allauth.",
)


def _is_console_page(pattern: URLPattern) -> bool:
    return not pattern.callback.__module__.startswith(NOT_CONSOLE_PAGES)


def _console_url_names() -> set[str]:
    def walk(patterns: list[Any], namespace: str | None) -> set[str]:
        names: set[str] = set()
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or None
                walk_ns = f"{namespace}:{inner}" if namespace and inner else (inner or namespace)
                names |= walk(pattern.url_patterns, walk_ns)
            elif isinstance(pattern, URLPattern) and pattern.name and _is_console_page(pattern):
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
        return names

    return walk(get_resolver().url_patterns, None)


def test_every_console_url_is_in_the_table() -> None:
    assert _console_url_names() - set(ACCESS) == set(), "add the new URLs to ACCESS with what they need"
    assert set(ACCESS) - _console_url_names() == set(), "remove URLs that no longer exist"


def _world() -> World:
    acme = PartnerFactory(status=Partner.Status.ACTIVE, company_name="Acme")
    members = {"owner": PartnerMember.objects.get(partner=acme, user=acme.super_admin)}
    for role in (Role.ADMIN, Role.DEVELOPER, Role.VIEWER):
        members[role.value] = add_member(acme, role=role)
    app = issue_app(acme).app
    link = ShopLink.objects.create(partner=acme, app=app, shop=ShopFactory(), status=ShopLink.Status.ACTIVE)
    waiting = ShopLink.objects.create(partner=acme, shop=ShopFactory(), status=ShopLink.Status.REJECTED)
    document = PartnerDocument.objects.create(
        partner=acme,
        kind="company_profile",
        storage_name=DOCUMENT,
        original_name="p.pdf",
        size=15,
        pages=1,
        sha256="",
    )
    invitation = invitation_create(partner=acme, email="new@acme.co.id", role=Role.VIEWER, actor=None).invitation
    change = CompanyChange.objects.create(
        partner=acme, requested_at=acme.created_at, proposed={"pic_name": "New"}, before={"pic_name": ""}
    )
    with override_settings(WEBHOOK_ALLOW_PRIVATE_TARGETS=True):
        webhook_endpoints_register(app=app, urls={"order_notification": "http://127.0.0.1:9/hook"}, actor=None)
    delivery = webhook_test_send(app=app, event="order_notification", actor=None)
    charlie = PartnerFactory(status=Partner.Status.ACTIVE, company_name="Charlie Co")
    post = write_post(publish=True)
    draft = write_post(title="A draft")
    seller = testing_services.testing_seller_create(app=app, actor=None)
    testing_services.testing_buyer_create(app=app, actor=None)
    product = seller.shop.sandbox_products.filter(parent__isnull=False).first()
    [order] = testing_services.testing_orders_place(seller=seller, lines=[(product.product_id, 1)], count=1, actor=None)
    saved = SavedRequest.objects.create(app=app, name="Shops", operation="shop_info")
    call_storage().write([call_record_for_test(app.pk)])
    return World(
        acme,
        members,
        app.fs_id,
        link.pk,
        waiting.pk,
        document.pk,
        invitation,
        change.pk,
        delivery.webhook_id,
        charlie,
        post.pk,
        draft.pk,
        order.order_id,
        saved.pk,
        log_key=CallLog.objects.get(app_id=app.pk).key,
    )


DOCUMENT = "access/doc.pdf"


def _store_document(world: World) -> None:
    """The document's file, in this test's private storage (each test has its own folder)."""
    if not private_storage().exists(DOCUMENT):
        private_storage().save(DOCUMENT, ContentFile(b"%PDF-1.4\n%%EOF\n"))


PEOPLE = ["owner", "admin", "developer", "viewer", "charlie", "sam", "visitor"]


def _client(world: World, person: str) -> Client:
    client = Client()
    if person in world.members:
        client.force_login(world.members[person].user)
    elif person == "charlie":
        client.force_login(world.charlie.super_admin)
    elif person == "sam":
        client.force_login(StaffFactory())
    return client


def _allowed(need: str | Permission, person: str, access: Access) -> bool:
    if need == PUBLIC:
        return True
    if person == "visitor":
        return False
    if need == LOGIN:
        return True
    if need == STAFF:
        return person == "sam"
    if person == "sam":
        return access.staff_too
    if person == "charlie":
        return not access.scoped and role_allows(Role.OWNER, Permission(need))
    return role_allows(person, Permission(need))


class _Rollback(Exception):
    pass


def _try(client: Client, method: str, path: str) -> tuple[int, str, int]:
    """(status, redirect, audit rows written), undone afterwards so each person meets the same world."""
    result: tuple[int, str, int] = (0, "", 0)
    try:
        with transaction.atomic():
            before = AuditEvent.objects.count()
            response = client.get(path) if method == "GET" else client.post(path, {})
            result = (response.status_code, response.get("Location", ""), AuditEvent.objects.count() - before)
            raise _Rollback
    except _Rollback:
        pass
    return result


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Any:
    """One world for every URL: each test runs in a savepoint inside this
    transaction, and each request in one more, so each person meets it as built."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _world()
        transaction.set_rollback(True)


@pytest.mark.parametrize("name", sorted(ACCESS))
def test_each_role_gets_what_the_table_says(name: str, world: World) -> None:
    _store_document(world)
    access = ACCESS[name]
    path = access.path(world)
    wrong: list[str] = []
    for person in PEOPLE:
        client = _client(world, person)
        for method, need in (("GET", access.get), ("POST", access.post)):
            if need is None and person != "owner":
                continue  # a page: if the Owner's POST writes nothing, nobody's does
            status, location, written = _try(client, method, path)
            assert status < 500, f"{person} {method} {path}: {status}"
            if need is None:  # a page, not a write: a POST changes nothing for anyone
                if written:
                    wrong.append(f"{person} POST {path} wrote {written} audit rows")
                continue
            if _allowed(need, person, access):
                # A GET of a POST-only action answers 405: not a refusal of the person.
                refused = status in (403, 404) or (status == 405 and method == "POST")
                if refused or (status == 302 and "/accounts/login/" in location):
                    wrong.append(f"{person} {method} {path}: refused ({status}) but the table allows it")
            elif person == "visitor":
                if not (status == 302 and "/accounts/login/" in location):
                    wrong.append(f"visitor {method} {path}: {status} {location}, expected the sign-in page")
            else:
                if status not in (403, 404) and not (status == 405 and method == "GET"):
                    wrong.append(f"{person} {method} {path}: {status}, expected 403 or 404")
                if written:
                    wrong.append(f"{person} {method} {path}: refused but wrote {written} audit rows")
    assert wrong == []
