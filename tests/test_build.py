"""Real builds: `mkdocs build --strict` over real data, broken data aborting, `compendium` commands."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, make_project, mkdocs_build


def _compendium(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "compendium.cli", *args], cwd=cwd, capture_output=True, text=True, check=False)


def test_real_site_builds_every_page(real_site: Path) -> None:
    profiles = sorted(p.parent.name for p in (real_site / "countries").glob("*/index.html"))
    assert {"th", "kh", "ph"} <= set(profiles)
    assert (real_site / "treaties/untoc/index.html").exists()
    assert sum(p.stat().st_size for p in (real_site / "search").glob("search-index-*.js")) > 10_000
    assert (real_site / "search/lunr-source.js").read_text().startswith("window.compendiumLunrSource = ")


def test_no_external_resource_in_any_page(real_site: Path) -> None:
    # Offline means nothing is fetched: no web fonts, no CDN scripts or stylesheets (links to sources are fine).
    for page in real_site.rglob("*.html"):
        html = page.read_text()
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page
        for marker in ('src="http', "src='http", 'rel="stylesheet" href="http'):
            assert marker not in html, (page, marker)


def test_nav_lists_sections_not_every_page(real_site: Path) -> None:
    # The glossary links to no profile in its text, so any profile link on it would come from the nav.
    html = (real_site / "glossary.html").read_text()
    assert 'href="countries/index.html"' in html and "countries/th/index.html" not in html


def test_broken_record_aborts_build_and_writes_nothing(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", ROOT / "tests/fixtures/valid")
    record = project / "data/countries/th.yml"
    record.write_text(record.read_text().replace("email: central.authority@fixtureland.org", "email: n/a"))
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "data/countries/th.yml:27:14: error: authorities.authorities[0].email: expected an e-mail address" in result.stderr
    assert not (tmp_path / "site").exists()


def test_validate_command_exit_codes(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", ROOT / "tests/fixtures/valid")
    ok = _compendium("validate", cwd=project)
    assert ok.returncode == 0 and ok.stdout.strip() == "ok: 2 countries, 2 treaties in data/"
    record = project / "data/countries/kh.yml"
    record.write_text(record.read_text().replace("region: asean", "region: elsewhere"))
    bad = _compendium("validate", cwd=project)
    assert bad.returncode == 1
    assert bad.stderr.splitlines()[0].startswith("data/countries/kh.yml:4:9: error: region: expected 'asean' or 'partner'")
    assert bad.stderr.splitlines()[-1] == "1 error found; nothing was built."


def test_build_command_keeps_previous_site_on_failure(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", ROOT / "tests/fixtures/valid")
    assert _compendium("build", cwd=project).returncode == 0
    index = project / "site/countries/th/index.html"
    assert "Fixture Office of the Attorney General" in index.read_text()
    record = project / "data/countries/th.yml"
    record.write_text(record.read_text().replace("region: asean", "region: nowhere"))
    assert _compendium("build", cwd=project).returncode == 1
    assert index.exists() and not (project / "site.building").exists()


def test_render_command_writes_markdown(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", ROOT / "tests/fixtures/valid")
    result = _compendium("render", str(tmp_path / "out"), cwd=project)
    assert result.returncode == 0 and "wrote 29 Markdown pages and 15 data files" in result.stdout
    assert (tmp_path / "out/countries/kh/index.md").exists()


def test_search_command_finds_the_central_authority(real_site: Path) -> None:
    result = _compendium("search", "Office of the Attorney General Thailand", "--site-dir", str(real_site), cwd=ROOT)
    assert result.returncode == 0
    first = result.stdout.splitlines()[0]
    assert "Thailand" in first, result.stdout


def test_site_source_is_independent_of_mkdocs_copy(tmp_path: Path) -> None:
    # `compendium render` output built by plain MkDocs gives the same pages: the engine is replaceable.
    project = make_project(tmp_path / "project", ROOT / "tests/fixtures/valid")
    assert _compendium("render", str(project / "docs"), cwd=project).returncode == 0
    config = (project / "mkdocs.yml").read_text().replace("  - compendium:\n      data_dir: data\n", "  []\n")
    (project / "plain.yml").write_text(config)
    shutil.rmtree(project / "data")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(project / "plain.yml"), "-d", str(tmp_path / "s")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "Fixture Office of the Attorney General" in (tmp_path / "s/countries/th/index.html").read_text()


def test_generated_pages_name_their_source_data(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", ROOT / "tests/fixtures/valid")
    assert mkdocs_build(project, tmp_path / "site").returncode == 0
    page = lambda uri: (tmp_path / "site" / uri).read_text()  # noqa: E731
    # Without a repository address, each links to the copy of its record shipped with the site (works offline).
    assert 'Source data: <a href="../../data/records/countries/th.yml"><code>data/countries/th.yml</code></a>' in page("countries/th/index.html")
    assert 'Source data: <a href="../../data/records/treaties/untoc.yml"><code>data/treaties/untoc.yml</code></a>' in page("treaties/untoc/index.html")
    assert ('<a href="../../data/records/countries/th.yml"><code>data/countries/th.yml</code></a>, '
            '<a href="../../data/records/countries/kh.yml"><code>data/countries/kh.yml</code></a>') in page("cooperate/th-kh/index.html")
    assert page("data/records/countries/th.yml") == (ROOT / "tests/fixtures/valid/countries/th.yml").read_text()
    # With the repository's address, each names an edit link to its record.
    config = project / "mkdocs.yml"
    config.write_text("repo_url: https://github.com/asean-ilc/compendium\nedit_uri: edit/main/docs/\n" + config.read_text())
    result = mkdocs_build(project, tmp_path / "site2")
    assert result.returncode == 0, result.stderr
    profile = (tmp_path / "site2/countries/th/index.html").read_text()
    assert '<a href="https://github.com/asean-ilc/compendium/edit/main/data/countries/th.yml"><code>data/countries/th.yml</code></a>' in profile


def test_glossary_is_a_definition_list_linked_to_the_states_terms(real_site: Path) -> None:
    glossary = (real_site / "glossary.html").read_text()
    assert "<dl>" in glossary and "<dt>Dual criminality</dt>" in glossary and 'href="terms.html"' in glossary
    terms = (real_site / "terms.html").read_text()
    assert 'id="trafficking-in-persons"' in terms and "การค้ามนุษย์" in terms  # Thai, from the Thai record
