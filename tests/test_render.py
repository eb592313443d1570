"""Rendering: untrusted values reach the page as text; links only http(s), mailto and tel."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from compendium import exports, render, views
from compendium.dataset import load
from compendium.vocabulary import PROFILE_SECTIONS
from compendium.render import md_text
from conftest import FIXTURES
from conftest import edit as _edit


def _pages(data: Path) -> dict[str, str]:
    return {p.src_uri: p.markdown for p in render.pages(load(data), dt.date(2026, 6, 1))}


def test_every_page_kind_is_generated(data_copy: Path) -> None:
    assert set(_pages(data_copy)) == {
        "index.md", "countries/index.md", "countries/th/index.md", "countries/kh/index.md",
        "treaties/index.md", "treaties/untoc/index.md", "treaties/mla-kh-th/index.md",
        "compare/index.md", "compare/treaty-status.md", "compare/bilateral-treaties.md", "compare/definitions.md",
        "compare/mla.md", "compare/extradition.md", "compare/evidence.md", "compare/central-authorities.md",
        "compare/informal-cooperation.md", "compare/electronic-evidence.md", "compare/victims.md", "compare/assets.md",
        "compare/joint-investigations.md", "start.md", "terms.md", "cooperate/index.md", "cooperate/th-kh/index.md", "cooperate/kh-th/index.md",
        "cooperate/request-kh.md", "cooperate/request-th.md", "data/coverage/index.md",
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
    assert page.count("Not yet verified.") == len(PROFILE_SECTIONS)


def test_links_are_relative_to_the_page(data_copy: Path) -> None:
    page = _pages(data_copy)["countries/th/index.md"]
    assert 'href="../../treaties/untoc/index.html"' in page
    assert 'href="../index.html"' in page


def test_render_writes_markdown_without_mkdocs(data_copy: Path, tmp_path: Path) -> None:
    written = render.write(load(data_copy), tmp_path / "out", dt.date(2026, 6, 1))
    assert (tmp_path / "out/countries/th/index.md").read_text().startswith("# Fixtureland North")
    assert len(written) == 44  # 29 pages (home, start, indexes, 2 profiles, 2 treaties, 11 tables, 2 pairs…) and 15 data files
    assert (tmp_path / "out/data/download/compendium.json").exists()


def test_party_without_a_date_renders_party(data_copy: Path) -> None:
    _edit(data_copy / "treaties/untoc.yml", "{state: KH, status: unknown}", "{state: KH, status: party}")
    pages = _pages(data_copy)
    assert "Party (date not recorded)" in pages["countries/kh/index.md"]
    assert "Party (date not recorded)" in pages["treaties/untoc/index.md"]
    assert "Party (date not recorded)" in pages["compare/treaty-status.md"]


def test_unread_elements_render_neither_no_nor_warning(data_copy: Path) -> None:
    """A definition whose other articles were not read: its silence shows as unknown on every page."""
    _edit(data_copy / "countries/kh.yml", "legislation: {status: unknown}\n",
          "legislation:\n  status: needs_review\n  last_verified: 2026-01-15\n  laws:\n"
          "    - {id: tip-law, title: Fixture Law on Trafficking, year: 2008, topics: [trafficking]}\n"
          "  sources:\n    - {title: Fixture gazette, kind: official_legislation, accessed: 2026-01-15}\n")
    _edit(data_copy / "countries/kh.yml", "trafficking_definition: {status: unknown}\n",
          "trafficking_definition:\n  status: needs_review\n  last_verified: 2026-01-15\n"
          "  elements: {purposes: {removal_of_organs: {answer: yes, provision: {law: tip-law, article: art. 8}, sources: [1]}}}\n"
          "  sources:\n    - {title: Fixture text, kind: official_legislation, accessed: 2026-01-15, pinpoint: art. 8}\n")
    pages = _pages(data_copy)
    profile = pages["countries/kh/index.md"]
    definition = profile[profile.index('id: #trafficking-definition') if 'id: #trafficking-definition' in profile else profile.index("trafficking-definition"):profile.index("non-punishment }")]
    assert "cmp-answer-no" not in definition and "cmp-answer-yes" in definition
    assert "not every offence article has been read" in definition
    pair = pages["cooperate/th-kh/index.md"]
    assert "cmp-difference-warning" not in pair and "recorded as not covering" not in pair
    assert "Dual criminality looks at the conduct" in pair


def test_answer_shows_its_provision_sources_and_kind(data_copy: Path) -> None:
    page = _pages(data_copy)["countries/th/index.md"]
    assert "section 9, Fixture Act on Mutual Assistance in Criminal Matters" in page
    assert 'href="#src-mutual-legal-assistance-1"' in page and 'id="src-mutual-legal-assistance-1"' in page
    assert "Official legislation or gazette" in page and "secondary sources only" in page


def test_workers_render_the_same_pages_under_spawn(data_copy: Path) -> None:
    # Windows and macOS start workers with `spawn`: nothing may rely on memory inherited through `fork`.
    ds, today = load(data_copy), dt.date(2026, 6, 1)
    alone = render.pages(ds, today)
    spawned = render.pages(ds, today, parallel_from=1, start_method="spawn")
    assert spawned == alone


def test_partner_states_are_a_group_apart_with_pair_pages_both_ways(data_copy: Path) -> None:
    (data_copy / "countries/us.yml").write_text((data_copy / "countries/kh.yml").read_text()
                                                .replace("id: KH", "id: US").replace("name: Fixtureland South", "name: Partnerland")
                                                .replace("region: asean", "region: partner"))
    pages = _pages(data_copy)
    assert {"cooperate/th-us/index.md", "cooperate/us-th/index.md", "cooperate/request-th.md", "cooperate/request-us.md"} <= set(pages)
    table = pages["compare/treaty-status.md"]
    assert table.index("ASEAN member states") < table.index("Fixtureland North") < table.index("Partner states (beyond ASEAN)") \
        < table.index("Partnerland")
    assert "Partnerland (partner)" in pages["compare/definitions.md"]
    home = pages["index.md"]
    assert home.index("## ASEAN member states") < home.index("## Partner states beyond ASEAN") < home.index("Partnerland")
    assert "Partnerland (partner)" in pages["cooperate/index.md"]


def test_incremental_render_equals_a_full_render_after_edits(tmp_path: Path) -> None:
    """While serving, an edit re-renders only the pages made from what changed; the result must be exactly what a
    full render of the edited data gives, for an edit to a state, to a treaty, and to a state's name."""
    import shutil

    from conftest import ROOT

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    incremental = render.Incremental()
    first = load(data)
    total = len(incremental.pages(first, views.build_date(first), exports.Release("v", views.build_date(first))))
    assert incremental.rendered == total
    edits = [("countries/th.yml", "Office of the Attorney General", "Office of the Attorney-General"),
             ("treaties/untoc.yml", "notes:", "notes: >-\n  A note added by an editor.\n  Earlier notes:"),
             ("countries/kh.yml", "name: Cambodia", "name: Kingdom of Cambodia")]
    redone: list[int] = []
    for rel, old, new in edits:
        path = data / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, rel
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        ds = load(data)
        day = views.build_date(ds)
        release = exports.Release("v", day)
        fast = {p.src_uri: p.markdown for p in incremental.pages(ds, day, release)}
        full = {p.src_uri: p.markdown for p in render.pages(ds, day, release)}
        assert fast == full, rel
        redone.append(incremental.rendered)
    # a state's edit redoes its profile, pairs, request page and the pages made from everything, not the site
    assert redone[0] < total / 3 and redone[1] > redone[0]


