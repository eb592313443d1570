"""Every page kind of the real site, opened from file:// in Chromium: axe-core finds no serious or critical
accessibility problem, and the Content-Security-Policy is in force without refusing anything the site needs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import ROOT
from test_browser import PAGE_KINDS, watch

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules/axe-core/axe.min.js"  # installed by `npm ci` (package.json), never copied into the repository


@pytest.fixture(scope="module")
def axe() -> Path:
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the accessibility tests, but {AXE.relative_to(ROOT)} is missing (run npm ci)")
        pytest.skip("axe-core not installed (run npm ci)")
    return AXE


def test_axe_finds_no_serious_or_critical_violation_on_any_page_kind(browser, real_site: Path, axe: Path) -> None:  # noqa: ANN001
    # The page's policy refuses injected scripts, as it should: axe is added in a context that bypasses it.
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    found = {}
    for rel in PAGE_KINDS:
        page = context.new_page()
        page.goto((real_site / rel).as_uri())
        page.add_script_tag(path=str(axe))
        violations = page.evaluate(
            "() => axe.run(document, {resultTypes: ['violations']}).then(r => r.violations"
            ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
            ".map(v => v.id + ' (' + v.nodes.length + '): ' + v.nodes[0].target.join(' ')))")
        if violations:
            found[rel] = violations
        page.close()
    context.close()
    assert found == {}


def test_policy_is_in_force_and_refuses_nothing_the_site_uses(browser, real_site: Path) -> None:  # noqa: ANN001
    context = browser.new_context()
    context.add_init_script("""
      window.__violations = [];
      document.addEventListener("securitypolicyviolation", function (e) {
        window.__violations.push(e.violatedDirective + " " + e.blockedURI + " " + e.sourceFile + ":" + e.lineNumber);
      });
    """)
    for rel in PAGE_KINDS:
        page = context.new_page()
        external, errors = watch(page)
        page.goto((real_site / rel).as_uri())
        policy = page.get_attribute("meta[http-equiv=Content-Security-Policy]", "content")
        assert policy is not None and "script-src 'self';" in policy and "unsafe" not in policy.split("style-src")[0], rel
        if rel == "index.html":  # the search worker (from a Blob) and its index files are allowed
            page.fill("#cmp-search-input", "central authority")
            page.keyboard.press("End")
            page.wait_for_function("q => document.getElementById('cmp-search-results').getAttribute('data-query') === q",
                                   arg="central authority")
            assert page.locator("#cmp-search-results li a").count() > 0
        # an inline script, as an injected one would be, is refused
        page.evaluate("""() => { const s = document.createElement("script"); s.textContent = "window.__ran = 1";
                                 document.body.appendChild(s); }""")
        assert page.evaluate("() => window.__ran") is None, rel
        violations = page.evaluate("() => window.__violations")
        assert len(violations) == 1 and violations[0].startswith("script-src-elem inline"), (rel, violations)
        assert [e for e in errors if "Content Security Policy" not in e] == [] and external == [], (rel, errors, external)
        page.close()
    context.close()
