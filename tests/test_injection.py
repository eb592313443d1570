"""Every value from a record reaches the site as text, wherever it lands: a corpus of hostile values is placed in
every text field of a fixture state and a fixture treaty, the site is built by MkDocs, and every page is opened in
Chromium from file:// with a dialog handler, a global flag and a Content-Security-Policy violation listener."""

from __future__ import annotations

import csv
import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel, ValidationError

from compendium import loader
from compendium.models import Country, Treaty

from conftest import ROOT, make_project, mkdocs_build

# Each payload, if it ever ran or became markup, would call pwn(), open a dialog, or leave an element or attribute
# named `pwned` in the page. None of them may.
PAYLOADS = [
    # markup and title breakouts
    "<b data-pwned>bold</b>",
    "<pwned-el>custom</pwned-el>",
    "</title><script>pwn()</script>",
    "</title><pwned-el>in head</pwned-el>",
    "</textarea><script>pwn()</script>",
    "</style><script>pwn()</script>",
    "</noscript><script>pwn()</script>",
    "<!--<script>pwn()</script>-->",
    "<![CDATA[<script>pwn()</script>]]>",
    "<script>pwn()</script>",
    "<script src=data:,pwn()></script>",
    "<SCRIPT>alert('pwned')</SCRIPT>",
    "<scr<script>ipt>pwn()</scr</script>ipt>",
    "<img src=x onerror=pwn() data-pwned>",
    "<svg onload=pwn() data-pwned>",
    "<svg><script>pwn()</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=pwn()>",
    "<iframe src=javascript:pwn() data-pwned></iframe>",
    "<iframe srcdoc='<script>parent.pwn()</script>' data-pwned></iframe>",
    "<object data=javascript:pwn() data-pwned></object>",
    "<embed src=javascript:pwn() data-pwned>",
    "<body onload=pwn()>",
    "<details open ontoggle=pwn() data-pwned>",
    "<input autofocus onfocus=pwn() data-pwned>",
    "<video><source onerror=pwn() data-pwned></video>",
    "<a href=javascript:pwn() data-pwned>link</a>",
    "<form action=javascript:pwn() data-pwned><button>go</button></form>",
    "<meta http-equiv=refresh content='0;url=javascript:pwn()' data-pwned>",
    "<base href=javascript:pwn()//>",
    "<link rel=stylesheet href=data:text/css,body{color:red} data-pwned>",
    "<style>@import 'data:text/css,*{}';</style>",
    "<div style=background:url(javascript:pwn()) data-pwned>",
    # attribute breakouts
    "\" onmouseover=\"pwn()\" data-pwned=\"",
    "' onmouseover='pwn()' data-pwned='",
    "\"><img src=x onerror=pwn() data-pwned>",
    "'><svg onload=pwn() data-pwned>",
    "` onmouseover=pwn() data-pwned `",
    "x\" autofocus onfocus=\"pwn()",
    # URLs
    "javascript:pwn()",
    "JaVaScRiPt:pwn()",
    "java\tscript:pwn()",
    "data:text/html,<script>pwn()</script>",
    "vbscript:pwn()",
    # entities that decode to markup
    "&lt;script&gt;pwn()&lt;/script&gt;",
    "&#60;img src=x onerror=pwn() data-pwned&#62;",
    "&amp;lt;b data-pwned&amp;gt;",
    "&#x3C;/title&#x3E;&#x3C;script&#x3E;pwn()&#x3C;/script&#x3E;",
    # JSON and script contexts
    "</script><script>pwn()</script>",
    "\"}; pwn(); var x={\"",
    "\\u003c/script\\u003e\\u003cscript\\u003epwn()\\u003c/script\\u003e",
    "'; pwn(); '",
    # Markdown
    "[click](javascript:pwn())",
    "![img](x \"onerror=pwn()\")",
    "<https://example.org/\"onmouseover=\"pwn()>",
    "*emphasis* _under_ `code` **strong**",
    "# heading",
    "| table | cell |",
    "{: onclick=\"pwn()\" data-pwned }",
    "[link]: javascript:pwn()",
    "<div markdown=\"1\"><b data-pwned>in html block</b></div>",
    "\\<b data-pwned>escaped</b>",
    # Jinja and other template syntax
    "{{ 7*7 }}",
    "{% raw %}{{ config }}{% endraw %}",
    "{{ ''.__class__.__mro__ }}",
    "${pwn()}",
    "#{pwn()}",
    # spreadsheet formulas (the CSV downloads)
    "=HYPERLINK(\"https://example.org\",\"pwned\")",
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    # right-to-left, zero-width and region scripts
    "\u202epwned.exe\u202c",
    "\u2067isolated\u2069 \u200f",
    "zero\u200bwidth\u200c\u200djoin\ufeff",
    "สำนักงานอัยการสูงสุด <b data-pwned>ไทย</b>",
    "ការជួញដូរមនុស្ស</title><script>pwn()</script>",
    "ການຄ້າມະນຸດ \" onmouseover=\"pwn()",
    "လူကုန်ကူးမှု '><svg onload=pwn()>",
    "Bộ luật Hình sự <img src=x onerror=pwn()>",
    # long and odd text
    "A" * 200,
    "line one\nline two\n\n<script>pwn()</script>",
    "\t tabbed \t",
]

