"""The OpenAPI document's summaries and descriptions read in the reader's language
on the console's pages (API reference, API Playground), while the document, the
schema endpoint and the Open API's answers stay as Tokopedia's English."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from accounts.tests.factories import UserFactory
from openapi.reader_text import translated
from playground.catalogue import generate_document
from sandbox.data import sandbox_shops_generate
from sandbox.models import SandboxOrder
from sandbox.services import Actor, OrderStateError, sandbox_order_cancel_request_answer

from .helpers import Setup

# Words a reader reads the same in either language: codes, formats, units.
UNTRANSLATED = {
    '"success"',
    '"Bearer"',
    "kg",
    "RFC 3339",
    "YYYY-MM-DD",
    "invalid_client",
    "invalid_request",
    "invalid_token",
    "invalid_request, unsupported_grant_type, ...",
    "invalid_client, invalid_request, unsupported_grant_type, ...",
    "ttl_product_price + shipping_cost + insurance_cost",
    "1 = IDR",
    "1 = gram",
    "order_status or order_notification",
    # drf-spectacular's docstrings of two base views, not descriptions written for readers.
    "A POST on /v1/order/{order_id}/fs/{fs_id}/...: find the app's order, run one sandbox service.",
    "POST a JSON array of rows for one shop (?shop_id=); answer Tokopedia's per-row results.",
}


def _texts(node: Any) -> set[str]:
    """Every summary and description in the document."""
    if isinstance(node, list):
        return set().union(*(_texts(item) for item in node)) if node else set()
    if not isinstance(node, dict):
        return set()
    found = {value for key, value in node.items() if key in {"summary", "description"} and isinstance(value, str)}
    return found.union(*(_texts(value) for key, value in node.items() if not isinstance(value, str)))


def test_every_summary_and_description_a_reader_sees_has_its_indonesian() -> None:
    document = generate_document()
    sentences = {text.partition("\n\n* `")[0] for text in _texts(document)}  # an enum's values follow
    texts = {text for text in sentences if text and not text.startswith("* `")} - UNTRANSLATED
    texts -= {document["info"]["description"]}  # the page's own introduction says it
    with translation.override("id"):
        untranslated = sorted(text for text in texts if translated(text) == text)
    assert untranslated == []
    with translation.override("id"):  # an enum's list of values is kept after the translated sentence
        assert translated("1 marks the order's label as printed.\n\n* `0` - 0\n* `1` - 1") == (
            "1 menandai label pesanan sebagai sudah dicetak.\n\n* `0` - 0\n* `1` - 1"
        )
        assert translated("") == ""


@pytest.mark.django_db
def test_the_schema_endpoint_stays_english_for_an_indonesian_reader(client: Client) -> None:
    client.force_login(UserFactory(language="id"))
    schema = client.get("/openapi/schema.yaml", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "Get shop info: the shops linked to the app" in schema
    assert "Ambil info toko" not in schema and "Toko yang tertaut" not in schema
    with translation.override("id"):
        indonesian = json.dumps(generate_document(), sort_keys=True)
    with translation.override("en"):
        assert json.dumps(generate_document(), sort_keys=True) == indonesian


@pytest.mark.django_db
def test_the_api_reference_shows_the_documents_words_in_the_readers_language(client: Client) -> None:
    client.force_login(UserFactory(language="id"))
    page = client.get("/openapi/docs/").content.decode()
    assert "Ambil info toko: toko yang tertaut ke aplikasi" in page  # a summary
    assert "Satu toko; kosongkan untuk semua toko yang tertaut ke aplikasi." in page  # a parameter
    assert "Pesanan dan alurnya: terima, tolak, penjemputan, pengiriman, label." in page  # a tag
    assert "Melebihi batas laju endpoint; lihat header X-Ratelimit-*." in page  # a response
    assert "Token tidak ada, tidak dikenal, kedaluwarsa, atau dicabut" in page
    assert "HTTP Basic (Client ID dan Client Secret)" in page and "1 sampai 100" in page  # the page's own words
    assert "<code>to_date</code> tidak boleh sebelum <code>from_date</code>" in page  # markup kept
    english = Client()
    english.force_login(UserFactory(language="en"))
    page = english.get("/openapi/docs/").content.decode()
    assert "Get shop info: the shops linked to the app" in page and "Ambil info toko" not in page


def test_an_order_refusal_reads_in_bahasa_indonesia_in_the_console_and_in_english_from_the_open_api(
    client: Client, alice: Setup
) -> None:
    sandbox_shops_generate(shops=[alice.shop])
    order = SandboxOrder.objects.filter(shop=alice.shop, status=400).first()
    assert order is not None
    with translation.override("id"), pytest.raises(OrderStateError) as refused:
        sandbox_order_cancel_request_answer(order=order, accept=False, actor=Actor.of_app(alice.app))
    assert str(refused.value) == f"Pesanan {order.order_id} tidak memiliki permintaan pembatalan untuk ditolak."
    answer = client.post(
        f"/v1/order/{order.order_id}/fs/{alice.app.fs_id}/reject-cancel?shop_id={alice.shop.shop_id}",
        "",
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="id",
        **alice.bearer(),
    ).json()
    assert answer["header"]["error_code"] == "ORD_API_016"
    assert answer["header"]["reason"] == f"Order {order.order_id} has no cancellation request to refuse."
