"""Measure how long a one-field edit to a record takes to show in `compendium serve` (11 states, the real data).

    python scripts/serve_reload.py [--runs 3]

Copies the project to a temporary folder, serves it, changes one authority's name in data/countries/th.yml and
times from the save to the page serving the new text; prints the median in seconds.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback only
        return response.read().decode()


def wait_for(url: str, needle: str, seconds: float = 60, poll: float = 0.02, *, absent: bool = False) -> float:
    """Seconds until `needle` is served at `url` (with `absent`, until it is no longer served)."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        try:
            if (needle in get(url)) != absent:
                return time.monotonic() - start
        except OSError:
            pass
        time.sleep(poll)
    raise TimeoutError(f"{needle!r} still {'present' if absent else 'absent'} at {url} after {seconds}s")


def copy_project(dest: Path, data: Path) -> Path:
    for name in ("mkdocs.yml", "docs", "overrides"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, dest / name)
    shutil.copytree(data, dest / "data")
    return dest


def measure(project: Path, record: str, old: str, runs: int) -> list[float]:
    port = free_port()
    url = f"http://127.0.0.1:{port}/countries/{Path(record).stem}/index.html"
    server = subprocess.Popen([sys.executable, "-m", "compendium", "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=project,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(url, old, seconds=120)
        path, timings, current = project / record, [], old
        for run in range(runs):
            new = f"{old} (edit {run + 1})"
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace(current, new, 1), encoding="utf-8")
            timings.append(wait_for(url, new))
            current = new
            time.sleep(1)
        return timings
    finally:
        server.terminate()
        server.wait(timeout=20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp), ROOT / "data")
        timings = measure(project, "data/countries/th.yml", "Office of the Attorney General", args.runs)
    print("reload s: " + " ".join(f"{t:.2f}" for t in timings) + f"  median {statistics.median(timings):.2f}")


if __name__ == "__main__":
    main()
