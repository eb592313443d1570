"""Render the Dataset's views through Jinja templates into Markdown pages (no MkDocs needed)."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from . import compare, coverage, exports, letters, pathfinder, views, workers
from .dataset import Dataset
from .models import is_unknown
from .vocabulary import LABELS, PROFILE_SECTIONS, label

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")  # `>` needs none: escaping HTML makes it &gt;


@dataclass(frozen=True)
class Page:
    """A generated page: where it goes (`countries/th/index.md`) and its Markdown."""

    src_uri: str
    markdown: str


# A pinpoint's subdivisions stay on one line: browsers may break between ")" and "(", which split "s. 4(k)(4)" in a
# narrow table cell. A word joiner (invisible, not a space) between them forbids that break.
_PINPOINT_JOINT = re.compile(r"(?<=\w\))(?=\()")


def _joined(text: str) -> str:
    """The text with its pinpoints joined; an address is left exactly as it is."""
    if text.startswith(("http://", "https://", "mailto:", "tel:")):
        return text
    return _PINPOINT_JOINT.sub("\u2060", text)


def _finalize(value: object) -> object:
    """Every plain text a template writes (Jinja's `finalize`) is joined; values already marked safe (escaped by
    `md_text` or built by a filter) are not text to touch."""
    return _joined(value) if type(value) is str else value


def md_text(value: object) -> Markup:
    """Escape a data value for a Markdown context: Markdown's own punctuation first, then HTML. In the other order
    the `#` of `&#39;` was escaped too, and page titles (the tab, search results) showed `Thai&#39;s`."""
    return Markup(escape(_MD_SPECIAL.sub(r"\\\1", _joined(str(value)))))


def html_target(src_uri: str) -> str:
    """`countries/th/index.md` is served as `countries/th/index.html` (no directory URLs: file:// must work)."""
    return src_uri[:-3] + ".html" if src_uri.endswith(".md") else src_uri


@jinja2.pass_context
def _url(context: jinja2.runtime.Context, target: str) -> str:
    """Relative link from the page being rendered to another page's source path (e.g. `treaties/untoc/index.md`)
    or to a generated file (`data/download/compendium.json`)."""
    here = posixpath.dirname(html_target(context["page_uri"]))
    path, _, anchor = target.partition("#")
    rel = posixpath.relpath(html_target(path), here or ".")
    return rel + (f"#{anchor}" if anchor else "")


# Where each kind of page lives, in one place; templates ask by what they link to, not by path.
@jinja2.pass_context
def _profile_url(context: jinja2.runtime.Context, code: str, anchor: str = "") -> str:
    return _url(context, f"countries/{code.lower()}/index.md" + (f"#{anchor}" if anchor else ""))


@jinja2.pass_context
def _treaty_url(context: jinja2.runtime.Context, treaty_id: str) -> str:
    return _url(context, f"treaties/{treaty_id}/index.md")


def request_uri(requested: str) -> str:
    """The request builder of one requested state: one page per state, whoever asks (the page takes `?from=`)."""
    return f"cooperate/request-{requested.lower()}.md"


@jinja2.pass_context
def _request_url(context: jinja2.runtime.Context, requested: str, requesting: str = "", measure: str = "") -> str:
    return (_url(context, request_uri(requested)) + (f"?from={requesting.lower()}" if requesting else "")
            + (f"#{measure}" if measure else ""))


@jinja2.pass_context
def _pair_url(context: jinja2.runtime.Context, requesting: str, requested: str) -> str:
    return _url(context, f"cooperate/{requesting.lower()}-{requested.lower()}/index.md")


def _groupby_order(items: list, attribute: str) -> list[tuple[object, list]]:
    """Group items by an attribute, keeping the order of first appearance (members before partners)."""
    groups: dict[object, list] = {}
    for item in items:
        groups.setdefault(getattr(item, attribute), []).append(item)
    return list(groups.items())


def _tel(phone: str) -> str:
    return "tel:" + re.sub(r"[^0-9+]", "", phone)


def css_string(value: object) -> Markup:
    """A value as a quoted CSS string for a printed page's margin boxes: every character beyond letters, digits,
    spaces and plain punctuation is a CSS escape, so a record's text cannot end the string or the style sheet."""
    safe = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:;()-/_·—→")
    return Markup('"' + "".join(ch if ch in safe else f"\\{ord(ch):06x}" for ch in str(value)) + '"')


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("compendium", "templates"),
        autoescape=True,  # data arrives through pull requests: every value is escaped unless marked otherwise
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
    )
    env.filters.update(label=label, md=md_text, url=_url, tel=_tel, profile_url=_profile_url, treaty_url=_treaty_url,
                       pair_url=_pair_url, request_url=_request_url, participation=views.participation_text,
                       groupby_order=_groupby_order, css_string=css_string,
                       html_path=html_target)
    env.tests["unknown"] = is_unknown
    env.globals.update(LABELS=LABELS, SECTIONS=PROFILE_SECTIONS)
    return env


