"""Rendering: untrusted values reach the page as text; links only http(s), mailto and tel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from compendium import render
from compendium.dataset import load
from compendium.render import md_text


def _pages(data: Path) -> dict[str, str]:
    return {p.src_uri: p.markdown for p in render.pages(load(data), dt.date(2026, 6, 1))}


def test_every_page_kind_is_generated(data_copy: Path) -> None:
    assert set(_pages(data_copy)) == {
        "index.md", "countries/index.md", "countries/th/index.md", "countries/kh/index.md",
        "treaties/index.md", "treaties/untoc/index.md", "treaties/mla-kh-th/index.md",
        "compare/index.md", "compare/treaty-status.md", "compare/bilateral-treaties.md", "compare/definitions.md",
        "compare/mla.md", "compare/extradition.md", "compare/evidence.md", "compare/central-authorities.md",
        "cooperate/index.md", "cooperate/th-kh/index.md", "cooperate/kh-th/index.md", "data/coverage/index.md",
        "data/index.md",
    }


def test_html_in_data_is_escaped(data_copy: Path) -> None:
    path = data_copy / "countries/th.yml"
    path.write_text(path.read_text().replace("unit: International Affairs Department",
                                             "unit: <script>alert(1)</script> [x](javascript:alert(1))"))
    page = _pages(data_copy)["countries/th/index.md"]
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_markdown_in_headings_is_escaped() -> None:
    assert md_text("*Viet Nam* <b>") == r"\*Viet Nam\* &lt;b&gt;"


def test_contact_links_use_safe_schemes(data_copy: Path) -> None:
    page = _pages(data_copy)["countries/th/index.md"]
    assert 'href="mailto:central.authority@fixtureland.org"' in page
    assert 'href="tel:+0020000000"' in page
    assert 'href="https://fixtureland.org/ca"' in page


def test_unknown_sections_say_not_yet_verified(data_copy: Path) -> None:
    page = _pages(data_copy)["countries/kh/index.md"]
    assert page.count("Not yet verified.") == 9


def test_links_are_relative_to_the_page(data_copy: Path) -> None:
    page = _pages(data_copy)["countries/th/index.md"]
    assert 'href="../../treaties/untoc/index.html"' in page
    assert 'href="../index.html"' in page


def test_render_writes_markdown_without_mkdocs(data_copy: Path, tmp_path: Path) -> None:
    written = render.write(load(data_copy), tmp_path / "out", dt.date(2026, 6, 1))
    assert (tmp_path / "out/countries/th/index.md").read_text().startswith("# Fixtureland North")
    assert len(written) == 30  # 20 pages and 10 open-data files
    assert (tmp_path / "out/data/download/compendium.json").exists()


def test_workers_render_the_same_pages_under_spawn(data_copy: Path) -> None:
    # Windows and macOS start workers with `spawn`: nothing may rely on memory inherited through `fork`.
    ds, today = load(data_copy), dt.date(2026, 6, 1)
    alone = render.pages(ds, today)
    spawned = render.pages(ds, today, parallel_from=1, start_method="spawn")
    assert spawned == alone
