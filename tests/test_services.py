"""``services``: the server's parts sit below the layers that use them, so building them imports nothing of
the API (``rocketgrowth.api``) or of the operations (``rocketgrowth.operations``)."""

from __future__ import annotations

import subprocess
import sys


def test_services_import_no_api_and_no_operations() -> None:
    code = (
        "import sys, rocketgrowth.services;"
        "print(','.join(m for m in sys.modules if m.startswith(('rocketgrowth.api', 'rocketgrowth.operations'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
