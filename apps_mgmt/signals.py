"""What an app's life tells the apps built on top of it.

apps_mgmt stands below shops/ and the rest (CONTRIBUTING.md, "Where code
goes"), so it can't call them; they connect to these signals in their
AppConfig.ready(). The services send them inside their transaction, so a
receiver's writes commit, or roll back, with the change that caused them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.dispatch import Signal

# Sent with app=App, actor=User | None: the app is being deleted, so whatever
# it holds (its shop links) is to be let go.
app_deleted = Signal()

# Sent with app=App, actor=User | None: staff suspended the app. Whatever it was
# given to call with (its access tokens) stops for good: reinstating the app
# does not bring them back.
app_suspended = Signal()

# Sent with app=App, shop_ids=list[int], actor=User | None, now=datetime: a
# legacy app was claimed by Import App. A receiver brings the app's former
# shop mappings along and answers with a LegacyShops.
app_imported = Signal()


@dataclass(frozen=True)
class LegacyShops:
    """What came along with an imported app: the shops linked, and those that could not be."""

    linked: list[int] = field(default_factory=list)  # shop_id of each shop linked
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (shop_id, why)
