"""The playground in Bahasa Indonesia: the Open API's summaries and hints, and
why a value is refused before anything is sent. The Open API itself and its
OpenAPI document stay as Tokopedia's English."""

from __future__ import annotations

import pytest
from django.utils import translation

from playground.catalogue import catalogue
from playground.models import PlaygroundCall

from .conftest import Alice

pytestmark = pytest.mark.django_db


def _indonesian(alice: Alice) -> Alice:
    alice.user.language = "id"
    alice.user.save(update_fields=["language"])
    return alice


def test_the_endpoints_summaries_and_hints_read_in_the_readers_language(alice: Alice) -> None:
    client = _indonesian(alice).client()
    html = client.get(f"{alice.page}?op=order_list").content.decode()
    assert "Ambil semua pesanan yang dibuat dalam rentang waktu (paling lama 3 hari)" in html  # the form's endpoint
    assert "Ambil info toko: toko yang tertaut ke aplikasi" in html  # the list of endpoints
    assert "Saring menurut <code>shop_id</code>" in html or "Saring menurut `shop_id`" in html
    assert "Paling banyak 100." in html and "1 sampai 100" in html  # a parameter's hint and bounds
    assert "Get all orders created in a time range" not in html
    english = alice.client()
    alice.user.language = "en"
    alice.user.save(update_fields=["language"])
    assert (
        "Get all orders created in a time range (at most 3 days)"
        in english.get(f"{alice.page}?op=order_list").content.decode()
    )


def test_a_refused_value_is_explained_in_the_readers_language_and_nothing_is_sent(alice: Alice) -> None:
    client = _indonesian(alice).client()
    page = client.post(f"{alice.page}send/", {"operation": "shop_info", "param_page": "0", "param_per_page": "lots"})
    html = page.content.decode()
    assert page.status_code == 400
    assert "page: 0 kurang dari batas minimum 1" in html
    assert "per_page: Masukkan bilangan bulat yang valid." in html
    shop = str(alice.shop.shop_id)
    page = client.post(
        f"{alice.page}send/",
        {"operation": "stock_update", "param_shop_id": shop, "body": '[{"product_id": 1, "new_stock": -5}]'},
    )
    assert "body[0].new_stock: -5 kurang dari batas minimum 0" in page.content.decode()
    page = client.post(f"{alice.page}send/", {"operation": "stock_update", "param_shop_id": shop, "body": "[{"})
    assert "body: JSON tidak valid (baris 1, kolom 3)." in page.content.decode()
    assert not PlaygroundCall.objects.exists()


@pytest.mark.parametrize(
    ("operation", "raw", "body", "english", "indonesian"),
    [
        ("shop_info", {"fs_id": ""}, "", "fs_id: This field is required.", "fs_id: Wajib diisi."),
        (
            "shop_info",
            {"fs_id": "1", "per_page": "101"},
            "",
            "101 is greater than the maximum of 100",
            "101 melebihi batas maksimum 100",
        ),
        (
            "order_nack",
            {"fs_id": "1", "order_id": "2"},
            '{"reason_code": 99, "reason": ""}',
            "body.reason_code: 99 is not one of [0, 1, 2, 3, 4, 5, 7, 8]",
            "body.reason_code: 99 bukan salah satu dari [0, 1, 2, 3, 4, 5, 7, 8]",
        ),
        (
            "order_nack",
            {"fs_id": "1", "order_id": "2"},
            '{"reason": ""}',
            'body: "reason_code" is a required property',
            'body: "reason_code" wajib ada',
        ),
        (
            "order_nack",
            {"fs_id": "1", "order_id": "2"},
            '{"reason_code": "1", "reason": ""}',
            'body.reason_code: "1" is not of type integer',
            'body.reason_code: "1" bukan bilangan bulat',
        ),
        (
            "order_nack",
            {"fs_id": "1", "order_id": "2"},
            "",
            "body: A JSON document is required.",
            "body: Dokumen JSON wajib diisi.",
        ),
        (
            "stock_update",
            {"fs_id": "1", "shop_id": "1"},
            "[]",
            "body: At least 1 item is required",
            "body: Minimal 1 item",
        ),
    ],
)
def test_each_kind_of_reason_reads_in_both_languages(
    operation: str, raw: dict[str, str], body: str, english: str, indonesian: str
) -> None:
    endpoint = catalogue().find(operation)
    assert endpoint is not None
    with translation.override("en"):
        reasons_en = " | ".join(endpoint.check(raw, body)[2].values())
    with translation.override("id"):
        reasons_id = " | ".join(endpoint.check(raw, body)[2].values())
    assert english in reasons_en and indonesian in reasons_id
