"""Headless Chromium against the built site opened from disk (file://), with every network request counted."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from compendium.dataset import load

pytestmark = pytest.mark.browser


def watch(page) -> tuple[list[str], list[str]]:  # noqa: ANN001 - a playwright page
    """Requests that leave file://, and console and page errors, as they happen on the page."""
    external: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: external.append(r.url) if not r.url.startswith(("file:", "data:", "blob:")) else None)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return external, errors


def _open(browser, url: str):  # noqa: ANN001, ANN202 - playwright objects
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    external, errors = watch(page)
    page.goto(url)
    return page, external, errors


def _search(page, query: str) -> list[str]:  # noqa: ANN001
    page.fill("#cmp-search-input", query)
    page.keyboard.press("End")  # a key that changes no text: the box answers `input`, the answer stands
    page.wait_for_function("q => document.getElementById('cmp-search-results').getAttribute('data-query') === q", arg=query)
    return page.locator("#cmp-search-results li a strong").all_inner_texts()


def test_search_finds_central_authority_offline(browser, real_site: Path) -> None:  # noqa: ANN001
    page, external, errors = _open(browser, (real_site / "index.html").as_uri())
    titles = _search(page, "central authority Thailand")
    top3 = titles[:3]
    assert "Thailand › Central authority and contacts" in top3, titles
    page.locator("#cmp-search-results li a", has_text="Thailand › Central authority and contacts").first.click()
    page.wait_for_load_state()
    assert page.url.startswith((real_site / "countries/th/index.html").as_uri())
    assert "Office of the Attorney General" in page.inner_text("#authorities ~ .cmp-cards")
    assert external == [] and errors == []
    page.close()


def test_search_ready_timing_is_recorded(browser, real_site: Path) -> None:  # noqa: ANN001
    page, external, errors = _open(browser, (real_site / "countries/kh/index.html").as_uri())
    _search(page, "Ministry of Justice")
    ready, loaded = page.evaluate("[window.cmpSearchTimings.ready, window.cmpSearchTimings.loaded]")
    assert isinstance(ready, (int, float)) and ready >= 0 and loaded > 0
    assert page.get_attribute("html", "data-cmp-search") == "ready"
    assert external == [] and errors == []
    page.close()


def test_every_page_kind_loads_without_network(browser, real_site: Path) -> None:  # noqa: ANN001
    for rel in ["index.html", "countries/index.html", "countries/ph/index.html", "treaties/index.html",
                "treaties/untoc/index.html", "glossary.html"]:
        page, external, errors = _open(browser, (real_site / rel).as_uri())
        assert page.locator("h1").count() == 1, rel
        assert external == [] and errors == [], (rel, external, errors)
        page.close()


def test_unverified_section_is_visible_to_the_reader(browser, real_site: Path) -> None:  # noqa: ANN001
    page, _, _ = _open(browser, (real_site / "countries/tl/index.html").as_uri())
    banners = page.locator(".cmp-provenance[data-status=unknown]")
    assert banners.count() >= 1
    assert "Not yet verified" in banners.first.inner_text()
    page.close()


def test_picker_reaches_a_pair_page_offline(browser, real_site: Path) -> None:  # noqa: ANN001
    page, external, errors = _open(browser, (real_site / "cooperate/index.html").as_uri())
    page.select_option("#cmp-from", "th")
    page.select_option("#cmp-to", "kh")
    page.click("#cmp-picker button")
    page.wait_for_url("**/cooperate/th-kh/index.html")
    assert page.title().startswith("Thailand → Cambodia")
    assert page.locator(".cmp-basis, .cmp-recommended").count() >= 1
    assert page.locator("#route-mla").count() == 1 and page.locator("#route-extradition").count() == 1
    assert page.locator("#definitions").count() == 1
    # the order an officer works in: route first, then where to send, then definitions, victims, extradition
    ids = page.eval_on_selector_all("h2[id]", "hs => hs.map(h => h.id)")
    assert ids.index("route") < ids.index("act-today") < ids.index("preserve") < ids.index("send") < ids.index("victims") \
        < ids.index("assets") < ids.index("extradition")
    assert external == [] and errors == []
    page.close()


