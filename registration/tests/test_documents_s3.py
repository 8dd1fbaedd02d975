"""Step 1's PDFs on S3, as production stores them (a local S3-compatible server,
moto's server mode, in its own process): private objects under generated names,
streamed both ways, nothing left behind by a refusal or a failure, and a clear
message instead of a 500 when the store doesn't answer."""

from __future__ import annotations

import hashlib
import re
import tracemalloc
from pathlib import Path

import pytest
import requests
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.test import Client

from audit.models import AuditEvent
from benchmarks.upload_pdf import padded_pdf
from console.lib.storage import s3_storage
from e2e.stack import free_port
from partners.models import Partner, PartnerDocument
from partners.tests.factories import PartnerFactory
from registration import services
from registration.documents import DocumentRefused, DocumentStorageError, private_storage
from registration.tests.conftest import PDF_DIR, company_data, pdf
from registration.tests.test_documents import REFUSALS

pytestmark = pytest.mark.django_db

GENERATED = re.compile(r"^partners/\d+/(business_certificate|company_profile)-[0-9a-f]{32}\.pdf$")
MB = 1024 * 1024


def draft_partner() -> Partner:
    return PartnerFactory(company_name="", member_type="")


def temporary_upload(name: str, data: bytes) -> TemporaryUploadedFile:
    """An upload as Django hands over one above FILE_UPLOAD_MAX_MEMORY_SIZE: a file on disk."""
    upload = TemporaryUploadedFile(name, "application/pdf", len(data), None)
    upload.write(data)
    upload.flush()
    upload.seek(0)
    return upload


def unreachable_store(settings) -> None:  # type: ignore[no-untyped-def]
    """The S3 settings of production, pointing at a port where nothing listens."""
    storage = s3_storage(
        bucket_name="documents", endpoint_url=f"http://127.0.0.1:{free_port()}", region_name="us-east-1"
    )
    settings.STORAGES = {**settings.STORAGES, "default": storage, "private": storage}


def test_a_pdf_is_stored_privately_under_a_generated_name(s3_bucket, client: Client) -> None:
    partner = draft_partner()
    client.force_login(partner.super_admin)
    response = client.post(
        "/registration/company/",
        {
            **company_data(),
            "business_certificate": pdf("valid_certificate.pdf"),
            "company_profile": pdf("valid_company_profile.pdf"),
        },
    )
    assert response.status_code == 302
    keys = s3_bucket.keys()
    assert len(keys) == 2 and all(GENERATED.match(key) for key in keys), keys
    partner.refresh_from_db()
    assert s3_bucket.read(partner.business_certificate.storage_name) == (PDF_DIR / "valid_certificate.pdf").read_bytes()
    for key in keys:
        grants = s3_bucket.client.get_object_acl(Bucket=s3_bucket.name, Key=key)["Grants"]
        assert [(grant["Grantee"]["Type"], grant["Permission"]) for grant in grants] == [
            ("CanonicalUser", "FULL_CONTROL")
        ]
        assert requests.get(f"{s3_bucket.endpoint}/{s3_bucket.name}/{key}", timeout=10).status_code == 403


@pytest.mark.parametrize("name", sorted(REFUSALS))
def test_a_refused_pdf_leaves_nothing_in_the_bucket(s3_bucket, name: str) -> None:
    partner = draft_partner()
    with pytest.raises(DocumentRefused):
        services.application_document_save(
            partner=partner, kind="business_certificate", upload=pdf(name), actor=partner.super_admin
        )
    assert s3_bucket.keys() == []
    assert PartnerDocument.objects.count() == 0


