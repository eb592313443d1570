"""Offline search: split built pages into sections, prebuild a lunr index, load it in the browser or the terminal."""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from dataclasses import asdict, dataclass
from html.parser import HTMLParser
from pathlib import Path

import lunr
import mkdocs
from lunr.query import Query

INDEX_DIR = "search"
INDEX_SCRIPT = "search-index.js"  # a script, not JSON: file:// pages may not fetch() files beside them
LUNR_JS = Path(mkdocs.__file__).parent / "contrib/search/templates/search/lunr.js"  # lunr.js 2.3.9, shipped by mkdocs
_SKIP = {"script", "style", "nav", "header", "footer", "svg", "button", "form", "noscript"}
_SPLIT = {"h1", "h2"}
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class SearchDoc:
    """One searchable section of a page."""

    id: str  # url#anchor, relative to the site root
    title: str  # "Thailand › Authorities and contacts"
    text: str


class _Sections(HTMLParser):
    """Collect text per h1/h2 section of a page's content HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[list[str]] = [["", "", ""]]  # [anchor, heading, text]
        self._skip = 0
        self._heading: str | None = None
        self._heading_link = False
        self._skip_tag: str | None = None
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip_tag:
            self._skip_depth += tag == self._skip_tag
        elif tag in _SKIP:
            self._skip += 1
        elif dict(attrs).get("data-search") == "skip":
            self._skip_tag, self._skip_depth = tag, 1  # e.g. the status banner repeated on every section
            self._skip += 1
        elif tag in _SPLIT:
            self.sections.append([dict(attrs).get("id") or "", "", ""])
            self._heading = tag
        elif tag == "a" and dict(attrs).get("class") == "headerlink":
            self._skip += 1  # the pilcrow permalink
            self._heading_link = True

    def handle_endtag(self, tag: str) -> None:
        if self._skip_tag:
            if tag == self._skip_tag:
                self._skip_depth -= 1
                if not self._skip_depth:
                    self._skip_tag = None
                    self._skip -= 1
            return
        if tag in _SKIP and self._skip:
            self._skip -= 1
        elif tag == "a" and self._heading_link:
            self._skip -= 1
            self._heading_link = False
        elif tag == self._heading:
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        section = self.sections[-1]
        section[1 if self._heading else 2] += data + " "


def page_sections(html: str, url: str, page_title: str) -> list[SearchDoc]:
    """The page's content HTML cut at h1/h2 headings, each a search document."""
    parser = _Sections()
    parser.feed(html)
    docs = []
    for anchor, heading, text in parser.sections:
        heading, text = _SPACE.sub(" ", heading).strip(), _SPACE.sub(" ", text).strip()
        if not (heading or text):
            continue
        title = page_title if not heading or heading == page_title else f"{page_title} › {heading}"
        docs.append(SearchDoc(f"{url}#{anchor}" if anchor else url, title, text))
    return docs


def fold(text: str) -> str:
    """Diacritics removed and lower-cased: 'Bộ luật Hình sự' -> 'bo luat hinh su' (Vietnamese đ folds to d)."""
    decomposed = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def build_index(docs: list[SearchDoc]) -> dict:
    """A lunr index prebuilt in Python: the browser only loads it (no index building on the page's main thread)."""
    records = [{"id": d.id, "title": d.title, "text": d.text, "folded": fold(d.title + " " + d.text)} for d in docs]
    index = lunr.lunr(
        ref="id",
        fields=[{"field_name": "title", "boost": 10}, "text", "folded"],
        documents=records,
    )
    return index.serialize()


def write_bundle(site_dir: Path, docs: list[SearchDoc]) -> Path:
    """Write the index and the lunr.js runtime into the built site; return the index script's path."""
    out = site_dir / INDEX_DIR
    out.mkdir(parents=True, exist_ok=True)
    payload = {"index": build_index(docs), "docs": {d.id: {"title": d.title, "text": d.text[:300]} for d in docs}}
    target = out / INDEX_SCRIPT
    target.write_text("window.compendiumSearchData = " + json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + ";\n",
                      encoding="utf-8")
    (out / "docs.json").write_text(json.dumps([asdict(d) for d in docs], ensure_ascii=False), encoding="utf-8")
    shutil.copyfile(LUNR_JS, out / "lunr.js")
    return target


def load_index(site_dir: Path) -> tuple[lunr.index.Index, dict]:
    """Load the index a build wrote, exactly as the browser does."""
    text = (site_dir / INDEX_DIR / INDEX_SCRIPT).read_text(encoding="utf-8")
    payload = json.loads(text[text.index("=") + 1 :].rstrip().rstrip(";"))
    return lunr.index.Index.load(payload["index"]), payload["docs"]


def words(query: str) -> list[str]:
    """What a person typed, cut into lower-case words (the browser cuts the same way)."""
    return [w for w in re.split(r"[^\w]+", query.lower()) if w]


def _run(index: lunr.index.Index, query: str) -> list[dict]:
    # Each word as a whole (through the stemmer) and, from three letters on, as a prefix: typing "traff"
    # finds "trafficking". Both clauses are optional so more matching words rank higher; search.js mirrors this.
    q = index.create_query()
    for word in words(query):
        for term in {word, fold(word)}:
            q.term(term, boost=10, use_pipeline=True)
            if len(term) >= 3:
                q.term(term, boost=1, use_pipeline=False, wildcard=Query.WILDCARD_TRAILING)
    return index.query(q) if q.clauses else []


def search(site_dir: Path, query: str, limit: int = 10) -> list[tuple[str, str, float]]:
    """(url, title, score) best first, from the same index and the same query rules as the browser."""
    index, docs = load_index(site_dir)
    return [(h["ref"], docs[h["ref"]]["title"], h["score"]) for h in _run(index, query)[:limit]]
