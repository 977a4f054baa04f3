"""Adapters: the only code that touches the disk or the clock (scan, cache, atomic writes, templates, watch)."""