def test_a_9_mb_pdf_streams_to_the_bucket_and_back_without_being_held_in_memory(s3_bucket, client: Client) -> None:
    partner = draft_partner()
    data = padded_pdf(9 * MB)
    upload = temporary_upload("scan.pdf", data)
    # A process loads botocore's S3 model once, on its first call (~12 MB of JSON): not per file.
    private_storage().exists("warm-up")

    tracemalloc.start()
    try:
        document = services.application_document_save(
            partner=partner, kind="business_certificate", upload=upload, actor=partner.super_admin
        )
        _, upload_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # django-storages' own S3Storage holds 16 MB here: s3transfer reads each 8 MB part
    # of an open file into memory. From the temporary file's path it reads as it sends.
    assert upload_peak < len(data) / 2, f"storing 9 MB held {upload_peak / MB:.1f} MB of Python objects"
    assert hashlib.sha256(s3_bucket.read(document.storage_name)).digest() == hashlib.sha256(data).digest()

    client.force_login(partner.super_admin)
    response = client.get(f"/registration/documents/{document.pk}/")
    assert response.streaming and response["Content-Length"] == str(len(data))
    digest = hashlib.sha256()
    tracemalloc.start()
    try:
        for chunk in response.streaming_content:
            digest.update(chunk)
        _, download_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        response.close()
    assert digest.digest() == hashlib.sha256(data).digest()
    # S3Storage.open() would hold 12 MB: it downloads the whole object before the first read.
    assert download_peak < len(data) / 2, f"sending 9 MB held {download_peak / MB:.1f} MB of Python objects"


def test_when_the_second_pdf_cant_be_stored_the_first_leaves_the_bucket_too(s3_bucket) -> None:
    partner = draft_partner()
    second = temporary_upload("profile.pdf", (PDF_DIR / "valid_company_profile.pdf").read_bytes())
    # Checked from its open handle, the file then vanishes from disk before it is stored.
    Path(second.temporary_file_path()).unlink()
    with pytest.raises(DocumentStorageError):
        services.application_company_save(
            partner=partner,
            actor=partner.super_admin,
            company=company_data(),
            uploads={"business_certificate": pdf("valid_certificate.pdf"), "company_profile": second},
        )
    assert s3_bucket.keys() == []
    assert PartnerDocument.objects.count() == 0


def test_an_unreachable_store_keeps_the_form_and_says_which_file(client: Client, settings) -> None:
    unreachable_store(settings)
    partner = draft_partner()
    client.force_login(partner.super_admin)
    data = company_data(company_name="Acme Keeps This", pic_name="Alice Keeps This")
    response = client.post(
        "/registration/company/",
        {
            **data,
            "business_certificate": pdf("valid_certificate.pdf"),
            "company_profile": pdf("valid_company_profile.pdf"),
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    # Each PDF field says so (choose it again), and the error summary links to both.
    assert html.count("the document store isn&#x27;t answering") == 4
    assert '<a href="#id_business_certificate">' in html and '<a href="#id_company_profile">' in html
    assert 'value="Acme Keeps This"' in html and 'value="Alice Keeps This"' in html
    partner.refresh_from_db()
    assert partner.company_name == "" and partner.business_certificate is None
    assert not AuditEvent.objects.filter(action="application.company_saved").exists()


def test_a_document_the_store_cant_serve_answers_503_with_a_message(s3_bucket, client: Client, settings) -> None:
    partner = draft_partner()
    document = services.application_document_save(
        partner=partner, kind="company_profile", upload=pdf("valid_company_profile.pdf"), actor=partner.super_admin
    )
    unreachable_store(settings)
    client.force_login(partner.super_admin)
    response = client.get(f"/registration/documents/{document.pk}/")
    assert response.status_code == 503
    assert "valid_company_profile.pdf can't be opened right now" in response.content.decode()


def test_a_document_missing_from_the_bucket_is_a_404(s3_bucket, client: Client) -> None:
    partner = draft_partner()
    document = services.application_document_save(
        partner=partner, kind="company_profile", upload=pdf("valid_company_profile.pdf"), actor=partner.super_admin
    )
    s3_bucket.client.delete_object(Bucket=s3_bucket.name, Key=document.storage_name)
    client.force_login(partner.super_admin)
    assert client.get(f"/registration/documents/{document.pk}/").status_code == 404
