"""Render the Dataset's views through Jinja templates into Markdown pages (no MkDocs needed)."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from . import compare, coverage, exports, pathfinder, views
from .dataset import Dataset
from .vocabulary import LABELS, PROFILE_SECTIONS, label

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~])")


@dataclass(frozen=True)
class Page:
    """A generated page: where it goes (`countries/th/index.md`) and its Markdown."""

    src_uri: str
    markdown: str


def md_text(value: object) -> Markup:
    """Escape a data value for a Markdown context: HTML first, then Markdown's own punctuation."""
    return Markup(_MD_SPECIAL.sub(r"\\\1", str(escape(str(value)))))


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


@jinja2.pass_context
def _pair_url(context: jinja2.runtime.Context, requesting: str, requested: str) -> str:
    return _url(context, f"cooperate/{requesting.lower()}-{requested.lower()}/index.md")


def _tel(phone: str) -> str:
    return "tel:" + re.sub(r"[^0-9+]", "", phone)


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("compendium", "templates"),
        autoescape=True,  # data arrives through pull requests: every value is escaped unless marked otherwise
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(label=label, md=md_text, url=_url, tel=_tel, profile_url=_profile_url, treaty_url=_treaty_url,
                       pair_url=_pair_url)
    env.globals.update(LABELS=LABELS, SECTIONS=PROFILE_SECTIONS)
    return env


def pages(ds: Dataset, today: dt.date | None = None, rel: exports.Release | None = None) -> Iterator[Page]:
    """Every generated page of the site, in a stable order."""
    today = today or views.build_date()
    rel = rel or exports.Release("unversioned", today)
    env = environment()

    def page(uri: str, template: str, **context: object) -> Page:
        text = env.get_template(template).render(page_uri=uri, today=today, **context)
        return Page(uri, text)

    yield page("index.md", "home.md.j2", countries=views.countries_index(ds, today), treaties=views.treaties_index(ds))
    yield page("countries/index.md", "countries.md.j2", rows=views.countries_index(ds, today))
    for code in ds.countries:
        yield page(f"countries/{code.lower()}/index.md", "profile.md.j2", p=views.profile(ds, code, today))
    yield page("treaties/index.md", "treaties.md.j2", groups=views.treaties_index(ds))
    for treaty_id in ds.treaties:
        yield page(f"treaties/{treaty_id}/index.md", "treaty.md.j2", t=views.treaty_page(ds, treaty_id, today))
    tables = [build(ds, today) for _, build in compare.TABLES]
    yield page("compare/index.md", "compare_index.md.j2", tables=tables)
    for table in tables:
        yield page(f"compare/{table.slug}.md", "compare_table.md.j2", t=table)
    yield page("compare/central-authorities.md", "directory.md.j2", entries=compare.directory(ds, today))
    members = [(c.id, c.name) for c in ds.countries.values() if c.region == "asean"]
    yield page("cooperate/index.md", "cooperate_index.md.j2", states=members)
    for a, b in pathfinder.pairs(ds):
        yield page(f"cooperate/{a.lower()}-{b.lower()}/index.md", "pair.md.j2", w=pathfinder.pathway(ds, a, b, today))
    yield page("data/coverage/index.md", "coverage.md.j2", rows=coverage.coverage(ds, today), sections=PROFILE_SECTIONS)
    downloads = [(f"{exports.DATA_DIR}/compendium.json", "compendium.json", "Every country and treaty record (JSON).")]
    downloads += [(f"{exports.DATA_DIR}/{t.slug}.csv", f"{t.slug}.csv", f"{t.title} (CSV).") for t in tables]
    downloads += [(f"{exports.DATA_DIR}/{n}.schema.json", f"{n}.schema.json", f"JSON Schema of a {n} record.")
                  for n in ("country", "treaty")]
    downloads += [(f"{exports.DATA_DIR}/datapackage.json", "datapackage.json", "Frictionless data-package descriptor.")]
    yield page("data/index.md", "data_index.md.j2", rel=rel, files=downloads)


def write(ds: Dataset, out: Path, today: dt.date | None = None, rel: exports.Release | None = None) -> list[Path]:
    """Write the generated Markdown and data exports under `out/` (the engine-independent path of DESIGN.md)."""
    today = today or views.build_date()
    rel = rel or exports.Release("unversioned", today)
    generated = {p.src_uri: p.markdown for p in pages(ds, today, rel)} | exports.files(ds, today, rel)
    written = []
    for uri, content in generated.items():
        target = out / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
        written.append(target)
    return written