@dataclass(frozen=True)
class _Job:
    """A page to render: where it goes, its template, how to compute its view (lazily, where it renders), and the
    records it is made from (None: all of them). A page whose records are the same objects as at the last render,
    with the same states' names and the same day and version, renders the same (see `Incremental`)."""

    uri: str
    template: str
    context: Callable[[], dict[str, object]]
    inputs: Callable[[], tuple] | None = None


def _jobs(ds: Dataset, today: dt.date, rel: exports.Release) -> list[_Job]:
    tables = [build(ds, today) for _, build in compare.TABLES]
    downloads = [(f"{exports.DATA_DIR}/compendium.json", "compendium.json", "Every country and treaty record (JSON).")]
    downloads += [(f"{exports.DATA_DIR}/{t.slug}.csv", f"{t.slug}.csv", f"{t.title} (CSV).") for t in tables]
    downloads += [(f"{exports.DATA_DIR}/{n}.schema.json", f"{n}.schema.json", f"JSON Schema of a {n} record.")
                  for n in ("country", "treaty")]
    downloads += [(f"{exports.DATA_DIR}/datapackage.json", "datapackage.json", "Frictionless data-package descriptor.")]
    jobs = [
        _Job("index.md", "home.md.j2", lambda: {"data_as_of": views.data_as_of(ds), "countries": views.countries_index(ds, today),
                                                "treaties": views.treaties_index(ds)}),
        _Job("countries/index.md", "countries.md.j2", lambda: {"rows": views.countries_index(ds, today)}),
        _Job("terms.md", "terms.md.j2", lambda: {"concepts": views.legal_terms(ds)}),
        _Job("start.md", "start.md.j2", lambda: {"states": [(c.id, c.name, c.region) for c in ds.countries.values()]}),
    ]
    treaties = tuple(ds.treaties.values())
    jobs += [_Job(f"countries/{code.lower()}/index.md", "profile.md.j2", lambda code=code: {"p": views.profile(ds, code, today)},
                  lambda code=code: (ds.countries[code], *treaties))
             for code in ds.countries]
    jobs.append(_Job("treaties/index.md", "treaties.md.j2", lambda: {"groups": views.treaties_index(ds)}))
    jobs += [_Job(f"treaties/{tid}/index.md", "treaty.md.j2", lambda tid=tid: {"t": views.treaty_page(ds, tid, today)},
                  lambda: treaties)
             for tid in ds.treaties]
    jobs.append(_Job("compare/index.md", "compare_index.md.j2", lambda: {"tables": tables}))
    jobs += [_Job(f"compare/{t.slug}.md", "compare_table.md.j2", lambda t=t: {"t": t}) for t in tables]
    jobs.append(_Job("compare/central-authorities.md", "directory.md.j2", lambda: {"entries": compare.directory(ds, today)}))
    jobs.append(_Job("cooperate/index.md", "cooperate_index.md.j2",
                     lambda: {"states": [(c.id, c.name, c.region) for c in ds.countries.values()]}))
    jobs += [_Job(f"cooperate/{a.lower()}-{b.lower()}/index.md", "pair.md.j2",
                  lambda a=a, b=b: {"w": pathfinder.pathway(ds, a, b, today), "route_order": pathfinder.ROUTE_ORDER,
                                    "measures": letters.MEASURES},
                  lambda a=a, b=b: (ds.countries[a], ds.countries[b], *treaties)) for a, b in pathfinder.pairs(ds)]
    requesting: dict[str, list[str]] = {}
    for a, b in pathfinder.pairs(ds):
        requesting.setdefault(b, []).append(a)
    jobs += [_Job(request_uri(b), "request.md.j2", lambda b=b, a=a: {"r": letters.request_page(ds, b, a)},
                  lambda b=b: (ds.countries[b], *treaties))  # a requesting state counts by its name and its treaties
             for b, a in requesting.items()]
    jobs.append(_Job("data/coverage/index.md", "coverage.md.j2",
                     lambda: {"rows": coverage.coverage(ds, today), "treaties": coverage.treaty_coverage(ds),
                              "core": coverage.backbone(ds), "sections": PROFILE_SECTIONS}))
    jobs.append(_Job("data/index.md", "data_index.md.j2", lambda: {"files": downloads}))
    return jobs