def test_pair_page_cites_numbered_notes_closing_each_section(data_copy: Path) -> None:
    """No line ends with its sources inline: it cites [n], and its section ends with the notes, each address once
    as the text of its link so that it prints."""
    _edit(data_copy / "countries/th.yml", "{title: Fixture source five, kind: official_legislation,",
          "{title: Fixture source five, url: 'https://laws.fixture.test/act?a=1&b=2', kind: official_legislation,")
    pair = _pages(data_copy)["cooperate/kh-th/index.md"]
    assert 'class="cmp-src"' not in pair
    for section in ("route", "send", "preserve", "victims"):
        assert f'href="#src-{section}-1"' in pair and f'id="src-{section}-1"' in pair, section
    send = pair[pair.index("## Formal request"):pair.index("## Victims")]
    assert send.count('id="src-send-') == len(set(re.findall(r'id="src-send-\d+"', send)))
    address = "https://laws.fixture.test/act?a=1&amp;b=2"
    assert f'<a class="cmp-url" href="{address}" rel="noopener noreferrer">{address}</a>' in send
    assert "Official legislation or gazette" in send and "(accessed 2026-" in send


def test_prestarted_rendering_is_taken_only_for_the_same_data_day_and_version() -> None:
    """`compendium build` starts rendering before MkDocs; the plugin must not take a worker made for other data."""
    ds = load(FIXTURES / "valid")
    day = dt.date(2026, 11, 30)
    rel = exports.Release("unversioned", day)
    render.Background.prestart(ds, day, rel)
    background = render.Background.take(ds, day, rel)
    assert background is not None and render.Background.take(ds, day, rel) is None  # taken once
    try:
        assert background.markdown(0) == render.pages(ds, day, rel)[0].markdown
    finally:
        background.close()
    render.Background.prestart(ds, day, rel)
    assert render.Background.take(ds, day + dt.timedelta(days=1), rel) is None  # another day: rendered afresh
    render.Background.prestart(ds, day, rel)
    render.Background.discard()  # the build failed before MkDocs reached its files
    assert render.Background.take(ds, day, rel) is None


def test_pinpoint_subdivisions_are_joined_so_a_line_never_breaks_inside_them() -> None:
    assert str(md_text("s. 4(k)(4); art. 18(13)(a)")) == "s\\. 4\\(k\\)\u2060\\(4\\); art\\. 18\\(13\\)\u2060\\(a\\)"
    assert "\u2060" not in str(md_text("a (b) (c)"))  # separate brackets keep their space and their break
    env = render.environment()
    written = env.from_string('{{ note }} <a href="{{ url }}">').render(note="s. 4(k)(4)", url="https://x.org/a(b)(c)")
    assert written == 's. 4(k)\u2060(4) <a href="https://x.org/a(b)(c)">'  # text joined, an address left exact
