"""Open data: the whole data set as JSON, a CSV per comparison table, the JSON Schemas, a data-package descriptor."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from . import compare
from .dataset import Dataset
from .models import Country, Treaty

DATA_DIR = "data/download"
LICENSE_NOTE = "Facts are drawn from the cited public sources; the compilation is licensed CC BY 4.0 (LICENSE-DATA.md)."
# The data's licence, in the form Frictionless data packages declare it (the code is MIT, see LICENSE).
DATA_LICENSES = [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                  "title": "Creative Commons Attribution 4.0 International"}]


@dataclass(frozen=True)
class Release:
    """Which data a build speaks for: the version (commit) and the date."""

    version: str
    date: dt.date

    @property
    def citation(self) -> str:
        return f"ASEAN ILC Compendium, data version {self.version} ({self.date.isoformat()})."


def release(repo: Path, today: dt.date) -> Release:
    """The short commit of the data folder's repository, or `unversioned` outside git."""
    try:
        out = subprocess.run(["git", "-C", str(repo), "rev-parse", "--short=10", "HEAD"], capture_output=True, text=True,
                             check=True, timeout=10)
        version = out.stdout.strip() or "unversioned"
    except (OSError, subprocess.SubprocessError):
        version = "unversioned"
    return Release(version, today)


def schemas() -> dict[str, dict]:
    """JSON Schemas generated from the pydantic models: the only schema, in the editors' format."""
    return {"country": Country.model_json_schema(), "treaty": Treaty.model_json_schema()}


def dataset_json(ds: Dataset, rel: Release) -> str:
    payload = {
        "name": "asean-ilc-compendium",
        "version": rel.version,
        "date": rel.date.isoformat(),
        "citation": rel.citation,
        "countries": [c.model_dump(mode="json", exclude_none=True) for c in ds.countries.values()],
        "treaties": [t.model_dump(mode="json", exclude_none=True) for t in ds.treaties.values()],
    }
    return json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def _cell(text: str) -> str:
    # A spreadsheet runs a cell starting with = + - @ as a formula: such text is kept as text with a leading quote.
    return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text


def table_csv(table: compare.Table) -> str:
    """One row per table row; each column gives the coded value and, where they differ, the text shown."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([table.row_header.lower(), *[c.key for c in table.columns]])
    for row in table.rows:
        writer.writerow([_cell(row.code), *[_cell(cell.text) if cell.value not in ("yes", "no", "partly", "unknown") else cell.value
                                            for cell in row.cells]])
    return buffer.getvalue()


def uris() -> list[str]:
    """The paths `files` writes, in its order, known without building anything."""
    return ([f"{DATA_DIR}/compendium.json"] + [f"{DATA_DIR}/{slug}.csv" for slug, _ in compare.TABLES]
            + [f"{DATA_DIR}/{name}.schema.json" for name in ("country", "treaty")] + [f"{DATA_DIR}/datapackage.json"])


def files(ds: Dataset, today: dt.date, rel: Release) -> dict[str, str]:
    """Every export, by its path in the built site."""
    out: dict[str, str] = {f"{DATA_DIR}/compendium.json": dataset_json(ds, rel)}
    # `type` tells Frictionless how to read each file: the CSVs are tables with a schema, the JSON files are not.
    resources = [{"name": "compendium", "type": "json", "path": "compendium.json", "format": "json",
                  "mediatype": "application/json", "description": "Every country and treaty record, as validated."}]
    for _, build in compare.TABLES:
        table = build(ds, today)
        out[f"{DATA_DIR}/{table.slug}.csv"] = table_csv(table)
        resources.append({
            "name": table.slug, "type": "table", "path": f"{table.slug}.csv", "format": "csv", "mediatype": "text/csv",
            "title": table.title, "description": table.intro,
            "schema": {"fields": [{"name": table.row_header.lower(), "type": "string"}]
                       + [{"name": c.key, "title": c.title, "type": "string"} for c in table.columns]},
        })
    for name, schema in schemas().items():
        out[f"{DATA_DIR}/{name}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=1) + "\n"
        resources.append({"name": f"{name}-schema", "type": "json", "path": f"{name}.schema.json", "format": "json",
                          "mediatype": "application/schema+json", "description": f"JSON Schema of a {name} record."})
    package = {
        "profile": "data-package",
        "name": "asean-ilc-compendium",
        "title": "Compendium on international legal cooperation in trafficking-in-persons cases (ASEAN)",
        "version": rel.version,
        "created": f"{rel.date.isoformat()}T00:00:00Z",  # Frictionless requires a datetime; the build speaks for a day
        "description": LICENSE_NOTE,
        "licenses": DATA_LICENSES,
        "citation": rel.citation,
        "resources": resources,
    }
    out[f"{DATA_DIR}/datapackage.json"] = json.dumps(package, ensure_ascii=False, indent=1) + "\n"
    return out
