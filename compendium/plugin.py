"""MkDocs plugin: thin glue that loads the data, adds the generated pages and writes the search index."""

from __future__ import annotations

import datetime as dt
import functools
import html
import os
import posixpath
import shutil
import sys
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from . import bundle, exports, render, search, views
from .dataset import Dataset, load
from .problems import DataError, Problem


DATA_POLL_SECONDS = 0.1
RECORDS_DIR = "data/records"  # where the site ships a copy of each record, for the "source data" links


class _Unchanged(File):
    """A generated file whose content is the same as in the previous build: a dirty rebuild leaves it alone."""

    def is_modified(self) -> bool:
        return False


class _Rendering(File):
    """A generated file a worker process is making (`render.Background`): a page's Markdown or an export, read when
    MkDocs reaches it."""

    _pending: Callable[[], str] | None = None

    def _made(self) -> None:
        if self._pending is not None:
            self._content, self._pending = self._pending(), None

    @property  # type: ignore[override]
    def content_string(self) -> str:
        self._made()
        return File.content_string.fget(self)  # type: ignore[attr-defined]

    @content_string.setter
    def content_string(self, value: str) -> None:
        self._pending = None
        File.content_string.fset(self, value)  # type: ignore[attr-defined]

    @property  # type: ignore[override]
    def content_bytes(self) -> bytes:
        return self.content_string.encode()

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self._pending = None
        File.content_bytes.fset(self, value)  # type: ignore[attr-defined]

    def copy_file(self, dirty: bool = False) -> None:  # an export: MkDocs copies it, reading `_content` directly
        self._made()
        super().copy_file(dirty)


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled theme templates kept between rebuilds: MkDocs makes a new Jinja environment for every build, and
    compiling Material's templates again was a third of a rebuild while serving. Keys include the source's checksum,
    so an edited template is compiled afresh."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class CompendiumConfig(base.Config):
    data_dir = c.Type(str, default="data")  # the data folder, relative to mkdocs.yml (`data` is taken by Config)


