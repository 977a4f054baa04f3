"""The pure core: values in, values out. No click, jinja2 or watchdog, no disk, no clock."""
