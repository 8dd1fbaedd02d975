"""axe-core (WCAG 2.0 and 2.1, A and AA) finds nothing on any page a user can
reach: each role, each state with errors shown, at 1280 px and at 320 px.

`PAGES` is the one list of pages. A new page joins it with one line: who
looks at it (a key of `World.people`), its path (a format string over the
world), and, for a state with errors shown, what the user does first
(CONTRIBUTING.md, "How to add a page or an action partners use").

One live server, one browser, one tab per person and width; axe-core comes
from the axe-playwright-python package (its bundled `axe.min.js`), injected
with `page.evaluate` so the console's CSP stays in force.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from playwright.sync_api import Error as PlaywrightError

from accounts.models import User
from accounts.tests.factories import StaffFactory, UserFactory
from apps_mgmt.tests.factories import issue_app
from calllogs.models import CallLog
from calllogs.storage import call_storage
from calllogs.tests.helpers import record as call_record_for_test
from news.tests.factories import write_post
from partners.models import Partner, PartnerMember
from partners.roles import Role
from partners.tests.factories import PartnerFactory, add_member
from playground.models import SavedRequest
from registration import services as registration
from registration.models import CompanyChange
from registration.seed import DEMO_TERMS, DEMO_TERMS_VERSION
from registration.tests.conftest import fill_company, ready_to_submit
from shops.models import ShopLink
from shops.tests.factories import ShopFactory
from shops.tokens import consent_token
from teams.services import invitation_create
from teams.tokens import invitation_token
from testing import services as testing_services
from webhooks.events import Event
from webhooks.services import webhook_endpoints_register, webhook_test_send

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 320)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@dataclass
class World:
    people: dict[str, User | None]
    fs_id: int
    webhook_id: str
    applicant_fs: str = ""
    submitted_pk: int = 0
    change_pk: int = 0
    post_pk: int = 0
    log_key: str = ""
    test_order_id: int = 0
    draft_pk: int = 0
    consent: str = ""
    join: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


Act = Callable[[Any], None]


# The acts name labels and buttons by their English msgid and look for them in
# the active language, so that test_pages_in_both_languages.py can replay them
# on the Indonesian pages under translation.override("id").
def control(page: Any, label: str | Promise) -> Any:
    return page.get_by_label(gettext(str(label)), exact=True).and_(page.locator("input, textarea, select"))


def clear_and_submit(*labels: str, button: str | None = None) -> Act:
    def act(page: Any) -> None:
        for label in labels:
            control(page, label).fill("")
        with page.expect_navigation():
            if button:
                page.get_by_role("button", name=gettext(button)).click()
            else:
                page.locator("main form[method=post] button[type=submit]").first.click()

    return act


def fill_and_submit(values: dict[Any, str], button: str) -> Act:
    """Fill in the controls labelled by each key (a msgid, or a lazy label made like the form's)."""

    def act(page: Any) -> None:
        for label, value in values.items():
            control(page, label).fill(value)
        with page.expect_navigation():
            page.get_by_role("button", name=gettext(button)).click()

    return act


def press(button: str) -> Act:
    def act(page: Any) -> None:
        with page.expect_navigation():
            page.get_by_role("button", name=gettext(button)).click()

    return act


@dataclass(frozen=True)
class Visit:
    who: str
    path: str
    act: Act | None = None
    label: str = ""

    @property
    def name(self) -> str:
        return f"{self.who} {self.path}{' ' + self.label if self.label else ''}"


# The pages. Each role at least once; the forms also in their refused state.
PAGES: list[Visit] = [
    # Visitors: allauth's pages, the public ones.
    Visit("visitor", "/accounts/login/"),
    Visit(
        "visitor",
        "/accounts/login/",
        fill_and_submit({"Email": "nobody@example.com", "Password": "wrong-password"}, "Sign In"),
        "refused",
    ),
    Visit("visitor", "/accounts/signup/"),
    Visit(
        "visitor",
        "/accounts/signup/",
        fill_and_submit({"Email": "new@example.com", "Password": "x", "Password (again)": "y"}, "Sign Up"),
        "refused",
    ),
    Visit("visitor", "/accounts/password/reset/"),
    Visit("visitor", "/team/roles/"),
    Visit("visitor", "/shop-consent/{w.consent}/"),
    Visit("visitor", "/shop-consent/not-a-token/", label="bad link"),
    Visit("visitor", "/team/join/{w.join}/"),
    Visit("visitor", "/no-such-page/", label="404"),
    Visit("visitor", "/openapi/docs/"),
    # A new user: the dashboard offers the registration.
    Visit("newcomer", "/"),
    Visit("newcomer", "/registration/"),
    # Steps 1 to 4, and each with its errors.
    Visit("applicant", "/registration/company/"),
    Visit("applicant", "/registration/company/", clear_and_submit("Company name", "PIC Contact Number"), "errors"),
    Visit("applicant", "/registration/terms/"),
    Visit("applicant", "/registration/terms/", press("Submit"), "errors"),
    Visit("applicant", "/registration/shops/"),
    Visit(
        "applicant",
        "/registration/shops/",
        fill_and_submit({"Shop domains": "no-such-shop"}, "Save and continue"),
        "errors",
    ),
    Visit("applicant", "/registration/submit/"),
    # Waiting for review, then for the sellers.
    Visit("submitted", "/registration/status/"),
    Visit("seller", "/registration/seller-approval/"),
    # The Owner of an active account: everything.
    Visit("owner", "/"),
    Visit("owner", "/apps/"),
    Visit("owner", "/apps/create/"),
    Visit("owner", "/apps/create/", press("Create App"), "errors"),
    Visit("owner", "/apps/import/"),
    Visit("owner", "/apps/import/", press("Import App"), "errors"),
    Visit("owner", "/apps/{w.fs_id}/auth/"),
    Visit("owner", "/apps/{w.fs_id}/auth/", press("Save IP whitelist"), "whitelist saved"),
    Visit(
        "owner",
        "/apps/{w.fs_id}/auth/",
        fill_and_submit({"IP whitelist": "not an address"}, "Save IP whitelist"),
        "errors",
    ),
    Visit("owner", "/apps/{w.fs_id}/delete/"),
    Visit("owner", "/apps/{w.fs_id}/shops/"),
    Visit("owner", "/apps/{w.fs_id}/shops/?tab=pending&add=1"),
    Visit("owner", "/apps/{w.fs_id}/shops/?tab=pending&add=1", press("Add Shop"), "errors"),
    Visit("owner", "/apps/{w.fs_id}/webhooks/"),
    Visit(
        "owner",
        "/apps/{w.fs_id}/webhooks/",
        fill_and_submit(
            {format_lazy(_("{event} URL"), event=Event.ORDER_NOTIFICATION.label): "ftp://nowhere"}, "Save URLs"
        ),
        "errors",
    ),
    Visit("owner", "/apps/{w.fs_id}/webhooks/deliveries/"),
    Visit("owner", "/apps/{w.fs_id}/webhooks/deliveries/{w.webhook_id}/"),
    Visit("owner", "/apps/{w.fs_id}/logs/"),
    Visit("owner", "/apps/{w.fs_id}/logs/?shop_id=-4", label="refused filter"),
    Visit("owner", "/apps/{w.fs_id}/logs/{w.log_key}/"),
    Visit("owner", "/apps/{w.fs_id}/playground/"),
    Visit("owner", "/apps/{w.fs_id}/playground/?operation=order_list"),
    Visit("owner", "/apps/playground/?op=shop_info", label="from the API reference"),
    Visit("owner", "/apps/{w.fs_id}/testing/"),
    Visit("owner", "/apps/{w.fs_id}/testing/orders/{w.test_order_id}/"),
    Visit("owner", "/team/"),
    Visit("owner", "/team/", fill_and_submit({"Email address": "not-an-address"}, "Send invitation"), "errors"),
    Visit("owner", "/team/audit/"),
    Visit("owner", "/team/transfer/"),
    Visit("owner", "/team/transfer/", press("Transfer ownership"), "errors"),
    Visit("owner", "/company/"),
    Visit("owner", "/company/change/"),
    Visit("owner", "/company/change/", clear_and_submit("Company name"), "errors"),
    Visit("owner", "/accounts/email/"),
    Visit("owner", "/accounts/password/change/"),
    Visit(
        "owner",
        "/accounts/password/change/",
        fill_and_submit(
            {"Current Password": "wrong", "New Password": "x", "New Password (again)": "y"}, "Change Password"
        ),
        "errors",
    ),
    Visit("owner", "/accounts/2fa/"),
    Visit("owner", "/accounts/2fa/totp/activate"),
    # News.
    Visit("owner", "/news/"),
    Visit("owner", "/news/{w.post_pk}/"),
    Visit("owner", "/news/email/"),
    # Other roles see the same pages with fewer controls.
    Visit("admin", "/team/"),
    Visit("developer", "/apps/{w.fs_id}/auth/"),
    Visit("developer", "/apps/{w.fs_id}/webhooks/"),
    Visit("viewer", "/"),
    Visit("viewer", "/apps/{w.fs_id}/auth/"),
    Visit("viewer", "/apps/{w.fs_id}/shops/"),
    Visit("viewer", "/team/leave/"),
    Visit("viewer", "/apps/{w.fs_id}/playground/"),
    Visit("viewer", "/apps/{w.fs_id}/testing/"),
    # Staff.
    Visit("staff", "/staff/review/"),
    Visit("staff", "/staff/review/{w.submitted_pk}/"),
    Visit("staff", "/staff/review/{w.submitted_pk}/", press("Reject"), "errors"),
    Visit("staff", "/staff/review/changes/{w.change_pk}/"),
    Visit("staff", "/staff/audit/"),
    Visit("staff", "/staff/apps/"),
    Visit("staff", "/staff/apps/{w.fs_id}/"),
    Visit("staff", "/staff/news/"),
    Visit("staff", "/staff/news/new/"),
    Visit("staff", "/staff/news/new/", clear_and_submit("Title", button="Save draft"), "errors"),
    Visit("staff", "/staff/news/{w.draft_pk}/"),
    Visit("staff", "/staff/news/{w.draft_pk}/", press("Schedule"), "errors"),
]


def make_world() -> World:
    terms = registration.terms_publish(version=DEMO_TERMS_VERSION, body=DEMO_TERMS, actor=None)
    acme = fill_company(PartnerFactory(company_name="", member_type=""), company_name="Acme")
    Partner.objects.filter(pk=acme.pk).update(status=Partner.Status.ACTIVE)
    acme.refresh_from_db()
    people: dict[str, User | None] = {"visitor": None, "owner": acme.super_admin}
    for role in (Role.ADMIN, Role.DEVELOPER, Role.VIEWER):
        people[role.value] = add_member(acme, role=role).user
    app = issue_app(acme, name="Warehouse sync").app
    ShopLink.objects.create(partner=acme, app=app, shop=ShopFactory(), status=ShopLink.Status.ACTIVE)
    from django.test import override_settings

    with override_settings(WEBHOOK_ALLOW_PRIVATE_TARGETS=True):
        webhook_endpoints_register(app=app, urls={"order_notification": "http://127.0.0.1:9/hook"}, actor=None)
    delivery = webhook_test_send(app=app, event="order_notification", actor=None)
    invitation = invitation_create(partner=acme, email="new@acme.co.id", role=Role.VIEWER, actor=None).invitation
    test_seller = testing_services.testing_seller_create(app=app, actor=None)
    testing_services.testing_buyer_create(app=app, actor=None)
    product = test_seller.shop.sandbox_products.filter(parent__isnull=False).first()
    [test_order] = testing_services.testing_orders_place(
        seller=test_seller, lines=[(product.product_id, 1)], count=1, actor=None
    )
    SavedRequest.objects.create(app=app, name="Acme shop check", operation="shop_info")
    call_storage().write([call_record_for_test(app.pk)])

    applicant = ready_to_submit(PartnerFactory(company_name="", member_type=""), terms)
    submitted = ready_to_submit(PartnerFactory(company_name="", member_type=""), terms)
    registration.application_submit(partner=submitted, actor=submitted.super_admin)
    seller = ready_to_submit(PartnerFactory(company_name="", member_type=""), terms)
    registration.application_submit(partner=seller, actor=seller.super_admin)
    staff = StaffFactory()
    registration.application_approve(partner=seller, actor=staff)
    invited = ShopLink.objects.filter(partner=seller, status=ShopLink.Status.INVITED).first()
    assert invited is not None
    change = CompanyChange.objects.create(
        partner=seller, requested_at=seller.created_at, proposed={"pic_name": "New"}, before={"pic_name": ""}
    )
    people.update(
        newcomer=UserFactory(),
        applicant=applicant.super_admin,
        submitted=submitted.super_admin,
        seller=seller.super_admin,
        staff=staff,
    )
    assert PartnerMember.objects.filter(partner=acme).count() == 4
    return World(
        people=people,
        fs_id=app.fs_id,
        webhook_id=delivery.webhook_id,
        submitted_pk=submitted.pk,
        change_pk=change.pk,
        consent=consent_token(invited),
        join=invitation_token(invitation),
        post_pk=write_post(publish=True).pk,
        log_key=CallLog.objects.get(app_id=app.pk).key,
        test_order_id=test_order.order_id,
        draft_pk=write_post(title="A draft").pk,
    )


def axe_source() -> str:
    import axe_playwright_python

    return Path(axe_playwright_python.__file__).with_name("axe.min.js").read_text()


def run_axe(page: Any, source: str) -> list[dict[str, Any]]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'], iframes: false})",
        AXE_TAGS,
    )
    return list(result["violations"])


