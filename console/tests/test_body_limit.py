"""An oversized body is refused from its Content-Length, with 413, before anything reads it."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from partners.models import Partner
from partners.tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


class _Unreadable:
    """A request body that fails the test if anything reads it."""

    def read(self, *args: object) -> bytes:
        raise AssertionError("the body was read")

    readline = read


def _post(client: Client, path: str, declared: int, content_type: str = "application/x-www-form-urlencoded"):
    return client.generic(
        "POST", path, b"x", content_type=content_type, CONTENT_LENGTH=str(declared), **{"wsgi.input": _Unreadable()}
    )


def test_a_40_mb_sign_in_post_gets_413_unread(client: Client) -> None:
    response = _post(client, "/accounts/login/", 40 * MB)
    assert response.status_code == 413
    assert b"too large" in response.content.lower()
    # Nothing a WSGI server refuses (hop-by-hop headers such as Connection).
    assert not response.has_header("Connection")


def test_an_upload_page_takes_two_pdfs_but_not_300_mb(client: Client, settings) -> None:
    partner = PartnerFactory(status=Partner.Status.DRAFT)
    client.force_login(partner.super_admin)
    multipart = "multipart/form-data; boundary=xyz"
    assert _post(client, "/registration/company/", 300 * MB, multipart).status_code == 413
    # A file larger than other pages' limit still reaches the form, which judges it.
    junk = SimpleUploadedFile("profile.pdf", b"x" * (3 * MB), content_type="application/pdf")
    response = client.post("/registration/company/", {"company_profile": junk})
    assert response.status_code != 413 and b"PDF" in response.content


def test_the_open_api_refuses_a_large_body_in_its_envelope(client: Client) -> None:
    response = _post(client, "/v1/order/1/fs/1/ack", 40 * MB, "application/json")
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert response.json()["header"]["error_code"]


def test_a_small_post_is_untouched(client: Client) -> None:
    assert client.post("/accounts/login/", {"login": "a@example.com", "password": "x"}).status_code == 200