def test_comparison_table_sorts_and_filters(browser, real_site: Path) -> None:  # noqa: ANN001
    page, external, errors = _open(browser, (real_site / "compare/extradition.html").as_uri())
    def names(group: str) -> list[str]:
        return page.locator(f"#cmp-extradition tbody[data-group={group}] tr:not([hidden]):not(.cmp-group-row) th").all_inner_texts()

    data = load(ROOT / "data").countries  # every state with a record, however many the data holds
    states = len(data)
    groups = {g: names(g) for g in ("asean", "partner")}
    assert {g: len(v) for g, v in groups.items()} == {g: sum(c.region == g for c in data.values()) for g in groups}
    page.click("#cmp-extradition thead th >> nth=0")
    assert {g: names(g) for g in groups} == {g: sorted(v) for g, v in groups.items()}  # sorted within each group
    page.click("#cmp-extradition thead th >> nth=0")
    assert {g: names(g) for g in groups} == {g: sorted(v, reverse=True) for g, v in groups.items()}
    page.fill(".cmp-table-tools[data-for=cmp-extradition] input", "viet")
    page.keyboard.press("End")
    assert names("asean") == ["Viet Nam"] and names("partner") == []
    assert f"1 of {states} rows" in page.inner_text(".cmp-table-tools[data-for=cmp-extradition]")
    assert external == [] and errors == []
    page.close()


def test_narrow_screen_keeps_tables_inside_the_page(browser, real_site: Path) -> None:  # noqa: ANN001
    page = browser.new_page(viewport={"width": 800, "height": 900})
    page.goto((real_site / "compare/definitions.html").as_uri())
    body_overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert body_overflow <= 0  # the wide table scrolls inside its own box, not the whole page
    page.close()


PAGE_KINDS = ["index.html", "countries/index.html", "countries/th/index.html", "countries/kh/index.html",
              "treaties/index.html", "treaties/untoc/index.html", "compare/index.html", "compare/definitions.html",
              "compare/treaty-status.html", "compare/central-authorities.html", "cooperate/index.html",
              "cooperate/ph-vn/index.html", "cooperate/request-vn.html", "start.html", "terms.html",
              "compare/victims.html", "data/index.html", "data/coverage/index.html", "glossary.html"]


def test_unzipped_bundle_works_with_network_blocked(browser, real_site: Path, tmp_path: Path) -> None:  # noqa: ANN001
    import zipfile

    from compendium import bundle

    archive, _ = bundle.write(real_site, tmp_path / "dist/compendium.zip", "compendium")
    zipfile.ZipFile(archive).extractall(tmp_path / "unzipped")
    root = tmp_path / "unzipped/compendium"
    context = browser.new_context()
    blocked: list[str] = []

    def guard(route) -> None:  # noqa: ANN001
        if route.request.url.startswith(("file:", "data:", "blob:")):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    for rel in PAGE_KINDS:
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)  # noqa: B023
        page.on("pageerror", lambda e: errors.append(str(e)))  # noqa: B023
        page.goto((root / rel).as_uri())
        assert page.locator("h1").count() == 1, rel
        if rel == "index.html":  # search works from the unzipped copy too
            assert _search(page, "Ministry of Justice Cambodia")
        assert errors == [], (rel, errors)
        page.close()
    context.close()
    assert blocked == []


def test_profile_prints_without_chrome_and_with_source_urls(browser, real_site: Path) -> None:  # noqa: ANN001
    page = browser.new_page()
    page.goto((real_site / "countries/ph/index.html").as_uri())
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert page.locator(".cmp-sources .cmp-url").first.is_visible()
    # sections follow one another (a page per section would overrun the brief's budget), never parted from their heading
    breaks = page.evaluate("getComputedStyle(document.querySelector('.md-typeset h2#authorities')).breakAfter")
    assert breaks == "avoid"
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    page.close()


def test_pair_with_missing_data_says_what_to_do_instead(browser, fixture_site: Path) -> None:  # noqa: ANN001
    """Fixtureland South has no sourced section: every step of its pair page says so and offers another way."""
    page, external, errors = _open(browser, (fixture_site / "cooperate/th-kh/index.html").as_uri())
    for section in ("act-today", "preserve", "victims", "assets", "joint"):
        text = page.locator(f"h2#{section} ~ .cmp-missing").first.inner_text()
        assert text.startswith("Not recorded."), (section, text)
    assert "INTERPOL" in page.locator("h2#act-today ~ .cmp-missing").first.inner_text()
    assert page.locator("h2#route ~ [data-measure='mla']").first.inner_text().startswith("Recommended") is False
    assert external == [] and errors == []
    page.close()


def test_start_page_leads_to_the_right_section(browser, real_site: Path) -> None:  # noqa: ANN001
    page, external, errors = _open(browser, (real_site / "start.html").as_uri())
    page.select_option("#cmp-from", "th")
    page.select_option("#cmp-to", "kh")
    page.select_option("#cmp-task", "preserve")
    page.click("#cmp-picker button[type=submit]")
    page.wait_for_url("**/cooperate/th-kh/index.html#preserve")
    assert page.locator("h2#preserve").is_visible()
    assert external == [] and errors == []
    page.close()