def describe(violation: dict[str, Any]) -> str:
    nodes = violation["nodes"]
    where = "; ".join(" ".join(map(str, node["target"])) for node in nodes[:3])
    return f"{violation['id']} ({violation['impact']}, {len(nodes)} nodes: {where}): {nodes[0]['failureSummary']}"


def signed_in_context(browser: Any, base_url: str, user: User | None, width: int, locale: str = "en-US") -> Any:
    """A browser for `user` (None: a visitor, whose language is the browser's `locale`)."""
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": 900}, locale=locale)
    context.set_default_timeout(5_000)
    if user is not None:
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}])
    return context


def test_axe_finds_nothing_on_any_listed_page(browser: Any, live_server: Any, settings: Any) -> None:
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = False
    world = make_world()
    source = axe_source()
    found: list[str] = []
    for width in WIDTHS:
        for who in dict.fromkeys(visit.who for visit in PAGES):
            context = signed_in_context(browser, live_server.url, world.people[who], width)
            page = context.new_page()
            for visit in (v for v in PAGES if v.who == who):
                where = f"{visit.name} @{width}px"
                response = page.goto(visit.path.format(w=world))
                if response is None or response.status >= 500 or response.status == 405:
                    found.append(f"{where}: answered {response and response.status}")
                    continue
                if visit.act:
                    try:
                        visit.act(page)
                    except PlaywrightError as error:
                        found.append(f"{where}: {error.message.splitlines()[0]}")
                        continue
                    if visit.label == "errors":
                        # The refused form's state: "Error: " in the title, focus on the error summary.
                        if not page.title().startswith("Error: "):
                            found.append(f"{where}: the title is {page.title()!r}")
                        if page.evaluate("document.activeElement.className") != "error-summary":
                            found.append(f"{where}: focus is not on the error summary")
                found += [f"{where}: {describe(v)}" for v in run_axe(page, source)]
            context.close()
    assert found == [], "\n".join(found)
