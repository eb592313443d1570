"""The built site's layout in Chromium at a desktop and a phone width: table cells keep words whole, contact cards
stay inside their box, and no page is wider than the screen (wide tables scroll inside their own box)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

LAYOUT_PAGES = ["countries/th/index.html", "compare/definitions.html", "compare/central-authorities.html",
                "cooperate/ph-vn/index.html", "cooperate/request-vn.html"]
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}

# Words a cell breaks in two: each run of letters between spaces, hyphens, dashes and slashes (where a line may
# break) whose text sits on more than one line. Scripts written without spaces (Thai, Lao, Khmer, Burmese, CJK)
# are broken between words by the browser's dictionary, so they are left out.
BROKEN_WORDS = """() => {
  const noSpaces = /[\\u0E00-\\u0EFF\\u1000-\\u109F\\u1780-\\u17FF\\u2E80-\\u9FFF\\uAC00-\\uD7AF]/;
  const broken = [];
  for (const cell of document.querySelectorAll("article table td, article table th")) {
    if (!cell.getClientRects().length) continue;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest(".cmp-address")) continue;  // e-mail and web addresses may break anywhere
      for (const m of node.data.matchAll(/[^\\s\\-\\u2010-\\u2014\\/]{2,}/g)) {
        if (noSpaces.test(m[0])) continue;
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.bottom)));
        if (lines.size > 1) broken.push(m[0] + " (" + cell.getBoundingClientRect().width.toFixed(0) + " px cell)");
      }
    }
  }
  return broken;
}"""

# Cards whose content spills out of them, and pairs of cards that overlap.
CARD_PROBLEMS = """() => {
  const cards = [...document.querySelectorAll("article .cmp-card")].filter(c => c.getClientRects().length);
  const problems = cards.filter(c => c.scrollWidth > c.clientWidth + 1).map(c => "spills: " + c.innerText.slice(0, 40));
  const boxes = cards.map(c => c.getBoundingClientRect());
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach(b => {
    if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
      problems.push("overlap: " + cards[i].innerText.slice(0, 40));
  }));
  return problems;
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_tables_keep_words_whole_and_pages_fit_the_screen(browser, real_site: Path, width: str) -> None:  # noqa: ANN001
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h})
    found = {}
    for rel in LAYOUT_PAGES:
        page = context.new_page()
        page.goto((real_site / rel).as_uri())
        problems = [f"broken word: {x}" for x in page.evaluate(BROKEN_WORDS)][:5] + page.evaluate(CARD_PROBLEMS)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            problems.append(f"page is {overflow} px wider than the screen")
        if problems:
            found[rel] = problems
        page.close()
    context.close()
    assert found == {}


def test_wide_comparison_tables_scroll_with_the_state_column_in_view(browser, real_site: Path) -> None:  # noqa: ANN001
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto((real_site / "compare/definitions.html").as_uri())
    box = page.locator(".cmp-scroll").first
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")  # the table scrolls inside its box, not the page
    first = page.locator("table.cmp-compare tbody th[scope=row]").first
    before = first.bounding_box()["x"]
    box.evaluate("b => { b.scrollLeft = 300; }")
    assert abs(first.bounding_box()["x"] - before) < 1  # the state's name stays in view
    page.close()
