"""Printed briefs: a state profile and a pair page printed to A4 PDF by Chromium with print media, as the
"Print this brief" button does. Each stays within its page budget, has no blank page, carries the title, data date,
version, address and page number on every page, and every table fits the page's width."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

pypdf = pytest.importorskip("pypdf")

A4_CONTENT_WIDTH = round((210 - 2 * 10) / 25.4 * 96)  # px: A4 less the side margins of @page in compendium.css
BRIEFS = {"countries/my/index.html": ("Malaysia", 10), "cooperate/ph-vn/index.html": ("Philippines → Viet Nam", 4)}


@pytest.mark.parametrize("rel", BRIEFS)
def test_brief_prints_on_a4_within_its_page_budget(browser, real_site: Path, rel: str) -> None:  # noqa: ANN001
    title, budget = BRIEFS[rel]
    page = browser.new_page(viewport={"width": A4_CONTENT_WIDTH, "height": 1000})
    page.goto((real_site / rel).as_uri())
    page.emulate_media(media="print")
    too_wide = page.evaluate("""() => [...document.querySelectorAll("article table")]
      .filter(t => t.getClientRects().length)
      .filter(t => t.getBoundingClientRect().right > document.querySelector("article").getBoundingClientRect().right + 1
                   || t.scrollWidth > t.clientWidth + 1)
      .map(t => t.querySelector("th, td").innerText.slice(0, 40))""")
    assert too_wide == []
    assert page.locator("nav, .md-header, .md-sidebar, .cmp-print-button").evaluate_all(
        "els => els.filter(e => e.getClientRects().length).length") == 0  # no navigation chrome on paper
    pdf = pypdf.PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    page.close()
    pages = [p.extract_text() for p in pdf.pages]
    assert 1 <= len(pages) <= budget, len(pages)
    for number, text in enumerate(pages, start=1):
        assert f"{title} — ASEAN ILC Compendium" in text and "Data as of " in text and " · version " in text
        assert rel in text and f"Page {number} of {len(pages)}" in text
        body = [line for line in text.splitlines() if title not in line and "Data as of" not in line and rel not in line]
        assert len(" ".join(body)) > 40, f"page {number} is blank"


def test_profile_and_pair_offer_a_print_button(browser, real_site: Path) -> None:  # noqa: ANN001
    for rel in BRIEFS:
        page = browser.new_page()
        page.goto((real_site / rel).as_uri())
        button = page.get_by_role("button", name="Print this brief")
        assert button.is_visible()
        page.evaluate("() => { window.print = () => { window.__printed = true; }; }")
        button.click()
        assert page.evaluate("() => window.__printed") is True
        page.close()
