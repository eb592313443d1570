"""Printed briefs: every state profile and a set of pair pages printed to A4 PDF by Chromium with print media, as
the "Print this brief" button does, one after another in one browser. Each stays within its page budget (a state's
brief 10 pages, a pair's 4), has no blank page, carries the title, data date, version, address and page number on
every page, and every table fits the page's width."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from compendium.dataset import load
from conftest import ROOT

pytestmark = pytest.mark.browser

pypdf = pytest.importorskip("pypdf")

A4_CONTENT_WIDTH = round((210 - 2 * 10) / 25.4 * 96)  # px: A4 less the side margins of @page in compendium.css
STATE_BUDGET, PAIR_BUDGET = 10, 4
# pairs whose requested state has the longest records (Thailand, Indonesia, the Philippines), as well as short ones
PAIRS = ["ph-vn", "my-th", "ph-th", "cn-th", "mm-th", "kh-id", "th-us", "vn-cn"]


def _names() -> dict[str, str]:
    return {code.lower(): country.name for code, country in load(ROOT / "data").countries.items()}


def _problems(page, site: Path, rel: str, title: str, budget: int) -> tuple[int, list[str]]:  # noqa: ANN001
    """Print one brief; its page count and whatever is wrong with it."""
    page.goto((site / rel).as_uri())
    page.emulate_media(media="print")
    problems = []
    too_wide = page.evaluate("""() => [...document.querySelectorAll("article table")]
      .filter(t => t.getClientRects().length)
      .filter(t => t.getBoundingClientRect().right > document.querySelector("article").getBoundingClientRect().right + 1
                   || t.scrollWidth > t.clientWidth + 1)
      .map(t => t.querySelector("th, td").innerText.slice(0, 40))""")
    if too_wide:
        problems.append(f"{rel}: tables wider than the page: {too_wide}")
    chrome = page.locator("nav, .md-header, .md-sidebar, .cmp-print-button").evaluate_all(
        "els => els.filter(e => e.getClientRects().length).length")
    if chrome:
        problems.append(f"{rel}: navigation printed")  # no navigation chrome on paper
    pages = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True))).pages]
    if not 1 <= len(pages) <= budget:
        problems.append(f"{rel}: {len(pages)} pages, budget {budget}")
    for number, text in enumerate(pages, start=1):
        if not (f"{title} — ASEAN ILC Compendium" in text and "Data as of " in text and " · version " in text
                and rel in text and f"Page {number} of {len(pages)}" in text):
            problems.append(f"{rel}: page {number} lacks its title, date, version, address or number")
        body = [line for line in text.splitlines() if title not in line and "Data as of" not in line and rel not in line]
        if len(" ".join(body)) <= 40:
            problems.append(f"{rel}: page {number} is blank")
    return len(pages), problems


def test_every_state_brief_prints_on_a4_within_ten_pages(browser, real_site: Path) -> None:  # noqa: ANN001
    page = browser.new_page(viewport={"width": A4_CONTENT_WIDTH, "height": 1000})
    counts, problems = {}, []
    for code, name in _names().items():
        counts[code], found = _problems(page, real_site, f"countries/{code}/index.html", name, STATE_BUDGET)
        problems += found
    page.close()
    assert problems == [], counts


def test_pair_briefs_print_on_a4_within_four_pages(browser, real_site: Path) -> None:  # noqa: ANN001
    names = _names()
    page = browser.new_page(viewport={"width": A4_CONTENT_WIDTH, "height": 1000})
    counts, problems = {}, []
    for pair in PAIRS:
        a, b = pair.split("-")
        counts[pair], found = _problems(page, real_site, f"cooperate/{pair}/index.html", f"{names[a]} → {names[b]}",
                                        PAIR_BUDGET)
        problems += found
    page.close()
    assert problems == [], counts


def test_pair_brief_prints_its_source_notes_with_their_addresses(browser, real_site: Path) -> None:  # noqa: ANN001
    """On paper each section of a pair brief closes with its notes, each address printed once as text."""
    page = browser.new_page(viewport={"width": A4_CONTENT_WIDTH, "height": 1000})
    page.goto((real_site / "cooperate/my-th/index.html").as_uri())
    page.emulate_media(media="print")
    notes = page.locator("details.cmp-sources ol li")
    assert notes.count() > 10 and notes.first.is_visible()
    first = notes.first.locator("a.cmp-url")
    assert first.inner_text() == first.get_attribute("href")
    refs = page.locator(".cmp-refs a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert refs and all(page.locator(ref).count() == 1 for ref in set(refs))  # every [n] reaches its note
    page.close()


def test_profile_and_pair_offer_a_print_button(browser, real_site: Path) -> None:  # noqa: ANN001
    for rel in ("countries/my/index.html", "cooperate/ph-vn/index.html"):
        page = browser.new_page()
        page.goto((real_site / rel).as_uri())
        button = page.get_by_role("button", name="Print this brief")
        assert button.is_visible()
        page.evaluate("() => { window.print = () => { window.__printed = true; }; }")
        button.click()
        assert page.evaluate("() => window.__printed") is True
        page.close()
