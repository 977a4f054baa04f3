"""Run infoview as ``python -m infoview``."""

from infoview.cli import main

main()
