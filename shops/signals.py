"""What a shop link's life tells the apps built on top of shops/.

Sent by the services inside their transaction; receivers connect in their
AppConfig.ready() (registration/ activates the partner account).
"""

from __future__ import annotations

from django.dispatch import Signal

# Sent with link=ShopLink (its partner row locked by the sender), actor=User | None:
# a shop owner approved the link. A receiver answers True when the approval
# activated the partner account.
shop_link_approved = Signal()
