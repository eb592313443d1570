"""MkDocs plugin: thin glue that loads the data, adds the generated pages and writes the search index."""

from __future__ import annotations

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
        self.search_docs: list[search.SearchDoc] = []

    def _data_dir(self, config: Any) -> Path:
        return Path(config.config_file_path).parent / self.config.data_dir

    def on_config(self, config: Any) -> Any:
        # Validate before anything is written: a data error aborts the build with every problem listed,
        # and MkDocs leaves site/ untouched because building has not started.
        try:
            self.dataset = load(self._data_dir(config))
        except DataError as exc:
            raise PluginError("The data has errors:\n" + exc.report()) from None
        self.search_docs = []
        return config

    def on_files(self, files: Files, config: Any) -> Files:
        assert self.dataset is not None
        today = views.build_date()
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
        docs = search.page_sections(html, page.url, page.title or "")
        if page.file.src_uri.startswith("cooperate/") and page.file.src_uri != "cooperate/index.md":
            docs = docs[:1]  # pair pages repeat the profiles: index their title only, so profiles rank first
        self.search_docs.extend(docs)
        return html

    def on_post_build(self, config: Any) -> None:
        search.write_bundle(Path(config.site_dir), self.search_docs)

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        # An edit to a YAML record rebuilds and reloads the page, like an edit to docs/.
        server.watch(str(self._data_dir(config)))
        return server
