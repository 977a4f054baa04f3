"""The core stays pure: reading and analysing a vault never imports the CLI, template or watch libraries."""

from __future__ import annotations

import subprocess
import sys


def test_core_imports_no_adapter_libraries() -> None:
    code = (
        "import sys\n"
        "import infoview.cache, infoview.index, infoview.parse, infoview.query, infoview.output, infoview.vault\n"
        "import infoview.yaml_loader, infoview.edit, infoview.making, infoview.yamltext\n"
        "import infoview.analysis.cadence, infoview.analysis.due, infoview.analysis.referrals\n"
        "loaded = sorted(name for name in ('click', 'jinja2', 'watchdog') if name in sys.modules)\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
