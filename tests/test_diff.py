"""`compendium diff REV`: real git repositories in temporary folders, real edits, the plain-words report."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, edit as _edit

from compendium import diff
from compendium.cli import main


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=Editor", "-c", "user.email=editor@fixtureland.org", *args],
                   check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository holding the valid fixture data, committed once as the base."""
    shutil.copytree(FIXTURES / "valid", tmp_path / "data")
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "base")
    return tmp_path


def _report(repo: Path) -> str:
    return diff.markdown(diff.compare("main", repo / "data"))


def test_a_new_phone_number_in_plain_words(repo: Path) -> None:
    _edit(repo / "data/countries/th.yml", '      phone: "+00 2 000 0000"\n', '      phone: "+66 2 142 1444"\n')
    report = _report(repo)
    assert ("- Fixtureland North › Central authority and contacts › Fixture Office of the Attorney General › phone: "
            "+00 2 000 0000 → +66 2 142 1444") in report
    assert "**Fixtureland North** (`data/countries/th.yml`)" in report
    assert "Pages that change" in report and "- `countries/th/index.html`" in report
    assert "- `countries/kh/index.html`" not in report


def test_a_fact_changed_without_moving_last_verified_is_flagged(repo: Path) -> None:
    th = repo / "data/countries/th.yml"
    _edit(th, "      unit: International Affairs Department", "      unit: Department of International Affairs")
    assert ("⚠ Fixtureland North › Central authority and contacts (`data/countries/th.yml`): facts changed but "
            "`last_verified` is still 2026-01-15") in _report(repo)
    text = th.read_text()
    th.write_text(text.replace("authorities:\n  status: needs_review\n  last_verified: 2026-01-15",
                               "authorities:\n  status: needs_review\n  last_verified: 2026-02-01"))
    report = _report(repo)
    assert "Freshness" not in report and "last_verified: 2026-01-15 → 2026-02-01" in report


def test_treaty_status_is_reported_under_the_state(repo: Path) -> None:
    _edit(repo / "data/treaties/untoc.yml", "{state: KH, status: unknown}",
          "{state: KH, status: party, consent: accession, consent_date: 2005-12-12}")
    report = _report(repo)
    assert "**Fixtureland South** (`data/treaties/untoc.yml`)" in report
    assert "- Fixtureland South › Fixture UNTOC › status: unknown → party" in report
    assert "- Fixtureland South › Fixture UNTOC › consent: — → accession" in report
    assert "- Fixtureland South › Fixture UNTOC › consent_date: — → 2005-12-12" in report


def test_a_reorder_is_not_a_change(repo: Path) -> None:
    untoc = repo / "data/treaties/untoc.yml"
    lines = untoc.read_text().splitlines(keepends=True)
    th, kh = (i for i, line in enumerate(lines) if line.startswith("  - {state:"))
    lines[th], lines[kh] = lines[kh], lines[th]
    untoc.write_text("".join(lines))
    _edit(repo / "data/countries/th.yml", "channels: [diplomatic, direct]", "channels: [direct, diplomatic]")
    assert _report(repo) == "## Data changes since `main`\n\nNo change to the data.\n"


def test_added_and_removed_records_and_items(repo: Path) -> None:
    assert main(["--data", str(repo / "data"), "new", "LA"]) == 0
    _edit(repo / "data/treaties/untoc.yml", "  - {state: KH, status: unknown}\n",
          "  - {state: KH, status: unknown}\n  - {state: LA, status: party, consent: accession, consent_date: 2017-09-26}\n")
    report = _report(repo)
    assert "- Laos: new record" in report
    assert "- Laos › Fixture UNTOC: added (status party, consent accession, consent_date 2017-09-26)" in report


def test_cli_prints_markdown_and_refuses_outside_git(repo: Path, tmp_path_factory: pytest.TempPathFactory,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(repo / "data"), "diff", "main"]) == 0
    assert capsys.readouterr().out.startswith("## Data changes since `main`")
    elsewhere = tmp_path_factory.mktemp("nogit") / "data"
    shutil.copytree(FIXTURES / "valid", elsewhere)
    assert main(["--data", str(elsewhere), "diff", "main"]) == 2
    assert main(["--data", str(repo / "data"), "diff", "no-such-branch"]) == 2
