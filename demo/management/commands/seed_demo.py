"""Demo data for `make run`: safe to run again, it changes nothing the second time."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import User
from demo.legacy import seed_legacy_apps
from demo.partner import DEMO_EMAIL, DEMO_PASSWORD, seed_demo_partner
from registration.seed import seed_registration
from sandbox.data import sandbox_catalogue_generate
from shops.seed import seed_shops

STAFF_EMAIL = "staff@example.com"
STAFF_PASSWORD = "staff-demo-password"


class Command(BaseCommand):
    help = "Load demo data: a staff user, the shop catalogue, the terms, legacy apps and an active demo partner."

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options.get("force"):
            self.stderr.write("Refusing to seed a demo staff user with DEBUG off.")
            return
        staff, created = User.objects.get_or_create(
            email=STAFF_EMAIL, defaults={"is_staff": True, "is_superuser": True, "first_name": "Sam"}
        )
        if created:
            staff.set_password(STAFF_PASSWORD)
            staff.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=staff, email=STAFF_EMAIL, defaults={"verified": True, "primary": True}
        )
        self.stdout.write(f"Staff user: {STAFF_EMAIL} / {STAFF_PASSWORD}" + (" (created)" if created else ""))
        report = seed_shops()
        self.stdout.write(
            f"Shop catalogue: {report.created + report.updated + report.unchanged} shops of every tier "
            "(domains to draft: acme-official, gadget-hub-pro, toko-buku-jaya, nusantara-electronics, ...)"
        )
        seed_registration()
        partner, made = seed_demo_partner(staff=staff)
        self.stdout.write(
            f"Demo partner: {DEMO_EMAIL} / {DEMO_PASSWORD}, {partner.get_status_display().lower()}"
            + (" (created)" if made else "")
            + "; its app's credentials: `.venv/bin/python manage.py demo_credentials`"
        )
        seed_legacy_apps(self.stdout.write)
        # Last, so that shops seeded above get their Open API sandbox products and orders.
        self.stdout.write(f"Open API sandbox: data generated for {sandbox_catalogue_generate()} shops")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--force", action="store_true", help="Seed even with DEBUG off.")
