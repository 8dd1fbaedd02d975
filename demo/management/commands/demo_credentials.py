"""Print the demo app's credentials as JSON, with a freshly issued Client Secret.

    $ .venv/bin/python manage.py demo_credentials
    {"fs_id": 12345, "client_id": "...", "client_secret": "...", "shop_ids": [...], "other_shop_id": 1001}

`other_shop_id` is a catalogue shop the app is not linked to (the Open API
refuses it with RBAC_MDLW_001). Development only: it refuses with DEBUG off.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.partner import DemoPartnerMissing, demo_credentials_issue


class Command(BaseCommand):
    help = "Issue a fresh Client Secret for the demo partner's app and print its credentials as JSON."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("demo_credentials is for development: it refuses to run with DEBUG off.")
        try:
            credentials = demo_credentials_issue()
        except DemoPartnerMissing as error:
            raise CommandError(str(error)) from None
        self.stdout.write(json.dumps(credentials.as_json()))