PARALLEL_FROM = 300  # pages; below this, starting worker processes costs more than it saves
_state: dict[str, object] = {}  # per process: the jobs, the day, the Jinja environment


def _setup(ds: Dataset, today: dt.date, rel: exports.Release) -> None:
    """Plan the jobs in this process. Workers get the data as arguments and plan their own jobs (views are
    closures, which cannot be pickled), so nothing depends on inheriting the parent's memory through `fork`."""
    _state.update(jobs=_jobs(ds, today, rel), today=today, rel=rel, dataset=ds)


def _render(index: int) -> Page:
    env = _state.get("env") or _state.setdefault("env", environment())
    job: _Job = _state["jobs"][index]  # type: ignore[index]
    text = env.get_template(job.template).render(page_uri=job.uri, today=_state["today"], rel=_state["rel"],
                                                    **job.context())  # type: ignore[union-attr]
    return Page(job.uri, text)


def pages(ds: Dataset, today: dt.date | None = None, rel: exports.Release | None = None, *,
          parallel_from: int = PARALLEL_FROM, start_method: str | None = None) -> list[Page]:
    """Every generated page of the site, in a stable order; on both cores when there are many.

    `start_method` chooses how workers start (see `workers.context`); `parallel_from` is the page count from which
    they are used."""
    today = today or views.build_date(ds)
    rel = rel or exports.Release("unversioned", today)
    _setup(ds, today, rel)
    count = len(_state["jobs"])  # type: ignore[arg-type]
    try:
        if count < parallel_from or (os.cpu_count() or 1) < 2:
            return [_render(i) for i in range(count)]
        with ProcessPoolExecutor(max_workers=2, mp_context=workers.context(start_method),
                                 initializer=_setup, initargs=(ds, today, rel)) as pool:
            return list(pool.map(_render, range(count), chunksize=16))
    finally:
        _state.pop("jobs", None)


BACKGROUND_CHUNK = 8  # pages per task: small enough that MkDocs rarely waits for the first, large enough to be cheap


def _render_chunk(start: int, stop: int) -> list[str]:
    return [_render(index).markdown for index in range(start, stop)]


def _exports() -> dict[str, str]:
    return exports.files(_state["dataset"], _state["today"], _state["rel"])  # type: ignore[arg-type]


_prestarted: dict[str, tuple] = {}  # a Background started by `compendium build` for the plugin to take