BUILDER_CASES = [
    # (requesting, requested, measure): a state with recorded rules, one without, and both directions
    ("th", "id", "statement"), ("th", "id", "bank_records"), ("id", "th", "preservation_of_data"),
    ("id", "th", "extradition"), ("th", "tl", "statement"), ("th", "tl", "search_and_seizure"),
]


@pytest.mark.parametrize(("a", "b", "measure"), BUILDER_CASES)
def test_request_builder_drafts_offline_and_downloads_a_docx(browser, real_site: Path, tmp_path: Path,  # noqa: ANN001
                                                             a: str, b: str, measure: str) -> None:
    import docx

    # reached as an officer reaches it: from the pair page's "draft the letter" link for the measure
    page, external, errors = _open(browser, (real_site / f"cooperate/{a}-{b}/index.html").as_uri())
    kind = "extradition" if measure in ("extradition", "provisional_arrest") else "mla"
    route = page.locator(f".cmp-card.cmp-recommended[data-measure='{kind}'] .cmp-card-title a:not([href^='#'])")
    recommended = route.first.inner_text() if route.count() else None
    page.click(f".cmp-draft a[href$='#{measure}']")
    page.wait_for_url(f"**/cooperate/request-{b}.html?from={a}#{measure}")
    page.wait_for_load_state()
    assert page.input_value("#cmp-from") == a and page.input_value("#cmp-measure") == measure
    basis = page.locator(f".cmp-letter .cmp-for-measure[data-measure='{measure}']:visible p").first.inner_text()
    assert (recommended is None and "to be confirmed" in basis) or (recommended is not None and "made under" in basis)
    assert page.get_attribute("#cmp-pair-link", "href") == f"{a}-{b}/index.html"
    page.fill("input[name=reference]", "CASE-2026-017")
    page.fill("textarea[name=facts]", "Recruited online for a job; held in a compound and forced to run scams.")
    page.fill(f"textarea[name=details-{measure}]", "Details typed by the officer for this measure.")
    letter = page.inner_text("#cmp-letter")
    assert "CASE-2026-017" in letter and "forced to run scams" in letter and "Details typed by the officer" in letter
    checklist = page.locator(f".cmp-checklist[data-measure='{measure}']:visible")
    assert checklist.is_visible() and page.locator(".cmp-checklist:visible").count() == 1
    items = checklist.locator("li").all_inner_texts()
    confirm = [i for i in items if i.startswith("confirm")]
    if b == "tl":  # nothing recorded of Timor-Leste's request rules: every rule item says confirm, none is guessed
        assert any("not recorded" in i for i in confirm) and len(confirm) >= 6
    with page.expect_download() as info:
        page.click("#cmp-download")
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.name == f"letter-of-request-{a}-{b}-{measure}.docx"
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "CASE-2026-017" in text and "Checklist before sending" in text
    for item in items:
        assert " ".join(item.split()) in text  # every checklist item travels with the letter
    assert external == [] and errors == []
    assert page.evaluate("() => window.localStorage.length === 0 || Object.keys(window.localStorage).every(k => !k.includes('cmp'))")
    page.close()


def test_dark_mode_toggles_and_is_remembered_offline(browser, real_site: Path) -> None:  # noqa: ANN001
    context = browser.new_context()
    violations: list[str] = []
    context.add_init_script("document.addEventListener('securitypolicyviolation', e => "
                            "(window.__violations = window.__violations || []).push(e.violatedDirective))")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto((real_site / "index.html").as_uri())
    assert page.get_attribute("body", "data-md-color-scheme") == "default"
    page.locator("label[for='__palette_1']").click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.goto((real_site / "countries/th/index.html").as_uri())  # another page: the choice is restored from a file
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    violations += page.evaluate("window.__violations || []")
    assert violations == [] and errors == []
    context.close()


def test_home_says_when_the_data_was_checked_and_404_works_from_disk(browser, real_site: Path) -> None:  # noqa: ANN001
    from compendium import views

    latest = views.data_as_of(load(ROOT / "data"))
    page, external, errors = _open(browser, (real_site / "index.html").as_uri())
    assert f"Data as of {latest}" in page.inner_text("article")
    page.close()
    page, external, errors = _open(browser, (real_site / "404.html").as_uri())
    assert page.inner_text("h1") == "Page not found"
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") != "static"  # styled
    page.click("article a[href='index.html']")
    page.wait_for_url("**/index.html")
    assert external == [] and errors == []
    page.close()
