"""Search quality on the real site: practitioners' queries find the expected page in the top 3, in the terminal
(lunr.py) and in the browser (lunr.js) alike, including region scripts and unaccented Vietnamese."""

from __future__ import annotations

from pathlib import Path

import pytest

from compendium import search

# (query, a title expected among the top 3)
QUERIES = [
    ("central authority Cambodia", "Cambodia › Central authority and contacts"),
    ("video link testimony", "› Evidence and victim-witnesses"),
    ("forced criminality", "Trafficking definitions by element"),
    ("non-punishment Indonesia", "Indonesia › Non-punishment of victims"),
    ("Office of the Attorney General Thailand", "Thailand › Central authority and contacts"),
    ("Extradition Act B.E. 2551", "Thailand › Extradition"),  # a law's official title
    ("Undang-Undang Nomor 21 Tahun 2007", "Indonesia › Legislation"),  # a title in its own language
    ("bo luat hinh su", "Viet Nam › "),  # "Bộ luật Hình sự" without diacritics
    ("ความร่วมมือระหว่างประเทศในเรื่องทางอาญา", "Thailand › Legislation"),  # Thai, mid-title
    ("ជួញដូរមនុស្ស", "Cambodia › Legislation"),  # Khmer "human trafficking", mid-title
    ("ການຄ້າມະນຸດ", "Lao PDR › Legislation"),  # Lao, mid-title
    ("လူကုန်ကူးမှု", "Myanmar › Legislation"),  # Burmese, start of title
]


def _top3_has(titles: list[str], expected: str) -> bool:
    return any(expected in t for t in titles[:3])


@pytest.mark.parametrize(("query", "expected"), QUERIES)
def test_terminal_search_finds_expected_page(real_site: Path, query: str, expected: str) -> None:
    titles = [title for _, title, _ in search.search(real_site, query, limit=3)]
    assert _top3_has(titles, expected), titles


def test_tokens_segment_region_scripts_and_fold() -> None:
    words, pairs = search.tokens("สำนักงานอัยการสูงสุด Bộ luật")
    assert words == ["สำนักงาน", "อัยการ", "สูงสุด", "bộ", "luật"]
    assert pairs == ["สำนักงานอัยการ", "อัยการสูงสุด"]
    assert search.fold("Đường Bộ luật") == "duong bo luat"


@pytest.mark.browser
def test_browser_search_matches_terminal_search(browser, real_site: Path) -> None:  # noqa: ANN001
    page = browser.new_page()
    page.goto((real_site / "index.html").as_uri())
    for query, expected in QUERIES:
        page.fill("#cmp-search-input", query)
        page.keyboard.press("End")
        page.wait_for_function("q => document.getElementById('cmp-search-results').getAttribute('data-query') === q", arg=query)
        titles = page.locator("#cmp-search-results li a strong").all_inner_texts()
        assert _top3_has(titles, expected), (query, titles)
        terminal = [title for _, title, _ in search.search(real_site, query, limit=3)]
        assert titles[:3] == terminal, (query, titles[:3], terminal)
    page.close()


@pytest.mark.browser
def test_browser_and_terminal_stem_every_word_alike(browser, real_site: Path) -> None:  # noqa: ANN001
    """The index is stemmed in Python and queries in the browser: on the site's whole vocabulary they must agree."""
    from lunr.token import Token

    vocabulary: set[str] = set()
    for page in real_site.rglob("*.html"):
        for doc in search.page_sections(page.read_text(), "", ""):
            vocabulary.update(search.tokens(doc.text)[0])
    words = sorted(vocabulary)
    assert len(words) > 2000
    context = browser.new_context(bypass_csp=True)  # the page's policy refuses injected scripts; this test adds one
    page = context.new_page()
    page.goto((real_site / "index.html").as_uri())
    page.add_script_tag(path=str(search.LUNR_JS))  # the same lunr.js the worker runs
    browser_stems = page.evaluate("ws => ws.map(w => lunr.stemmer(new lunr.Token(w)).toString())", words)
    python_stems = [str(search.stemmer(Token(w))) for w in words]
    differ = [(w, p, b) for w, p, b in zip(words, python_stems, browser_stems, strict=True) if p != b]
    assert differ == []
    context.close()
