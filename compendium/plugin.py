"""MkDocs plugin: thin glue that loads the data, adds the generated pages and writes the search index."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from . import exports, render, search, views
from .dataset import Dataset, load
from .problems import DataError


class CompendiumConfig(base.Config):
    data_dir = c.Type(str, default="data")  # the data folder, relative to mkdocs.yml (`data` is taken by Config)


class CompendiumPlugin(BasePlugin[CompendiumConfig]):
    def __init__(self) -> None:
        self.dataset: Dataset | None = None
        self.indexer: search.Indexer | None = None
        self._epoch_set = False  # whether SOURCE_DATE_EPOCH is ours (from the data) rather than the caller's

    def _data_dir(self, config: Any) -> Path:
        return Path(config.config_file_path).parent / self.config.data_dir

    def on_config(self, config: Any) -> Any:
        # Validate before anything is written: a data error aborts the build with every problem listed,
        # and MkDocs leaves site/ untouched because building has not started.
        try:
            self.dataset = load(self._data_dir(config))
        except DataError as exc:
            raise PluginError("The data has errors:\n" + exc.report()) from None
        # MkDocs dates the sitemap and its gzip header by SOURCE_DATE_EPOCH, else by the clock: give it the data's
        # date, recomputed on every rebuild while serving, so the whole site is reproducible without settings.
        if self._epoch_set or "SOURCE_DATE_EPOCH" not in os.environ:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
            day = views.build_date(self.dataset, Path(config.config_file_path).parent)
            os.environ["SOURCE_DATE_EPOCH"] = str(int(dt.datetime.combine(day, dt.time(), dt.UTC).timestamp()))
            self._epoch_set = True
        return config

    def on_files(self, files: Files, config: Any) -> Files:
        assert self.dataset is not None
        self.indexer = search.Indexer()  # started before pages are built, so it works beside MkDocs
        today = views.build_date(self.dataset)
        rel = exports.release(Path(config.config_file_path).parent, today)
        generated = {p.src_uri: p.markdown for p in render.pages(self.dataset, today, rel)}
        generated |= exports.files(self.dataset, today, rel)
        for uri, content in generated.items():
            if files.get_file_from_path(uri) is not None:
                raise PluginError(f"docs/{uri} clashes with a generated file; remove or rename it")
            files.append(File.generated(config, uri, content=content))
        return files

    @event_priority(-50)  # after Markdown and other plugins: index what readers will see
    def on_page_content(self, html: str, page: Page, config: Any, files: Files) -> str:
        assert self.indexer is not None
        self.indexer.add(html, page.url, page.title or "", title_only=self._title_only(page.file.src_uri))
        return html

    def _title_only(self, src_uri: str) -> bool:
        """Pages indexed by their first section only: pair pages repeat the profiles, and a bilateral treaty's
        party table repeats dates; indexing them whole made the index grow with pairs, not with states."""
        parts = src_uri.split("/")
        if parts[0] == "cooperate":
            return src_uri != "cooperate/index.md"
        if parts[0] == "treaties" and len(parts) == 3 and self.dataset is not None:
            treaty = self.dataset.treaties.get(parts[1])
            return treaty is not None and treaty.kind == "bilateral"
        return False

    def on_post_build(self, config: Any) -> None:
        assert self.indexer is not None
        self.indexer.write(Path(config.site_dir))
        self.indexer = None

    def on_build_error(self, error: Exception) -> None:
        if self.indexer is not None:  # do not leave the worker process behind a failed build
            self.indexer.cancel()
            self.indexer = None

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        # An edit to a YAML record rebuilds and reloads the page, like an edit to docs/.
        server.watch(str(self._data_dir(config)))
        return server
