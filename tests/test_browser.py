"""Headless Chromium against the built site opened from disk (file://), with every network request counted."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def _open(browser, url: str):  # noqa: ANN001, ANN202 - playwright objects
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    external: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: external.append(r.url) if not r.url.startswith(("file:", "data:", "blob:")) else None)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    return page, external, errors


def _search(page, query: str) -> list[str]:  # noqa: ANN001
    page.fill("#cmp-search-input", query)
    page.keyboard.press("End")  # Playwright sends non-ASCII without key-up; the box also listens to `input`
    page.wait_for_selector("#cmp-search-results li a")
    return page.locator("#cmp-search-results li a strong").all_inner_texts()


def test_search_finds_central_authority_offline(browser, real_site: Path) -> None:  # noqa: ANN001
    page, external, errors = _open(browser, (real_site / "index.html").as_uri())
    titles = _search(page, "central authority Thailand")
    top3 = titles[:3]
    assert "Thailand › Authorities and contacts" in top3, titles
    page.locator("#cmp-search-results li a", has_text="Thailand › Authorities and contacts").first.click()
    page.wait_for_load_state()
    assert page.url.startswith((real_site / "countries/th/index.html").as_uri())
    assert "Office of the Attorney General" in page.inner_text("#authorities ~ .cmp-cards")
    assert external == [] and errors == []
    page.close()


def test_search_ready_timing_is_recorded(browser, real_site: Path) -> None:  # noqa: ANN001
    page, external, errors = _open(browser, (real_site / "countries/kh/index.html").as_uri())
    _search(page, "Ministry of Justice")
    ready = page.evaluate("window.cmpSearchTimings.ready")
    assert isinstance(ready, (int, float)) and ready > 0
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
