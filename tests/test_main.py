"""`python -m compendium` runs the same command line as the `compendium` script."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_python_m_compendium_validates(data_copy: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "compendium", "--data", str(data_copy), "validate"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: 2 countries, 2 treaties")