class Background:
    """Every page rendered in one worker process while MkDocs builds (`compendium build`): MkDocs asks for a page's
    Markdown only when it reaches it, and the worker, on the other core, renders in the same order and is usually
    ahead. Rendering then costs the build the wait for the first pages, not the time to render them all. The open
    data exports come last: MkDocs copies them only after every page is converted (they took 0.2 s of the build's
    start at 11 states)."""

    def __init__(self, ds: Dataset, today: dt.date, rel: exports.Release, start_method: str | None = None) -> None:
        _setup(ds, today, rel)
        self.uris: list[str] = [job.uri for job in _state.pop("jobs")]  # type: ignore[union-attr]
        self._pool = ProcessPoolExecutor(max_workers=1, mp_context=workers.context(start_method),
                                         initializer=_setup, initargs=(ds, today, rel))
        self._chunks = [self._pool.submit(_render_chunk, start, min(start + BACKGROUND_CHUNK, len(self.uris)))
                        for start in range(0, len(self.uris), BACKGROUND_CHUNK)]
        self.export_uris = exports.uris()
        self._exports = self._pool.submit(_exports)

    def markdown(self, index: int) -> str:
        """The page's Markdown, waiting for the worker if it has not reached it yet (its error is raised here)."""
        return self._chunks[index // BACKGROUND_CHUNK].result()[index % BACKGROUND_CHUNK]

    @classmethod
    def prestart(cls, ds: Dataset, today: dt.date, rel: exports.Release) -> None:
        """Start rendering before MkDocs has started (`compendium build`): the worker gets ahead while MkDocs loads
        its configuration and theme, and the plugin takes it over (`take`)."""
        cls.discard()
        _prestarted["background"] = (cls(ds, today, rel), ds, today, rel)

    @classmethod
    def take(cls, ds: Dataset, today: dt.date, rel: exports.Release) -> Background | None:
        """The prestarted worker, if it renders this very data set for this day and version; else None."""
        entry = _prestarted.pop("background", None)
        if entry is None:
            return None
        background, *made_for = entry
        if made_for[0] is ds and made_for[1:] == [today, rel]:
            return background
        background.close()
        return None

    @staticmethod
    def discard() -> None:
        """Stop a prestarted worker nobody took (the build failed before MkDocs reached its files)."""
        entry = _prestarted.pop("background", None)
        if entry is not None:
            entry[0].close()

    def export(self, uri: str) -> str:
        """An export's content (one of `export_uris`), waiting for the worker if need be."""
        return self._exports.result()[uri]

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)


class Incremental:
    """Renders the site again after an edit, redoing only the pages whose records changed (`compendium serve`).

    Records of unchanged files are the same objects from one load to the next (`dataset._READ`), so a page whose
    input records are identical, with the same day, version and states' names, is taken from the last render;
    pages made from everything (comparisons, indexes) are always rendered. In this process, one after another:
    starting worker processes would cost more than the few pages an edit touches."""

    def __init__(self) -> None:
        self._last: dict[str, tuple[tuple, tuple, str]] = {}  # uri -> (common key, input records, Markdown)
        self.rendered = 0  # pages rendered afresh by the last call (the rest were taken from the one before)

    def pages(self, ds: Dataset, today: dt.date, rel: exports.Release) -> list[Page]:
        _setup(ds, today, rel)
        common = (today, rel, tuple((c.id, c.name, c.region) for c in ds.countries.values()))
        out, last = [], {}
        self.rendered = 0
        try:
            for index, job in enumerate(_state["jobs"]):  # type: ignore[arg-type]
                inputs = job.inputs() if job.inputs else None
                hit = self._last.get(job.uri)
                if (inputs is not None and hit is not None and hit[0] == common and len(hit[1]) == len(inputs)
                        and all(a is b for a, b in zip(hit[1], inputs, strict=True))):
                    markdown = hit[2]
                else:
                    markdown = _render(index).markdown
                    self.rendered += 1
                if inputs is not None:
                    last[job.uri] = (common, inputs, markdown)
                out.append(Page(job.uri, markdown))
        finally:
            _state.pop("jobs", None)
        self._last = last
        return out


def write(ds: Dataset, out: Path, today: dt.date | None = None, rel: exports.Release | None = None) -> list[Path]:
    """Write the generated Markdown and data exports under `out/` (the engine-independent path: docs/architecture.md)."""
    today = today or views.build_date(ds)
    rel = rel or exports.Release("unversioned", today)
    generated = {p.src_uri: p.markdown for p in pages(ds, today, rel)} | exports.files(ds, today, rel)
    written = []
    for uri, content in generated.items():
        target = out / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
        written.append(target)
    return written
