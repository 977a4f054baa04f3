"""The key behind ``report --redact``'s pseudonyms, kept in the vault's ``.infoview/`` (which git
ignores), so that a person keeps the same pseudonym from one report to the next."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from infoview.adapters.atomic import temp_path_for
from infoview.adapters.cache import ensure_infoview_dir
from infoview.core.errors import InfoviewError

KEY_FILE = "redact.key"
KEY_BYTES = 32


def redaction_key(vault: Path) -> bytes:
    """The vault's redaction key, made (random) on first use. Two first runs at once agree: the
    key is put in place with a link, which fails when the other run was first, and then read."""
    target = ensure_infoview_dir(vault) / KEY_FILE
    if not target.exists():
        temp = temp_path_for(target)
        try:
            descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w", encoding="ascii") as handle:
                handle.write(secrets.token_hex(KEY_BYTES) + "\n")
            os.link(temp, target)
        except FileExistsError:
            pass
        finally:
            temp.unlink(missing_ok=True)
    text = target.read_text(encoding="ascii", errors="replace").strip()
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) < 16:
        raise InfoviewError(f".infoview/{KEY_FILE}: not a key infoview wrote; delete it to make a new one")
    return key
