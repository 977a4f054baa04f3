"""infoview's errors. Each names the file it is about; the command line prints them without a traceback."""

from __future__ import annotations


class InfoviewError(Exception):
    """Base class: a failure the user can act on, described in one line."""

    exit_code = 1


class VaultNotFoundError(InfoviewError):
    """Raised when no vault is given and none encloses the working directory."""


class ConfigError(InfoviewError):
    """Raised when ``.infoview/config.toml`` has a wrong key or value; names the file, line and key."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line


class UsageError(InfoviewError):
    """Raised for a command-line value the core cannot use (a bad filter or date, say)."""

    exit_code = 2
