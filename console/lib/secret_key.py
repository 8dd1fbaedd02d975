"""A SECRET_KEY of this install's own for development, kept in var/.

With DEBUG on and no SECRET_KEY set, the console makes a random key once and
keeps it in var/secret_key (readable by its owner only), so sessions and
signed links survive a restart and no two installs share a key that anyone
could read in the source. A deployment sets SECRET_KEY itself.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def local_secret_key(path: Path) -> str:
    """The key in `path`, made there first if missing (safe when processes start together)."""
    try:
        key = path.read_text().strip()
        if key:
            return key
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first: use theirs
        return path.read_text().strip() or key
    with os.fdopen(descriptor, "w") as file:
        file.write(key + "\n")
    return key
