"""Worker processes that start the same way on every platform: `fork`, `spawn` or `forkserver`."""

from __future__ import annotations

import multiprocessing
import os
from multiprocessing.context import BaseContext

START_METHOD_ENV = "COMPENDIUM_START_METHOD"


def context(method: str | None = None) -> BaseContext:
    """The start method asked for (argument, then `COMPENDIUM_START_METHOD`), else the platform's default.

    Workers receive everything they need as arguments (nothing is inherited from a forked parent), so the code
    runs under `spawn` as on Windows and macOS, and tests force `spawn` on Linux to prove it.
    """
    return multiprocessing.get_context(method or os.environ.get(START_METHOD_ENV) or None)