class CompendiumPlugin(BasePlugin[CompendiumConfig]):
    def __init__(self) -> None:
        self.dataset: Dataset | None = None
        self.indexer: search.Indexer | None = None
        self.today: dt.date | None = None  # the build date, from the data, set on every build
        # When serving, MkDocs keeps this instance across rebuilds: what the last build generated, the problems
        # the data has now, and whether this build redoes every page (the first one, or errors came or went).
        self.serving = self.dirty = False
        self.problems: list[Problem] = []
        self.generated: dict[str, str] = {}
        self.full = True
        self.bytecode = _MemoryBytecodeCache()
        self.incremental = render.Incremental()  # serving: an edit re-renders only the pages made from what changed
        self.background: render.Background | None = None  # building: the worker rendering the pages

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving, self.dirty = command == "serve", dirty
        self._epoch_set = False  # whether SOURCE_DATE_EPOCH is ours (from the data) rather than the caller's

    def _data_dir(self, config: Any) -> Path:
        return Path(config.config_file_path).parent / self.config.data_dir

    def on_config(self, config: Any) -> Any:
        # Validate before anything is written: a data error aborts the build with every problem listed,
        # and MkDocs leaves site/ untouched because building has not started.
        try:
            self.dataset, problems = load(self._data_dir(config)), []
        except DataError as exc:
            if not self.serving:
                raise PluginError("The data has errors:\n" + exc.report()) from None
            # Serving: a failed build would leave every request waiting for a good one. Keep the last valid data
            # and show the problems on every page until they are fixed.
            problems = exc.problems
            print(exc.report(), file=sys.stderr)  # not a log warning: in strict mode that would abort the build
        self.full = not self.generated or problems != self.problems
        self.problems = problems
        if self.dataset is not None:
            # MkDocs dates the sitemap and its gzip header by SOURCE_DATE_EPOCH, else by the clock: give it the data's
            # date, recomputed on every rebuild while serving, so the whole site is reproducible without settings.
            if self._epoch_set or "SOURCE_DATE_EPOCH" not in os.environ:
                os.environ.pop("SOURCE_DATE_EPOCH", None)
                day = views.build_date(self.dataset, Path(config.config_file_path).parent)
                os.environ["SOURCE_DATE_EPOCH"] = str(int(dt.datetime.combine(day, dt.time(), dt.UTC).timestamp()))
                self._epoch_set = True
        return config

    def on_pre_build(self, config: Any) -> None:
        if self.serving and self.dirty and self.full:  # every page must show (or stop showing) the problems
            for child in Path(config.site_dir).iterdir():
                shutil.rmtree(child) if child.is_dir() else child.unlink()

    def on_files(self, files: Files, config: Any) -> Files:
        if self.dataset is None:  # serving data that has never been valid: only the hand-written pages
            return files
        # A dirty rebuild while serving leaves the index of the first build in place: indexing only the pages that
        # changed would drop the others from search. `compendium build` always indexes everything.
        if self.full or not (self.serving and self.dirty):
            self.indexer = search.Indexer()  # started before pages are built, so it works beside MkDocs
        today = self.today = views.build_date(self.dataset)
        rel = exports.release(Path(config.config_file_path).parent, today)
        generated: dict[str, str | Callable[[], str]]
        if self.serving:
            generated = {p.src_uri: p.markdown for p in self.incremental.pages(self.dataset, today, rel)}
            generated |= exports.files(self.dataset, today, rel)
        else:  # building: pages and exports are made on the other core while MkDocs works through the pages
            background = self.background = (render.Background.take(self.dataset, today, rel)
                                            or render.Background(self.dataset, today, rel))
            generated = {uri: functools.partial(background.markdown, index) for index, uri in enumerate(background.uris)}
            generated |= {uri: functools.partial(background.export, uri) for uri in background.export_uris}
        generated |= self._records(config)
        for uri, content in generated.items():
            if files.get_file_from_path(uri) is not None:
                raise PluginError(f"docs/{uri} clashes with a generated file; remove or rename it")
            if callable(content):
                file = _Rendering.generated(config, uri, content="")
                file._content, file._pending = None, content
                files.append(file)
                continue
            same = self.serving and not self.full and self.generated.get(uri) == content
            files.append((_Unchanged if same else File).generated(config, uri, content=content))
        if self.serving:
            self.generated = generated  # type: ignore[assignment]
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: Any, files: Files) -> str:
        sources = self._data_files(page.file.src_uri)
        if not sources:
            return markdown
        links = []
        for rel in sources:
            shown = html.escape(f"{Path(self.config.data_dir).name}/{rel}")
            # the repository's copy where there is one (to edit it), else the copy shipped with the site
            url = self._edit_url(config, rel) or posixpath.relpath(f"{RECORDS_DIR}/{rel}", posixpath.dirname(page.url) or ".")
            links.append(f'<a href="{html.escape(url)}"><code>{shown}</code></a>')
        if config.repo_url and sources:  # Material's edit button then opens the record, not a missing docs page
            page.edit_url = self._edit_url(config, sources[0])
        note = "Source data" + (" (edit to correct this page)" if config.repo_url else "")
        return (markdown.rstrip("\n") + f'\n\n<p class="cmp-source-data" data-search="skip">{note}: '
                + ", ".join(links) + "</p>\n")

    def _data_files(self, src_uri: str) -> list[str]:
        """The records a generated page is made from: a profile its state's, a treaty page its treaty's, a pair
        page both states', a request builder the requested state's."""
        parts = src_uri.split("/")
        if self.dataset is None:
            return []
        if len(parts) == 2 and parts[0] == "cooperate" and parts[1].startswith("request-"):  # a request builder
            code = parts[1].removeprefix("request-").removesuffix(".md")
            return [f"countries/{code}.yml"] if code.upper() in self.dataset.countries else []
        if len(parts) != 3 or parts[2] != "index.md":
            return []
        kind, key = parts[0], parts[1]
        if kind == "countries" and key.upper() in self.dataset.countries:
            return [f"countries/{key}.yml"]
        if kind == "treaties" and key in self.dataset.treaties:
            return [f"treaties/{key}.yml"]
        if kind == "cooperate" and "-" in key:
            return [f"countries/{code}.yml" for code in key.split("-", 1)]
        return []

    def _records(self, config: Any) -> dict[str, str]:
        """The records themselves, shipped with the site: every generated page links to the file it came from, and
        offline (or without a repository address) that link must still open something."""
        assert self.dataset is not None
        rels = [f"countries/{code.lower()}.yml" for code in self.dataset.countries]
        rels += [f"treaties/{tid}.yml" for tid in self.dataset.treaties]
        return {f"{RECORDS_DIR}/{rel}": (self._data_dir(config) / rel).read_text(encoding="utf-8") for rel in rels}

    def _edit_url(self, config: Any, rel: str) -> str | None:
        """The record's address in the repository (from `repo_url` and `edit_uri`), or None without a repo_url."""
        if not config.repo_url:
            return None
        base = config.repo_url.rstrip("/") + "/" + (config.edit_uri or "").lstrip("/")
        data = (self._data_dir(config) / rel).resolve()
        return urllib.parse.urljoin(base if base.endswith("/") else base + "/",
                                    Path(os.path.relpath(data, Path(config.docs_dir).resolve())).as_posix())

    def on_env(self, env: jinja2.Environment, config: Any, files: Files) -> jinja2.Environment:
        if self.serving:
            env.bytecode_cache = self.bytecode
        return env

    @event_priority(-50)  # after Markdown and other plugins: index what readers will see
    def on_page_content(self, html_: str, page: Page, config: Any, files: Files) -> str:
        if self.indexer is not None:
            names = search.page_names(self.dataset, page.file.src_uri, self.today) if self.dataset and self.today else {}
            self.indexer.add(html_, page.url, page.title or "", self._title_only(page.file.src_uri), names)
        if not self.problems:
            return html_
        items = "".join(f"<li><code>{html.escape(str(p))}</code></li>" for p in self.problems)
        shown = "the last valid data" if self.dataset is not None else "no generated page"
        return (f'<div class="admonition failure" id="data-errors" data-search="skip"><p class="admonition-title">'
                f"The data has {len(self.problems)} error(s): this page shows {shown} until they are fixed</p>"
                f"<ul>{items}</ul></div>\n" + html_)

    def _title_only(self, src_uri: str) -> bool:
        """Pages indexed by their first section only: pair pages repeat the profiles, and a bilateral treaty's
        party table repeats dates; indexing them whole made the index grow with pairs, not with states. The terms
        page gathers what each profile's terms section already holds: indexed whole, it would outrank a law's own
        entry when its title is searched in the state's script."""
        if src_uri == "terms.md":
            return True
        parts = src_uri.split("/")
        if parts[0] == "cooperate":
            return src_uri != "cooperate/index.md"
        if parts[0] == "treaties" and len(parts) == 3 and self.dataset is not None:
            treaty = self.dataset.treaties.get(parts[1])
            return treaty is not None and treaty.kind == "bilateral"
        return False

    @event_priority(-100)  # last: the bundle must hold the page exactly as MkDocs writes it
    def on_post_page(self, output: str, page: Page, config: Any) -> str:
        if bundle.current is not None and output.strip():
            bundle.current.add(page.file.dest_uri, output.encode("utf-8", errors="xmlcharrefreplace"))  # as MkDocs
        return output

    def on_post_build(self, config: Any) -> None:
        if self.background is not None:
            self.background.close()
            self.background = None
        if self.indexer is not None:
            self.indexer.write(Path(config.site_dir))
            self.indexer = None

    def on_build_error(self, error: Exception) -> None:
        if self.background is not None:
            self.background.close()
            self.background = None
        if self.indexer is not None:  # do not leave the worker process behind a failed build
            self.indexer.cancel()
            self.indexer = None

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        # An edit to a YAML record rebuilds and reloads the page, like an edit to docs/. The data folder is small,
        # so it is polled every 0.1 s instead of MkDocs's 0.5 s: up to 0.4 s sooner, for a few stat calls.
        observer = getattr(server, "observer", None)
        default = getattr(observer, "_timeout", None)
        if default is not None:
            observer._timeout = DATA_POLL_SECONDS
        try:
            server.watch(str(self._data_dir(config)))
        finally:
            if default is not None:
                observer._timeout = default
        return server
