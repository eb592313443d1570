"""`compendium build` is atomic and reproducible: killed at any moment it leaves the old output or the new one,
whole (site, zip and checksum); two builds of the same tree are byte-identical, with nothing set."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from compendium.bundle import ARCHIVE, PAUSE_ENV

from conftest import ROOT, make_project

OUTPUTS = ("site", "dist")


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", PAUSE_ENV)}
    return env | {"NO_MKDOCS_2_WARNING": "1"}


def _build(project: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "compendium.cli", "build"], cwd=project, capture_output=True,
                          text=True, check=False, env=_env() | extra)


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _state(project: Path) -> dict[str, dict[str, str]]:
    return {name: _digest(project / name) for name in OUTPUTS}


def _rename_institution(project: Path) -> None:
    record = project / "data/countries/th.yml"
    record.write_text(record.read_text().replace("Fixture Office of the Attorney General", "Fixture Renamed Office"))


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, dict[str, str]]]:
    """The old and the new output of the fixture data, each from a clean build."""
    base = tmp_path_factory.mktemp("atomic")
    old = make_project(base / "old", ROOT / "tests/fixtures/valid")
    assert _build(old).returncode == 0
    new = make_project(base / "new", ROOT / "tests/fixtures/valid")
    _rename_institution(new)
    assert _build(new).returncode == 0
    return {"old": _state(old), "new": _state(new)}


def _assert_whole(project: Path, outputs: dict[str, dict[str, dict[str, str]]]) -> None:
    for name in OUTPUTS:
        found = _digest(project / name)
        assert found in (outputs["old"][name], outputs["new"][name]), f"{name}/ is neither the old nor the new output"
    checksum = (project / "dist" / (ARCHIVE + ".sha256")).read_text().split()[0]
    assert checksum == hashlib.sha256((project / "dist" / ARCHIVE).read_bytes()).hexdigest()


def _killed(project: Path, *, stage: str | None = None, after: float | None = None) -> None:
    env = _env() | ({PAUSE_ENV: stage} if stage else {})
    process = subprocess.Popen([sys.executable, "-m", "compendium.cli", "build"], cwd=project, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        if stage:
            for line in process.stderr:  # type: ignore[union-attr]
                if line.strip() == f"paused at {stage}":
                    break
            else:
                pytest.fail(f"the build never reached {stage}")
        else:
            time.sleep(after or 0)
    finally:
        # the whole group: MkDocs and the search indexer run in child processes
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        process.stderr.close()  # type: ignore[union-attr]


@pytest.mark.parametrize("stage", ["site-staged", "zipping", "bundle-staged", "site-swapped"])
def test_build_killed_at_a_stage_leaves_old_or_new_output_whole(tmp_path: Path, outputs: dict, stage: str) -> None:
    project = make_project(tmp_path / "project", ROOT / "tests/fixtures/valid")
    assert _build(project).returncode == 0
    assert _state(project) == outputs["old"]
    _rename_institution(project)
    _killed(project, stage=stage)
    _assert_whole(project, outputs)
    result = _build(project)  # the next build clears what the killed one left and completes
    assert result.returncode == 0, result.stderr
    assert _state(project) == outputs["new"]
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(OUTPUTS)) == ["dist", "site"]


def test_build_killed_at_random_moments_leaves_old_or_new_output_whole(tmp_path: Path, outputs: dict) -> None:
    project = make_project(tmp_path / "project", ROOT / "tests/fixtures/valid")
    assert _build(project).returncode == 0
    _rename_institution(project)
    for after in (0.8, 1.6, 2.4, 3.2):
        _killed(project, after=after)
        _assert_whole(project, outputs)


def test_swap_keeps_the_old_output_until_the_new_one_is_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from compendium import bundle

    monkeypatch.setattr(bundle, "_exchange", lambda a, b: False)  # where the system cannot exchange two paths
    target = tmp_path / "site"
    target.mkdir()
    (target / "index.html").write_text("old")
    new = bundle.staging(target)
    new.mkdir()
    (new / "index.html").write_text("new")
    os.rename(target, target.with_name("site.old"))  # as if killed between the two renames
    bundle.recover(target)
    assert (target / "index.html").read_text() == "old" and not new.exists()
    new = bundle.staging(target)
    new.mkdir()
    (new / "index.html").write_text("new")
    bundle.swap(new, target)
    assert (target / "index.html").read_text() == "new" and not target.with_name("site.old").exists()


def test_dist_with_other_files_is_refused_not_replaced(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", ROOT / "tests/fixtures/valid")
    (project / "dist").mkdir()
    (project / "dist/notes.txt").write_text("mine")
    result = _build(project)
    assert result.returncode == 1 and "dist/ holds files other than the offline bundle (notes.txt)" in result.stderr
    assert (project / "dist/notes.txt").read_text() == "mine"


def test_two_builds_of_the_same_tree_are_byte_identical_without_settings(tmp_path: Path, outputs: dict) -> None:
    project = make_project(tmp_path / "project", ROOT / "tests/fixtures/valid")
    assert _build(project).returncode == 0
    assert _state(project) == outputs["old"]  # built in another folder, earlier: the same bytes
    today = dt.date.today().isoformat()
    assert today != "2026-01-15"
    for path in (project / "site").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".csv", ".js"):
            assert today not in path.read_text(encoding="utf-8"), path  # the clock reaches no file
    home = (project / "site/index.html").read_text()
    assert "Data as of 2026-01-15" in home  # the latest date the fixture data was checked


def test_build_date_comes_from_the_data_or_the_last_commit(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from compendium import views
    from compendium.dataset import load

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert views.build_date(load(data_copy)) == dt.date(2026, 1, 15)  # the latest last_verified or accessed
    committed = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct"], capture_output=True, text=True,
                               check=False).stdout.strip()
    if committed:
        assert views.build_date(None, ROOT) == dt.datetime.fromtimestamp(int(committed), dt.UTC).date()
    assert views.build_date(None, data_copy.parent) == views.NO_DATE  # no dates, no repository: fixed, not the clock
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert views.build_date(load(data_copy)) == dt.date(2026, 1, 1)


def test_bundle_written_during_the_build_holds_the_site_byte_for_byte(tmp_path: Path) -> None:
    """Pages go into the zip as MkDocs renders them, the rest after: the zip must still be the site exactly."""
    import zipfile

    from compendium.bundle import FOLDER

    project = make_project(tmp_path / "project", ROOT / "tests/fixtures/valid")
    assert _build(project).returncode == 0
    site = _digest(project / "site")
    with zipfile.ZipFile(project / "dist" / ARCHIVE) as archive:
        names = archive.namelist()
        bundled = {name.removeprefix(f"{FOLDER}/"): hashlib.sha256(archive.read(name)).hexdigest() for name in names}
    assert len(names) == len(set(names)) == len(site) > 20
    assert bundled == site


def test_bundle_refuses_a_page_that_changed_after_it_was_added(tmp_path: Path) -> None:
    from compendium import bundle

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>as rendered</p>")
    writer = bundle.Writer(tmp_path / "dist" / ARCHIVE, bundle.FOLDER)
    writer.add("index.html", b"<p>rendered before a change</p>")
    with pytest.raises(RuntimeError, match="index.html changed after it was added"):
        writer.finish(site)
    assert not (tmp_path / "dist" / (ARCHIVE + ".sha256")).exists()
