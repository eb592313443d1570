"""Offline search: split built pages into sections, prebuild a lunr index, load it in the browser or the terminal."""

from __future__ import annotations

import functools
import html as html_lib
import json
import re
import shutil
import unicodedata
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

import lunr
import mkdocs
from lunr.builder import Builder
from lunr.query import Query, QueryPresence
from lunr.pipeline import Pipeline
from lunr.stemmer import PorterStemmer
from lunr.stop_word_filter import stop_word_filter

from . import index_format, workers

if TYPE_CHECKING:
    import datetime as dt

    from .compare import Table
    from .dataset import Dataset
    from .models import Law

INDEX_DIR = "search"
INDEX_SCRIPT = "search-index-{}-{}.js"  # scripts, not JSON: file:// pages may not fetch() files beside them
# Shards are loaded and queried by one worker each, side by side. Measured on 2 cores at 200 synthetic states (an
# index of 11 MB, quiet machine, page loads of 3-5): 1 shard in 4 parts 182-210 ms from focus to ready and 23-26 ms
# a query; 2 shards 106-157 ms and 19-22 ms. (With the 6 MB index of an earlier layout one shard was as fast.)
SHARDS = 2
PARTS = 4  # files per shard, loaded side by side: one large script was the slowest step to "ready"
LUNR_SCRIPT = "lunr-source.js"  # lunr.js as a string, to start the search worker from a Blob
LUNR_JS = Path(mkdocs.__file__).parent / "contrib/search/templates/search/lunr.js"  # lunr.js 2.3.9, shipped by mkdocs
_SKIP = {"script", "style", "nav", "header", "footer", "svg", "button", "form", "noscript"}
_SPLIT = {"h1", "h2"}
_SPACE = re.compile(r"\s+")
PHRASE_BOOST = 40  # a phrase term sits in a long field with many pages sharing it: it needs a strong boost
NAMES_BOOST = 20  # a page's own names (a state's, a treaty's, a comparison's topics) outrank pages that mention them
FUZZY_MIN = 5  # words this long may carry one typo; shorter ones ("RA", "Act") would match too many other words


class _BrowserPorterStemmer(PorterStemmer):
    """lunr.py's Porter stemmer, with lunr.js's rule for a final y: the index is stemmed in Python and queries
    in the browser, so both must agree ("attorney" stays "attorney" in lunr.js but became "attornei")."""

    def step1c(self) -> None:
        if self.ends("y") and self.k - self.k0 >= 2 and self.b[self.k - 1] not in "aeiou":
            self.b = self.b[: self.k] + "i" + self.b[self.k + 1 :]