# Fields whose value the schema checks against a vocabulary or a pattern (codes, ids, dates, e-mail, phone, URLs):
# a payload there is refused by validation (the loader tests cover that); every other text field gets payloads.


def _try(model: type[BaseModel], data: dict[str, Any]) -> bool:
    try:
        model.model_validate(data)
    except ValidationError:
        return False
    return True


def _text_fields(data: Any, path: tuple = ()) -> list[tuple]:
    if isinstance(data, dict):
        return [p for k, v in data.items() for p in _text_fields(v, (*path, k))]
    if isinstance(data, list):
        return [p for i, v in enumerate(data) for p in _text_fields(v, (*path, i))]
    return [path] if isinstance(data, str) else []


def _set(data: Any, path: tuple, value: str) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _get(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data


def poison(model: type[BaseModel], data: dict[str, Any], start: int) -> tuple[dict[str, Any], list[tuple]]:
    """Put payloads in every text field the schema lets hold free text: as many as fit, starting at a different
    payload in each field, so every payload leads some field and lands in many."""
    poisoned: list[tuple] = []
    for n, path in enumerate(_text_fields(data)):
        original = _get(data, path)
        first = (start + n) % len(PAYLOADS)
        rotated = PAYLOADS[first:] + PAYLOADS[:first]
        for count in (len(PAYLOADS), 12, 6, 3, 1):
            value = " ".join(rotated[:count])
            _set(data, path, value[:3900])
            if _try(model, data):
                poisoned.append(path)
                break
            _set(data, path, original)
    return data, poisoned


Poisoned = tuple[Path, dict[str, list[tuple]], dict[str, dict[str, Any]]]


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory: pytest.TempPathFactory) -> Poisoned:
    """The fixture data with payloads in every free-text field, built by a real `mkdocs build --strict`."""
    base = tmp_path_factory.mktemp("poisoned")
    project = make_project(base / "project", ROOT / "tests/fixtures/valid")
    fields, records = {}, {}
    for rel, model, start in [("countries/th.yml", Country, 0), ("treaties/untoc.yml", Treaty, 40)]:
        path = project / "data" / rel
        records[rel], fields[rel] = poison(model, loader.read(path)[0].data, start)  # read as the build reads it
        path.write_text(yaml.safe_dump(records[rel], allow_unicode=True, sort_keys=False))
    result = mkdocs_build(project, base / "site")
    assert result.returncode == 0, result.stderr
    return base / "site", fields, records


def _heading(value: str) -> str:
    """The part of a name a page heading and title show: its first line, spaces collapsed."""
    return " ".join(value.strip().split("\n")[0].split())


def test_corpus_covers_every_kind_of_attack() -> None:
    assert len(PAYLOADS) >= 60 and len(set(PAYLOADS)) == len(PAYLOADS)


def test_every_free_text_field_holds_payloads(poisoned_site: Poisoned) -> None:
    _, fields, _ = poisoned_site
    names = {rel: {".".join(str(p) for p in path) for path in paths} for rel, paths in fields.items()}
    assert {"name", "identity.official_name", "authorities.authorities.0.institution", "authorities.authorities.0.unit",
            "authorities.authorities.0.address", "legislation.laws.0.title", "trafficking_definition.summary",
            "identity.sources.0.title", "identity.sources.0.pinpoint"} <= names["countries/th.yml"]
    assert {"title", "short_name", "sources.0.title"} <= names["treaties/untoc.yml"]
    assert len(names["countries/th.yml"]) >= 25


