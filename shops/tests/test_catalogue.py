"""The shop catalogue: `manage.py import_shops`, the demo seed and the admin."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from accounts.tests.factories import StaffFactory
from shops.models import Shop
from shops.seed import seed_shops

pytestmark = pytest.mark.django_db

HEADER = "shop_id,name,domain,tier,status,owner_id,owner_email\n"


def write_csv(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "shops.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def run(path: Path) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_shops", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_loads_good_rows_and_reports_bad_ones_by_line_number(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        "1,Acme Official,acme-official,Official Store,Open,11,owner@acme.example\n"
        "2,Gadget Pro,gadget-pro,power_merchant_pro,open,12,owner@gadget.example\n"
        "3,Bad Tier,bad-tier,Gold Merchant,Open,13,owner@bad.example\n"
        "x,Bad Id,bad-id,Power Merchant,Open,14,owner@bad.example\n"
        "5,No Email,no-email,Power Merchant,Open,15,not-an-email\n"
        "6,,missing-name,Power Merchant,Open,16,owner@missing.example\n",
    )
    out, err = run(path)
    assert "2 created, 0 updated, 0 unchanged, 4 refused." in out
    assert "line 4: unknown tier 'Gold Merchant'" in err
    assert "line 5: shop_id must be a whole number" in err
    assert "line 6: owner_email 'not-an-email' is not an email address" in err
    assert "line 7: missing name" in err
    assert dict(Shop.objects.values_list("domain", "tier")) == {
        "acme-official": Shop.Tier.OFFICIAL_STORE,
        "gadget-pro": Shop.Tier.POWER_MERCHANT_PRO,
    }


def test_importing_again_updates_by_shop_id_and_is_idempotent(tmp_path: Path) -> None:
    run(write_csv(tmp_path, "1,Acme,acme,Official Store,Open,11,owner@acme.example\n"))
    out, _ = run(write_csv(tmp_path, "1,Acme Renamed,acme,Official Store,Closed,11,owner@acme.example\n"))
    assert "0 created, 1 updated" in out
    out, _ = run(write_csv(tmp_path, "1,Acme Renamed,acme,Official Store,Closed,11,owner@acme.example\n"))
    assert "0 created, 0 updated, 1 unchanged" in out
    shop = Shop.objects.get()
    assert (shop.name, shop.status) == ("Acme Renamed", Shop.Status.CLOSED)


def test_a_domain_taken_by_another_shop_is_refused(tmp_path: Path) -> None:
    run(write_csv(tmp_path, "1,Acme,acme,Official Store,Open,11,owner@acme.example\n"))
    _, err = run(
        write_csv(
            tmp_path,
            "2,Other,acme,Official Store,Open,12,owner@other.example\n3,Fine,fine,Power Merchant,Open,13,o@fine.example\n",
        )
    )
    assert "line 2: domain 'acme' already belongs to shop 1" in err
    assert sorted(Shop.objects.values_list("shop_id", flat=True)) == [1, 3]


def test_a_file_without_the_columns_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "wrong.csv"
    path.write_text("id,name\n1,Acme\n", encoding="utf-8")
    with pytest.raises(CommandError, match="No row was loaded"):
        run(path)
    with pytest.raises(CommandError, match="No such file"):
        run(tmp_path / "missing.csv")


def test_the_demo_catalogue_has_every_tier_and_a_closed_shop() -> None:
    seed_shops()
    report = seed_shops()
    assert report.created == 0 and not report.errors
    assert set(Shop.objects.values_list("tier", flat=True)) == set(Shop.Tier.values)
    assert Shop.objects.filter(tier=Shop.Tier.OFFICIAL_STORE, status=Shop.Status.OPEN).count() >= 3
    assert Shop.objects.filter(status=Shop.Status.CLOSED).exists()
    assert all(
        email == f"owner+{domain}@shops.example.com"
        for domain, email in Shop.objects.values_list("domain", "owner_email")
    )


def test_staff_search_and_filter_the_catalogue_in_the_admin(client: Client) -> None:
    seed_shops()
    client.force_login(StaffFactory(is_superuser=True))
    html = client.get("/staff/admin/shops/shop/", {"q": "acme"}).content.decode()
    assert "acme-official" in html and "gadget-hub-pro" not in html
    html = client.get("/staff/admin/shops/shop/", {"tier__exact": "regular_merchant"}).content.decode()
    assert "warung-sinar" in html and "acme-official" not in html
    assert client.get("/staff/admin/shops/shop/", {"q": "1001"}).status_code == 200
