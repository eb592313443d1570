"""`compendium serve` (MkDocs with our plugin): saving a YAML record rebuilds and the page shows the edit."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import ROOT, make_project


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
        return response.read().decode()


def _wait_for(url: str, needle: str, seconds: float = 40) -> str:
    deadline, body = time.monotonic() + seconds, ""
    while time.monotonic() < deadline:
        try:
            body = _get(url)
            if needle in body:
                return body
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{needle!r} did not appear at {url} within {seconds}s")


def test_editing_yaml_while_serving_updates_the_page(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", ROOT / "tests/fixtures/valid")
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "compendium.cli", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/countries/th/index.html"
        _wait_for(url, "Fixture Office of the Attorney General")
        record = project / "data/countries/th.yml"
        record.write_text(record.read_text().replace("Fixture Office of the Attorney General", "Fixture Renamed Central Office"))
        _wait_for(url, "Fixture Renamed Central Office")
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def _wait_without(url: str, needle: str, seconds: float = 40) -> str:
    deadline, body = time.monotonic() + seconds, ""
    while time.monotonic() < deadline:
        try:
            body = _get(url)
            if needle not in body:
                return body
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{needle!r} still at {url} after {seconds}s")


def test_data_errors_show_in_the_browser_and_clear_when_fixed(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", ROOT / "tests/fixtures/valid")
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "compendium", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, stdout=log, stderr=subprocess.STDOUT)
    try:
        profile, home = (f"http://127.0.0.1:{port}/{page}" for page in ("countries/th/index.html", "index.html"))
        _wait_for(profile, "Fixture Office of the Attorney General")
        record = project / "data/countries/th.yml"
        good = record.read_text()
        record.write_text(good.replace("email: central.authority@fixtureland.org", "email: n/a"))
        page = _wait_for(profile, 'id="data-errors"')  # answered at once, not left waiting for a good build
        assert "The data has 1 error(s)" in page
        assert "data/countries/th.yml:26:14: error: authorities.authorities[0].email: expected an e-mail address" in page
        assert "Fixture Office of the Attorney General" in page  # the last valid data is still shown
        assert 'id="data-errors"' in _get(home)  # on every page, hand-written ones too
        record.write_text(good.replace("Fixture Office of the Attorney General", "Fixture Mended Office"))
        page = _wait_without(profile, 'id="data-errors"')
        assert "Fixture Mended Office" in _wait_for(profile, "Fixture Mended Office")
        assert 'id="data-errors"' not in _get(home)
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()