_browser_porter = _BrowserPorterStemmer()


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The stem of one word; cached, since an index stems the same few thousand words again and again."""
    return _browser_porter.stem(word)


def stemmer(token, i=None, tokens=None):  # noqa: ANN001, ANN201 - lunr's pipeline signature
    return token.update(lambda string, metadata: stem(string))


# Registered under lunr's own label: the serialized index then names "stemmer", which lunr.js resolves to its
# stemmer, and lunr.py (the terminal search) resolves to this one. Set directly rather than through
# Pipeline.register_function, which logs a warning on every import when a label is replaced.
stemmer.label = "stemmer"  # type: ignore[attr-defined]
Pipeline.registered_functions["stemmer"] = stemmer


@dataclass(frozen=True)
class SearchDoc:
    """One searchable section of a page."""

    id: str  # url#anchor, relative to the site root
    title: str  # "Thailand › Central authority and contacts"
    text: str
    labels: str = ""  # text of headings and table/list labels: indexed as word pairs, so phrases rank
    names: str = ""  # names the page answers to, indexed but not shown: aliases, acronyms, a comparison's topics
    also: str = ""  # other names, indexed but not shown, at the weight of the text


_LABELS = {"th", "dt", "h3", "h4", "strong"}


class _Sections(HTMLParser):
    """Collect text per h1/h2 section of a page's content HTML, skipping chrome and marked banners."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[dict[str, str]] = [{"anchor": "", "heading": "", "text": "", "labels": ""}]
        self._stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self._in_heading = self._in_label = 0

    def _skipping(self) -> bool:
        return any(skipped for _, skipped in self._stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        # the status banner repeats on every section, and the pilcrow permalink is not content
        skipped = tag in _SKIP or a.get("data-search") == "skip" or a.get("class") == "headerlink"
        if tag in ("br", "img", "hr", "input", "meta", "link", "wbr"):
            return  # void elements never close
        self._stack.append((tag, skipped))
        if tag in _SPLIT and not self._skipping():
            self.sections.append({"anchor": a.get("id") or "", "heading": "", "text": "", "labels": ""})
        self._in_heading += tag in _SPLIT
        self._in_label += tag in _LABELS

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            open_tag, _ = self._stack.pop()
            self._in_heading -= open_tag in _SPLIT
            self._in_label -= open_tag in _LABELS
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._skipping():
            return
        section = self.sections[-1]
        section["heading" if self._in_heading else "text"] += data + " "
        if self._in_label:
            section["labels"] += data + " | "


_TAG = re.compile(r"<[^>]*>")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _plain(title: str) -> str:
    return html_lib.unescape(_TAG.sub("", title))


def printable(text: str) -> str:
    """Text safe to print to a terminal: control characters (which could rewrite the screen) shown as U+XXXX."""
    return _CONTROL.sub(lambda m: f"U+{ord(m.group()):04X}", text)


def page_sections(html: str, url: str, page_title: str, names: dict[str, list[str]] | None = None) -> list[SearchDoc]:
    """The page's content HTML cut at h1/h2 headings, each a search document; `names` as from `page_names`."""
    # MkDocs gives the title as HTML (entities kept: `Thai&#39;s`); the index holds text, which search.js shows
    # with textContent and the terminal prints, so the title is decoded here, once.
    page_title = _plain(page_title)
    parser = _Sections()
    parser.feed(html)
    docs = []
    for section in parser.sections:
        heading, text = _SPACE.sub(" ", section["heading"]).strip(), _SPACE.sub(" ", section["text"]).strip()
        if not (heading or text):
            continue
        title = page_title if not heading or heading == page_title else f"{page_title} › {heading}"
        anchor = section["anchor"]
        key = "" if not docs else anchor
        docs.append(SearchDoc(f"{url}#{anchor}" if anchor else url, title, text, heading + " | " + section["labels"],
                              " | ".join((names or {}).get(key, [])), " | ".join((names or {}).get(ALSO + key, []))))
    return docs


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Diacritics removed and lower-cased: 'Bộ luật Hình sự' -> 'bo luat hinh su' (Vietnamese đ folds to d)."""
    decomposed = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


# Scripts written without spaces between words (Thai, Lao, Burmese, Khmer): ICU's dictionary-based word
# breaker finds the words. search-engine.js does the same to queries with the browser's Intl.Segmenter.
_UNSPACED_SCRIPTS = [(0x0E00, 0x0E7F, "th"), (0x0E80, 0x0EFF, "lo"), (0x1000, 0x109F, "my"), (0xAA60, 0xAA7F, "my"),
                     (0x1780, 0x17FF, "km"), (0x19E0, 0x19FF, "km")]
_UNSPACED = re.compile("[" + "".join(f"\\u{lo:04X}-\\u{hi:04X}" for lo, hi, _ in _UNSPACED_SCRIPTS) + "]+")
_WORD = re.compile(r"[\w\u0300-\u036F" + _UNSPACED.pattern[1:-2] + "]+")


def _locale_of(run: str) -> str:
    first = ord(run[0])
    return next(code for lo, hi, code in _UNSPACED_SCRIPTS if lo <= first <= hi)


def _segment(run: str) -> list[str]:
    from icu4py.breakers import WordBreaker
    from icu4py.locale import Locale

    return [w for w in WordBreaker(run, Locale(_locale_of(run))) if w.strip()]


def tokens(text: str) -> tuple[list[str], list[str]]:
    """Lower-case words of a text, and the extra terms that make region scripts findable mid-sentence:
    the ICU-segmented words of Thai, Lao, Khmer and Burmese runs joined with their neighbours (so a query
    segmented a little differently by the browser still meets the index)."""
    words: list[str] = []
    extra: list[str] = []
    for match in _WORD.finditer(text.lower()):
        word = match.group()
        if _UNSPACED.search(word):
            for run in re.split(f"({_UNSPACED.pattern})", word):
                if not run:
                    continue
                if _UNSPACED.fullmatch(run):
                    segments = _segment(run)
                    words.extend(segments)
                    extra.extend(a + b for a, b in zip(segments, segments[1:]))
                else:
                    words.append(run)
        else:
            words.append(word)
    return words, extra


def phrases(words: list[str]) -> list[str]:
    """Adjacent pairs of words that are not stop words, joined: "forced criminality" -> "forcedcriminality".
    lunr has no phrase search; these terms let a phrase outrank pages that merely hold both words apart."""
    kept = [w for w in words if stop_word_filter(w)]
    return [a + b for a, b in zip(kept, kept[1:])]


def _terms(words: list[str]) -> list[str]:
    """What lunr's indexing pipeline would make of the words (stop words out, stems in), done here with a cache:
    lunr.py's per-token pipeline was the largest single cost of a build."""
    return [stem(w) for w in words if stop_word_filter(w)]


def _fields(doc: SearchDoc) -> dict[str, list[str]]:
    title, title_extra = tokens(doc.title)
    text, text_extra = tokens(doc.text)
    # only the words that change when folded, so "bo luat" finds "bộ luật" without doubling the index
    folded = {fold(w) for w in set(title + text)} - set(title + text)
    # phrases from headings and labels only (th, dt, strong): the page's key terms, at a fraction of the size
    labels = [p for part in doc.labels.split(" | ") for p in phrases(tokens(part)[0])]
    return {"title": _terms(title), "text": _terms(text),
            "extra": _terms(sorted(folded) + title_extra + text_extra + labels + _name_words(doc.also)),
            "names": _terms(_name_words(doc.names))}


def _name_words(names: str) -> list[str]:
    """Index words of names: each name's words, joined pairs (region scripts' and phrases) and folded forms."""
    out: list[str] = []
    for name in names.split(" | "):
        words, extra = tokens(name)
        out += words + extra + phrases(words) + sorted({fold(w) for w in words} - set(words))
    return out


_NUMBERED = re.compile(r"^((?:[A-Z][a-z]+ )+)No\. ?(\S+)$")


def law_names(law: Law) -> list[str]:
    """What practitioners call a law besides its title: its local title and number, the number as cited
    ("Republic Act No. 9208" -> "RA 9208"), and the record's id, which editors write as the usual short name
    ("atip-act-2003", "macma-2000")."""
    names = [n for n in (law.local_title, law.number) if n]
    numbered = _NUMBERED.match(law.number or "")
    if numbered and len(numbered.group(1).split()) >= 2:
        names.append("".join(w[0] for w in numbered.group(1).split()) + " " + numbered.group(2))
    return names + [law.id.replace("-", " ")]


ALSO = "also:"  # a `page_names` key prefix: names a section answers to, at the weight of its text, not boosted


def _table_names(table: Table, states: set[str]) -> list[str]:
    """A comparison's topics: its title and what it compares (the columns, or the rows where states are the
    columns), each by its heading and by the field it shows ("repatriation_authority" for "Authority arranging
    returns"), since readers search with either."""
    entries = table.columns if table.row_header == "State" else table.rows
    names = [table.title]
    for entry in entries:
        key = getattr(entry, "key", None) or getattr(entry, "code", "")
        if key.upper() not in states:
            names += [getattr(entry, "title", None) or getattr(entry, "name", ""), re.sub(r"[-_:]", " ", key)]
    return names


def page_names(ds: Dataset, src_uri: str, today: dt.date) -> dict[str, list[str]]:
    """The names a generated page answers to, by section anchor ("" for its first section), for `page_sections`:
    a profile its state's name and aliases, its legislation section its laws' short names; a treaty page the
    treaty's names (a bilateral one's only at the weight of its text, as they name its parties, whose profiles
    should come first); a comparison its topics; a request builder what readers call it."""
    parts = src_uri.split("/")
    if parts[0] == "countries" and len(parts) == 3 and parts[1].upper() in ds.countries:
        country = ds.countries[parts[1].upper()]
        return {"": [country.name, *country.aliases],
                "legislation": [n for law in country.legislation.laws for n in law_names(law)]}
    if parts[0] == "treaties" and len(parts) == 3 and parts[1] in ds.treaties:
        treaty = ds.treaties[parts[1]]
        return {ALSO if treaty.kind == "bilateral" else "": [treaty.short_name, *treaty.aliases]}
    from . import compare  # here, not above: the terminal search needs none of the views

    builders = dict(compare.TABLES)
    if parts[0] == "compare" and len(parts) == 2 and parts[1].removesuffix(".md") in builders:
        return {"": _table_names(builders[parts[1].removesuffix(".md")](ds, today), set(ds.countries))}
    if parts[0] == "cooperate" and parts[-1].startswith("request-"):
        return {"": ["request builder", "letter of request"]}
    return {}


Prepared = list[tuple[SearchDoc, dict[str, list[str]]]]


def prepare(html: str, url: str, title: str, title_only: bool = False,
            names: dict[str, list[str]] | None = None) -> Prepared:
    """One page's search documents with their index terms: the costly part, done page by page."""
    docs = page_sections(html, url, title, names)
    return [(doc, _fields(doc)) for doc in (docs[:1] if title_only else docs)]


def _builder() -> Builder:
    """A lunr builder for our fields. Text is tokenized, stop-word filtered and stemmed beforehand (ICU
    segmentation, diacritic folding, lunr.js's stem rules), so its indexing pipeline stays empty and only the
    search pipeline (the stemmer) is stored with the index for queries."""
    builder = Builder()
    builder.search_pipeline.add(stemmer)
    builder.ref("id")
    builder.field("title", 5)
    builder.field("text")
    builder.field("extra")
    builder.field("names", NAMES_BOOST)
    return builder


def _payload(index: dict, docs: list[SearchDoc], shard: int) -> str:
    """One shard's index (packed: see index_format) and result listing as one JSON text. Documents alternate
    between shards by position, so each holds a like sample of the site."""
    refs = list(range(shard, len(docs), SHARDS))
    listing = [{"url": docs[r].id, "title": docs[r].title, "text": docs[r].text[:100]} for r in refs]
    return json.dumps({"index": index_format.pack(index, refs), "docs": listing}, ensure_ascii=False,
                      separators=(",", ":"))


def _write(site_dir: Path, shards: list[str]) -> Path:
    """Write each shard's JSON text as PARTS scripts holding slices as strings: strings are cheap for the page to
    parse, the parts load side by side, and each shard is joined, parsed and loaded by its own worker, off the
    page's main thread and on both cores."""
    out = site_dir / INDEX_DIR
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("search-index-*.js"):
        old.unlink()
    for shard, data in enumerate(shards):
        size = -(-len(data) // PARTS)
        for part in range(PARTS):
            chunk = data[part * size : (part + 1) * size]
            (out / INDEX_SCRIPT.format(shard, part)).write_text(
                f'(window.compendiumSearchParts = window.compendiumSearchParts || {{}})["{shard}-{part}"] = '
                + json.dumps(chunk, ensure_ascii=False) + ";\n", encoding="utf-8")
    lunr_source = LUNR_JS.read_text(encoding="utf-8")
    (out / LUNR_SCRIPT).write_text("window.compendiumLunrSource = " + json.dumps(lunr_source) + ";\n", encoding="utf-8")
    return out


# State of the indexing process (one per build): one builder fills page by page, in the order pages are sent.
_worker: dict[str, Any] = {}


def _worker_add(html: str, url: str, title: str, title_only: bool, names: dict[str, list[str]] | None) -> None:
    if "builder" not in _worker:
        _worker.update(builder=_builder(), docs=[])
    builder, docs = _worker["builder"], _worker["docs"]
    for doc, fields in prepare(html, url, title, title_only, names):
        # refs are positions, not URLs: the inverted index repeats every ref once per term
        builder.add({"id": str(len(docs)), **fields})
        docs.append(doc)


def _worker_finish() -> list[str]:
    builder = _worker.pop("builder", None) or _builder()
    docs = _worker.pop("docs", None) or []
    index = builder.build().serialize()  # one index over everything, cut into shards when packed
    return [_payload(index, docs, shard) for shard in range(SHARDS)]


_NEXT_SECTION = re.compile(r"<h2[\s>]")  # where a page's first section (its h1 and what follows) ends


class Indexer:
    """Builds the search index in a second process while MkDocs renders pages, so on a two-core machine the
    index costs the build little more than its final serialization. One worker keeps the pages in order."""

    def __init__(self) -> None:
        self._pool = ProcessPoolExecutor(max_workers=1, mp_context=workers.context())
        self._pending: list[Future[None]] = []

    def add(self, html: str, url: str, title: str, title_only: bool = False,
            names: dict[str, list[str]] | None = None) -> None:
        """Index one page; `names` as from `page_names`."""
        if title_only:  # only the first section is indexed: send only it (pair pages are most pages and large)
            cut = _NEXT_SECTION.search(html)
            if cut is not None and "<h1" in html[:cut.start()]:
                html = html[:cut.start()]
        self._pending.append(self._pool.submit(_worker_add, html, url, title, title_only, names))

    def write(self, site_dir: Path) -> Path:
        """Wait for the worker, then write the index scripts; return the folder they are in."""
        try:
            for future in self._pending:
                future.result()  # surfaces any error from the worker
            shards = self._pool.submit(_worker_finish).result()
        finally:
            self._pool.shutdown()
        return _write(site_dir, shards)

    def cancel(self) -> None:
        self._pool.shutdown(cancel_futures=True)


def index_files(site_dir: Path) -> list[Path]:
    return [site_dir / INDEX_DIR / INDEX_SCRIPT.format(s, p) for s in range(SHARDS) for p in range(PARTS)]


def load_shard(site_dir: Path, shard: int) -> dict:
    """One shard a build wrote, as the browser's worker receives it: its parts joined and parsed
    ({"index": packed, "docs": [...]})."""
    parts = []
    for part in range(PARTS):
        text = (site_dir / INDEX_DIR / INDEX_SCRIPT.format(shard, part)).read_text(encoding="utf-8")
        parts.append(json.loads(text[text.index("] = ") + 4 :].strip().rstrip(";")))
    return json.loads("".join(parts))


def load_index(site_dir: Path) -> list[tuple[lunr.index.Index, list[dict]]]:
    """Load every shard a build wrote, exactly as the browser's workers do: join the parts, parse, load."""
    shards = []
    for shard in range(SHARDS):
        payload = load_shard(site_dir, shard)
        shards.append((lunr.index.Index.load(index_format.unpack(payload["index"])), payload["docs"]))
    return shards


def _run(index: lunr.index.Index, query: str) -> list[dict]:
    # First every word must be present (whole, through the stemmer): "forced criminality" then ranks pages
    # with both words above pages with one, and "bo luat" is found through the folded words. If that finds
    # nothing (a word half typed, a typo), each word counts whole, as a prefix, or, from FUZZY_MIN letters, with
    # one letter wrong, missing, extra or two swapped, and more matching words rank higher: a typo is tried only
    # when the words as typed find nothing, so it never outranks them. Stop words are never required: the index
    # leaves them out. search-engine.js mirrors this exactly.
    words, extra = tokens(query)
    if not words:
        return []
    strict = index.create_query()
    for word in dict.fromkeys(words):
        if stop_word_filter(word):
            strict.term(word, presence=QueryPresence.REQUIRED, boost=10)
    for term in extra:
        strict.term(term, boost=5)
    for term in phrases(words):
        strict.term(term, boost=PHRASE_BOOST)
    hits = index.query(strict) if strict.clauses else []
    if hits:
        return hits
    loose = index.create_query()
    for term in phrases(words):
        loose.term(term, boost=PHRASE_BOOST)
    for term in dict.fromkeys(words + extra):
        loose.term(term, boost=10, use_pipeline=True)
        if len(term) >= 3:
            loose.term(term, boost=1, use_pipeline=False, wildcard=Query.WILDCARD_TRAILING)
        if len(term) >= FUZZY_MIN:
            # A word the index does not hold is a typo: its corrections weigh what the word would have weighed
            # ("Malaysai central authority" is about Malaysia); a word it holds keeps its neighbours faint.
            typo = not any(t in index.inverted_index for t in index.pipeline.run_string(term))
            loose.term(term, boost=10 if typo else 1, use_pipeline=True, edit_distance=1)
    return index.query(loose)


def search(site_dir: Path, query: str, limit: int = 10) -> list[tuple[str, str, float]]:
    """(url, title, score) best first, from the same index and with the same rules as the browser: each shard
    answers, and the answers are merged by score (shard 0's first where scores tie, as search.js does)."""
    hits = []
    for index, docs in load_index(site_dir):
        hits += [(printable(docs[int(h["ref"])]["url"]), printable(docs[int(h["ref"])]["title"]), h["score"])
                 for h in _run(index, query)]
    return sorted(hits, key=lambda hit: -hit[2])[:limit]