class _Head(HTMLParser):
    """The elements of a page's <head>, and the text of its <title>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.title = ""
        self._in_head = True
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self._in_head = False
        if self._in_head:
            self.tags.append(tag)
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def test_built_head_holds_only_the_theme_elements_and_a_plain_title(poisoned_site: Poisoned) -> None:
    site, _, records = poisoned_site
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 20
    for page in pages:
        head = _Head()
        head.feed(page.read_text())
        assert set(head.tags) <= {"html", "head", "meta", "title", "link", "script", "style"}, (page, head.tags)
        assert head.tags.count("title") == 1, page
        assert head.tags.count("script") == 1, page  # storage.js only, from a file
    profile = _Head()
    profile.feed((site / "countries/th/index.html").read_text())
    name = _heading(records["countries/th.yml"]["name"])
    assert "</title>" in name and " ".join(profile.title.split()).startswith(name), (profile.title, name)
    for page in pages:
        html = page.read_text()
        assert "<b data-pwned>" not in html and "<pwned-el>" not in html and "<script>pwn()" not in html, page


def test_downloads_hold_the_values_as_data(poisoned_site: Poisoned) -> None:
    site, _, records = poisoned_site
    data = json.loads((site / "data/download/compendium.json").read_text())
    assert records["countries/th.yml"]["name"].strip() in [c["name"] for c in data["countries"]]
    for table in (site / "data/download").glob("*.csv"):
        for row in csv.reader(table.read_text(encoding="utf-8").splitlines()):
            for cell in row:
                # a spreadsheet would run a cell starting with one of these as a formula
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (table.name, cell)


PROBE = """
window.__pwned = 0;
window.pwn = function () { window.__pwned += 1; };
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " " + e.blockedURI + " " + e.sourceFile + ":" + e.lineNumber);
});
"""

INJECTED = """() => {
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    if (el.localName.includes("pwned")) found.push(el.localName);
    for (const attr of el.attributes) {
      if (attr.name.includes("pwned") || attr.name.startsWith("on")) found.push(el.localName + "[" + attr.name + "]");
      if (["href", "src", "action", "formaction", "data", "srcdoc"].includes(attr.name)
          && /^\\s*(javascript|vbscript|data):/i.test(attr.value)) found.push(el.localName + "[" + attr.name + "]=" + attr.value);
    }
  }
  return found;
}"""


@pytest.mark.browser
def test_no_payload_runs_or_becomes_markup_on_any_page(browser, poisoned_site: Poisoned) -> None:  # noqa: ANN001
    site, _, records = poisoned_site
    name = _heading(records["countries/th.yml"]["name"])
    context = browser.new_context()
    context.add_init_script(PROBE)
    dialogs: list[str] = []
    context.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pages = sorted(site.rglob("*.html"))
    for path in pages:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))  # noqa: B023
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        rel = path.relative_to(site).as_posix()
        if rel in ("index.html", "countries/th/index.html"):  # search results show the values as text too
            page.fill("#cmp-search-input", "pwned")
            page.keyboard.press("End")
            page.wait_for_function("q => document.getElementById('cmp-search-results').getAttribute('data-query') === q",
                                   arg="pwned")
            titles = page.locator("#cmp-search-results li a strong").all_inner_texts()
            assert any(" ".join(t.split()).startswith(name) for t in titles), (name, titles)  # text, decoded once
        page.mouse.move(300, 300)
        page.keyboard.press("Tab")
        assert page.evaluate(INJECTED) == [], rel
        assert page.evaluate("window.__pwned") == 0, rel
        assert page.evaluate("window.__violations") == [], rel
        assert errors == [], (rel, errors)
        page.close()
    context.close()
    assert dialogs == []


@pytest.mark.browser
def test_title_shows_the_name_as_text(browser, poisoned_site: Poisoned) -> None:  # noqa: ANN001
    site, _, records = poisoned_site
    page = browser.new_page()
    page.goto((site / "countries/th/index.html").as_uri())
    name = _heading(records["countries/th.yml"]["name"])
    assert " ".join(page.title().split()) == f"{name} - ASEAN ILC Compendium"
    page.close()


def test_search_titles_are_decoded_once() -> None:
    from compendium.render import md_text
    from compendium.search import page_sections, printable

    assert md_text("Thailand's *Act*") == "Thailand&#39;s \\*Act\\*"  # no backslash inside the entity
    (doc,) = page_sections("<p>text</p>", "countries/th/index.html", "Thailand&#39;s &lt;b&gt;")
    assert doc.title == "Thailand's <b>"
    assert printable("a\x1b[2Jb") == "aU+001B[2Jb"
