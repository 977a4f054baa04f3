"""Reading the vault's config file: bytes from disk, handed to the core's validator."""

from __future__ import annotations

from pathlib import Path

from infoview.core.config import CONFIG_PATH, Config, parse_config
from infoview.core.errors import ConfigError


def load_config(vault: Path) -> Config:
    """Read the vault's config; a missing file gives the defaults."""
    path = vault / CONFIG_PATH
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config()
    except OSError as error:
        raise ConfigError(CONFIG_PATH, 1, f"cannot read the config: {error.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise ConfigError(CONFIG_PATH, line, "the config is not UTF-8 text") from None
    return parse_config(text)
