"""Demo data for the registration (`seed_demo`): the first Terms and Conditions."""

from __future__ import annotations

from partners.models import TermsVersion

from .services import terms_publish

DEMO_TERMS_VERSION = "2026-01"
DEMO_TERMS = """\
These Terms and Conditions govern your use of the marketplace's Open API and of this Developer Console.

1. Your account. The person who registers is the account's first Owner and is responsible for everyone they invite.

2. Shops. You access a shop's data only with its owner's consent, given by email, and only for the purpose you registered for. The owner may withdraw consent at any time.

3. Credentials. Keep your Client Secret confidential. Regenerate it at once if you suspect it was exposed.

4. Data. Personal data of buyers is processed only to fulfil their orders and is deleted when no longer needed. You comply with Indonesian personal data protection law.

5. Fair use. Respect the rate limits. We may suspend an app that endangers the marketplace or its users.

6. Changes. We may publish a new version of these terms; you will be asked to agree to it.
"""


def seed_registration() -> None:
    if not TermsVersion.objects.exists():
        terms_publish(version=DEMO_TERMS_VERSION, body=DEMO_TERMS, actor=None)
