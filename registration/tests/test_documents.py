"""Step 1's PDFs, through the real upload view: every fixture, the size limit,
what is kept, and who may read the stored files."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from accounts.tests.factories import StaffFactory, UserFactory
from partners.models import Partner, PartnerDocument
from partners.tests.factories import PartnerFactory, add_member
from registration.tests.conftest import PDF_DIR, company_data, fill_company, pdf, stored_files

pytestmark = pytest.mark.django_db

REFUSALS = {
    "empty.pdf": "The file is empty",
    "not_a_pdf_png.pdf": "not a PDF file",
    "html_named_pdf.pdf": "not a PDF file",
    "corrupt_truncated.pdf": "damaged",
    "header_only_garbage.pdf": "damaged",
    "encrypted_user_password.pdf": "password-protected or encrypted",
    "encrypted_owner_password_only.pdf": "password-protected or encrypted",
}
ACCEPTED = ["valid_certificate.pdf", "valid_company_profile.pdf"]


def test_every_fixture_is_covered() -> None:
    assert {path.name for path in PDF_DIR.glob("*.pdf")} == set(REFUSALS) | set(ACCEPTED)


def draft_partner() -> Partner:
    return PartnerFactory(company_name="", member_type="")


@pytest.fixture
def alice_client(client: Client) -> tuple[Client, Partner]:
    partner = draft_partner()
    client.force_login(partner.super_admin)
    return client, partner


@pytest.mark.parametrize("name", sorted(REFUSALS))
def test_it_refuses_a_bad_pdf_naming_the_rule_and_stores_nothing(alice_client, settings, name: str) -> None:
    client, partner = alice_client
    data = company_data(company_name="Acme Keeps This", pic_name="Alice Keeps This")
    response = client.post(
        "/registration/company/", {**data, "business_certificate": pdf(name), "company_profile": pdf(name)}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert REFUSALS[name] in html
    assert 'value="Acme Keeps This"' in html
    assert 'value="Alice Keeps This"' in html
    assert 'value="third_party_enabler" required id="id_member_type_1" checked' in html or "checked" in html
    assert stored_files(settings) == []
    assert PartnerDocument.objects.count() == 0
    partner.refresh_from_db()
    assert partner.company_name == ""


@pytest.mark.parametrize("name", ACCEPTED)
def test_it_accepts_a_valid_pdf_and_stores_it_under_a_generated_name(alice_client, settings, name: str) -> None:
    client, partner = alice_client
    response = client.post(
        "/registration/company/",
        {**company_data(), "business_certificate": pdf(name), "company_profile": pdf("valid_company_profile.pdf")},
    )
    assert response.status_code == 302
    assert response["Location"] == "/registration/terms/"
    partner.refresh_from_db()
    assert partner.business_certificate.original_name == name
    files = stored_files(settings)
    assert len(files) == 2
    assert all(name not in str(path) for path in files)  # the partner's file name is never a path


def test_it_refuses_a_pdf_over_the_size_limit(alice_client, settings) -> None:
    settings.REGISTRATION_MAX_PDF_BYTES = 10 * 1024 * 1024
    client, partner = alice_client
    valid = (PDF_DIR / "valid_certificate.pdf").read_bytes()
    big = SimpleUploadedFile("big.pdf", valid + b"%" * (10 * 1024 * 1024), content_type="application/pdf")
    response = client.post(
        "/registration/company/",
        {**company_data(), "business_certificate": big, "company_profile": pdf("valid_company_profile.pdf")},
    )
    assert response.status_code == 200
    assert "The file is too large (10.0\xa0MB); the limit is 10.0\xa0MB." in response.content.decode()
    # The valid profile is kept (a file input can't be re-filled); the big file is not.
    partner.refresh_from_db()
    assert partner.business_certificate is None
    assert partner.company_profile.original_name == "valid_company_profile.pdf"
    assert len(stored_files(settings)) == 1


def test_a_redisplayed_form_keeps_the_pdf_accepted_earlier(alice_client, settings) -> None:
    client, partner = alice_client
    response = client.post(
        "/registration/company/",
        {
            **company_data(pic_phone="12345"),
            "business_certificate": pdf("valid_certificate.pdf"),
            "company_profile": pdf("valid_company_profile.pdf"),
        },
    )
    html = response.content.decode()
    assert "Enter a valid phone number" in html
    assert "Current file: <strong" in html and "valid_certificate.pdf" in html and "valid_company_profile.pdf" in html
    # Now only the phone is fixed: no file is sent again, and the step completes.
    response = client.post("/registration/company/", company_data())
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.company_complete
    assert partner.pic_phone == "+6281234567890"
    assert len(stored_files(settings)) == 2


def test_a_9_mb_pdf_is_accepted(alice_client, settings) -> None:
    client, partner = alice_client
    from benchmarks.upload_pdf import padded_pdf

    response = client.post(
        "/registration/company/",
        {
            **company_data(),
            "business_certificate": SimpleUploadedFile("big.pdf", padded_pdf(9 * 1024 * 1024)),
            "company_profile": pdf("valid_company_profile.pdf"),
        },
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.business_certificate.size >= 9 * 1024 * 1024


def test_members_download_their_documents_as_attachments_with_nosniff(client: Client) -> None:
    partner = fill_company(draft_partner())
    bob = add_member(partner, role="viewer")
    client.force_login(bob.user)
    response = client.get(f"/registration/documents/{partner.business_certificate_id}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_an_outsider_gets_a_404_for_another_partners_document(client: Client) -> None:
    partner = fill_company(draft_partner())
    charlie = PartnerFactory().super_admin
    client.force_login(charlie)
    assert client.get(f"/registration/documents/{partner.business_certificate_id}/").status_code == 404
    client.force_login(UserFactory())  # no partner at all
    assert client.get(f"/registration/documents/{partner.company_profile_id}/").status_code == 404
    client.logout()
    assert client.get(f"/registration/documents/{partner.company_profile_id}/").status_code == 302


def test_staff_preview_documents_inline_still_nosniff(client: Client) -> None:
    partner = fill_company(draft_partner())
    client.force_login(StaffFactory())
    response = client.get(f"/registration/documents/{partner.company_profile_id}/?inline=1")
    assert response["Content-Disposition"].startswith("inline;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_only_staff_get_inline_documents(client: Client) -> None:
    partner = fill_company(draft_partner())
    client.force_login(partner.super_admin)
    response = client.get(f"/registration/documents/{partner.company_profile_id}/?inline=1")
    assert response["Content-Disposition"].startswith("attachment;")
