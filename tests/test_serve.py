"""`compendium serve` (MkDocs with our plugin): saving a YAML record rebuilds and the page shows the edit."""

from __future__ import annotations

import contextlib
import importlib.util
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from conftest import ROOT, make_project

# The reload-time script's functions: the tests serve and poll exactly as it measures.
_spec = importlib.util.spec_from_file_location("serve_reload", ROOT / "scripts/serve_reload.py")
serve_reload = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(serve_reload)
_free_port, _get = serve_reload.free_port, serve_reload.get


def _wait_for(url: str, needle: str, seconds: float = 40, *, absent: bool = False) -> str:
    serve_reload.wait_for(url, needle, seconds, poll=0.2, absent=absent)
    return _get(url)


@contextlib.contextmanager
def _serving(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """`compendium serve` on a copy of the fixture project: (project folder, base URL)."""
    project = make_project(tmp_path / "project", ROOT / "tests/fixtures/valid")
    port = _free_port()
    with (tmp_path / "serve.log").open("w") as log:
        server = subprocess.Popen([sys.executable, "-m", "compendium", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                  cwd=project, stdout=log, stderr=subprocess.STDOUT)
        try:
            yield project, f"http://127.0.0.1:{port}"
        finally:
            server.terminate()
            server.wait(timeout=10)


def test_editing_yaml_while_serving_updates_the_page(tmp_path: Path) -> None:
    with _serving(tmp_path) as (project, base):
        url = f"{base}/countries/th/index.html"
        _wait_for(url, "Fixture Office of the Attorney General")
        record = project / "data/countries/th.yml"
        record.write_text(record.read_text().replace("Fixture Office of the Attorney General", "Fixture Renamed Central Office"))
        _wait_for(url, "Fixture Renamed Central Office")


def test_data_errors_show_in_the_browser_and_clear_when_fixed(tmp_path: Path) -> None:
    with _serving(tmp_path) as (project, base):
        profile, home = f"{base}/countries/th/index.html", f"{base}/index.html"
        _wait_for(profile, "Fixture Office of the Attorney General")
        record = project / "data/countries/th.yml"
        good = record.read_text()
        record.write_text(good.replace("email: central.authority@fixtureland.org", "email: n/a"))
        page = _wait_for(profile, 'id="data-errors"')  # answered at once, not left waiting for a good build
        assert "The data has 1 error(s)" in page
        assert "data/countries/th.yml:27:14: error: authorities.authorities[0].email: expected an e-mail address" in page
        assert "Fixture Office of the Attorney General" in page  # the last valid data is still shown
        assert 'id="data-errors"' in _get(home)  # on every page, hand-written ones too
        record.write_text(good.replace("Fixture Office of the Attorney General", "Fixture Mended Office"))
        _wait_for(profile, 'id="data-errors"', absent=True)
        assert "Fixture Mended Office" in _wait_for(profile, "Fixture Mended Office")
        assert 'id="data-errors"' not in _get(home)
