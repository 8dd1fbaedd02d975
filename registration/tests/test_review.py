"""Staff review: the queue, the decision, the emails, and a rejected partner's second round."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client

from accounts.tests.factories import StaffFactory, UserFactory
from audit.models import AuditEvent
from console.lib.errors import DomainError
from console.lib.mail import eml_bodies, read_eml
from partners.models import Partner
from partners.tests.factories import PartnerFactory
from registration import services
from registration.models import ApplicationRound
from registration.tests.conftest import fill_company, ready_to_submit, submitted
from shops.models import ShopLink

pytestmark = pytest.mark.django_db


def new_partner(**fields) -> Partner:
    return PartnerFactory(**{"company_name": "", "member_type": "", **fields})


@pytest.fixture
def mail_folder(settings, transactional_db) -> None:
    """Emails leave after commit: these tests commit for real and read the mail folder."""
    settings.EMAIL_BACKEND = "console.lib.mail.EmlFileBackend"


def mails(settings) -> list[tuple[str, list[str], str, str]]:
    out = []
    for path in sorted(settings.EMAIL_FILE_PATH.glob("*.eml")):
        message = read_eml(path)
        text, html = eml_bodies(message)
        out.append((str(message["Subject"]), [str(message["To"])], text, html))
    return out


def test_submitting_emails_the_partner_that_the_application_was_received(terms, settings, mail_folder) -> None:
    partner = submitted(new_partner(), terms)
    [(subject, to, text, html)] = mails(settings)
    assert "We received the registration of Acme Integrations" in subject
    assert to == [partner.super_admin.email]
    assert "/registration/status/" in text and "/registration/status/" in html


def test_non_staff_cannot_reach_the_review_queue(client: Client, terms) -> None:
    partner = submitted(new_partner(), terms)
    client.force_login(partner.super_admin)
    assert client.get("/staff/review/").status_code == 404
    assert client.get(f"/staff/review/{partner.pk}/").status_code == 404
    assert client.post(f"/staff/review/{partner.pk}/approve/").status_code == 404
    client.force_login(UserFactory())
    assert client.post(f"/staff/review/{partner.pk}/reject/", {"reason": "x"}).status_code == 404
    partner.refresh_from_db()
    assert partner.status == Partner.Status.SUBMITTED


def test_the_queue_lists_submitted_applications_oldest_submission_first(client: Client, terms) -> None:
    first = submitted(new_partner(), terms)
    second = submitted(new_partner(), terms)
    Partner.objects.filter(pk=first.pk).update(company_name="First Co")
    Partner.objects.filter(pk=second.pk).update(company_name="Second Co")
    # Submitted in the other order: the queue follows submission time, not creation.
    Partner.objects.filter(pk=second.pk).update(submitted_at=first.submitted_at - timedelta(hours=1))
    new_partner(company_name="Still Drafting")
    client.force_login(StaffFactory())
    html = client.get("/staff/review/").content.decode()
    assert html.index("Second Co") < html.index("First Co")
    assert "Still Drafting" not in html


def test_an_empty_queue_says_so(client: Client) -> None:
    client.force_login(StaffFactory())
    assert "No applications waiting." in client.get("/staff/review/").content.decode()


def test_the_review_page_shows_company_data_documents_shops_and_history(client: Client, terms) -> None:
    partner = submitted(new_partner(), terms)
    client.force_login(StaffFactory())
    html = client.get(f"/staff/review/{partner.pk}/").content.decode()
    assert "Acme Integrations" in html and "+6281234567890" in html and "https://acme.co.id" in html
    assert f"/registration/documents/{partner.business_certificate_id}/?inline=1" in html
    assert f"/registration/documents/{partner.company_profile_id}/?inline=1" in html
    for link in partner.shop_links.select_related("shop"):
        assert link.shop.domain in html
    assert "Power Merchant" in html
    assert "Submission 1" in html and "application.submitted" in html


def test_staff_approve_and_the_drafted_shops_are_invited(client: Client, terms, settings, mail_folder) -> None:
    settings.SUPPORT_DESK_URL = "https://help.example.com/desk"
    partner = submitted(new_partner(), terms)
    sam = StaffFactory()
    client.force_login(sam)
    response = client.post(f"/staff/review/{partner.pk}/approve/")
    assert response["Location"] == "/staff/review/"
    partner.refresh_from_db()
    assert partner.status == Partner.Status.APPROVED
    assert set(partner.shop_links.values_list("status", flat=True)) == {ShopLink.Status.INVITED}
    decision = partner.rounds.get()
    assert (decision.decision, decision.decided_by) == (ApplicationRound.Decision.APPROVED, sam)
    assert AuditEvent.objects.filter(partner=partner, action="application.approved", actor=sam).exists()
    approved = [mail for mail in mails(settings) if "is approved" in mail[0]]
    [(_subject, to, text, html)] = approved
    assert to == [partner.super_admin.email]
    assert "https://help.example.com/desk" in text and "https://help.example.com/desk" in html


def test_a_rejection_needs_a_reason(client: Client, terms) -> None:
    partner = submitted(new_partner(), terms)
    client.force_login(StaffFactory())
    response = client.post(f"/staff/review/{partner.pk}/reject/", {"reason": "   "})
    assert response.status_code == 200
    assert "Give the reason for rejecting." in response.content.decode()
    partner.refresh_from_db()
    assert partner.status == Partner.Status.SUBMITTED
    with pytest.raises(DomainError, match="Give the reason"):
        services.application_reject(partner=partner, actor=StaffFactory(), reason="")


def test_a_rejected_partner_corrects_and_resubmits_and_history_keeps_every_round(
    client: Client, terms, settings, mail_folder
) -> None:
    partner = submitted(new_partner(), terms)
    sam = StaffFactory()
    client.force_login(sam)
    client.post(f"/staff/review/{partner.pk}/reject/", {"reason": "The certificate is unreadable."})
    [rejection] = [mail for mail in mails(settings) if "needs changes" in mail[0]]
    assert "The certificate is unreadable." in rejection[2] and "The certificate is unreadable." in rejection[3]

    client.force_login(partner.super_admin)
    status = client.get("/registration/status/").content.decode()
    assert "The certificate is unreadable." in status and "Correct and submit again" in status
    partner.refresh_from_db()
    fill_company(partner, company_name="Acme Integrations Corrected")
    response = client.post("/registration/submit/")
    assert response["Location"] == "/registration/status/"

    client.force_login(sam)
    html = client.get(f"/staff/review/{partner.pk}/").content.decode()
    assert "Submission 2" in html and "Submission 1" in html and "The certificate is unreadable." in html
    queue = client.get("/staff/review/").content.decode()
    assert "Resubmitted (2)" in queue
    rounds = list(partner.rounds.order_by("number").values_list("number", "decision"))
    assert rounds == [(1, "rejected"), (2, "pending")]
    assert rounds_snapshot_names(partner) == ["Acme Integrations", "Acme Integrations Corrected"]


def rounds_snapshot_names(partner: Partner) -> list[str]:
    return [r.snapshot["company_name"] for r in partner.rounds.order_by("number")]


@pytest.mark.parametrize("status", [Partner.Status.DRAFT, Partner.Status.APPROVED, Partner.Status.REJECTED])
def test_a_decision_on_an_application_not_submitted_is_refused(terms, status: str) -> None:
    partner = ready_to_submit(new_partner(), terms)
    Partner.objects.filter(pk=partner.pk).update(status=status)
    with pytest.raises(services.ApplicationStateError, match="nothing to decide"):
        services.application_approve(partner=partner, actor=StaffFactory())
    with pytest.raises(services.ApplicationStateError, match="nothing to decide"):
        services.application_reject(partner=partner, actor=StaffFactory(), reason="No.")


def test_deciding_twice_through_the_page_is_refused_with_a_message(client: Client, terms) -> None:
    partner = submitted(new_partner(), terms)
    client.force_login(StaffFactory())
    client.post(f"/staff/review/{partner.pk}/approve/")
    response = client.post(f"/staff/review/{partner.pk}/reject/", {"reason": "Changed my mind"}, follow=True)
    assert "not waiting for review: nothing to decide" in response.content.decode()
    partner.refresh_from_db()
    assert partner.status == Partner.Status.APPROVED


def test_the_admin_action_approves_through_the_same_service(client: Client, terms) -> None:
    partner = submitted(new_partner(), terms)
    sam = StaffFactory(is_superuser=True)
    client.force_login(sam)
    response = client.post(
        "/staff/admin/partners/partner/",
        {"action": "approve_selected", "_selected_action": [partner.pk]},
        follow=True,
    )
    assert "Approved 1 application(s)." in response.content.decode()
    partner.refresh_from_db()
    assert partner.status == Partner.Status.APPROVED


def test_queue_queries_do_not_grow_with_the_number_of_applications(
    client: Client, terms, django_assert_max_num_queries
) -> None:
    client.force_login(StaffFactory())
    submitted(new_partner(), terms)
    with django_assert_max_num_queries(8) as one:
        client.get("/staff/review/")
    for _ in range(5):
        submitted(new_partner(), terms)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get("/staff/review/")


def test_review_page_queries_do_not_grow_with_the_number_of_shops(
    client: Client, terms, django_assert_max_num_queries
) -> None:
    client.force_login(StaffFactory())
    few = submitted(new_partner(), terms, shops=3)
    many = submitted(new_partner(), terms, shops=10)
    with django_assert_max_num_queries(12) as baseline:
        client.get(f"/staff/review/{few.pk}/")
    with django_assert_max_num_queries(len(baseline.captured_queries)):
        client.get(f"/staff/review/{many.pk}/")


def test_step_pages_queries_do_not_grow_with_the_number_of_drafted_shops(
    client: Client, terms, django_assert_max_num_queries
) -> None:
    seller = ready_to_submit(new_partner(), terms, shops=1)
    enabler = ready_to_submit(new_partner(), terms, shops=10)
    for url in ["/registration/shops/", "/registration/submit/"]:
        client.force_login(seller.super_admin)
        with django_assert_max_num_queries(20) as baseline:
            client.get(url)
        client.force_login(enabler.super_admin)
        with django_assert_max_num_queries(len(baseline.captured_queries)):
            client.get(url)


def test_staff_publish_a_new_terms_version_in_the_admin(client: Client, terms) -> None:
    from partners.models import TermsVersion
    from registration.selectors import current_terms

    sam = StaffFactory(is_superuser=True)
    client.force_login(sam)
    response = client.post("/staff/admin/partners/termsversion/add/", {"version": "2027-01", "body": "New."})
    assert response.status_code == 302
    latest = current_terms()
    assert latest is not None and (latest.version, latest.published_by) == ("2027-01", sam)
    assert TermsVersion.objects.count() == 2
    assert AuditEvent.objects.filter(action="terms.published", actor=sam).exists()


def test_the_admin_pages_for_partners_open(client: Client, terms) -> None:
    partner = submitted(new_partner(), terms)
    client.force_login(StaffFactory(is_superuser=True))
    assert client.get("/staff/admin/partners/partner/").status_code == 200
    html = client.get(f"/staff/admin/partners/partner/{partner.pk}/change/").content.decode()
    assert "valid_certificate.pdf" in html and "Acme Integrations" in html
