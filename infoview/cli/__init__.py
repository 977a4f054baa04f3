"""The command line: ``main``, with every module of ``infoview.cli.commands`` imported so that each
command registers itself (a new command is one new module there)."""

from __future__ import annotations

import importlib
import os

from infoview.cli import commands
from infoview.cli.app import main

# The folder listed directly (not through pkgutil, whose imports cost start-up time).
for _file in sorted(os.listdir(commands.__path__[0])):
    if _file.endswith(".py") and not _file.startswith("_"):
        importlib.import_module(f"{commands.__name__}.{_file[:-3]}")

__all__ = ["main"]
