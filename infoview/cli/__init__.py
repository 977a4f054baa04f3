"""The command line: ``main``, with every module of ``infoview.cli.commands`` imported so that each
command registers itself (a new command is one new module there)."""

from __future__ import annotations

import importlib
import pkgutil

from infoview.cli import commands
from infoview.cli.app import main

for _module in pkgutil.iter_modules(commands.__path__):
    importlib.import_module(f"{commands.__name__}.{_module.name}")

__all__ = ["main"]
