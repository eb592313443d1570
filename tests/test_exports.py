"""Open data and the offline bundle: generated from the same records, reproducible, and checkable."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import zipfile
from pathlib import Path

from conftest import ROOT

from compendium import bundle, compare, exports
from compendium.dataset import load

TODAY = dt.date(2026, 6, 1)
REL = exports.Release("abc123", TODAY)


def test_dataset_json_holds_every_record(data_copy: Path) -> None:
    files = exports.files(load(data_copy), TODAY, REL)
    payload = json.loads(files["data/download/compendium.json"])
    assert [c["id"] for c in payload["countries"]] == ["TH", "KH"]
    assert [t["id"] for t in payload["treaties"]] == ["mla-kh-th", "untoc"]  # bilateral first, then by name
    assert payload["version"] == "abc123" and payload["date"] == "2026-06-01"
    assert payload["citation"] == "ASEAN ILC Compendium, data version abc123 (2026-06-01)."


def test_csv_per_comparison_table(data_copy: Path) -> None:
    files = exports.files(load(data_copy), TODAY, REL)
    rows = list(csv.reader(io.StringIO(files["data/download/definitions.csv"])))
    assert rows[0] == ["element", "TH", "KH"]
    assert ["acts:recruitment", "yes", "unknown"] in rows and ["means:abduction", "unknown", "unknown"] in rows
    assert {f"data/download/{slug}.csv" for slug, _ in compare.TABLES} <= set(files)


def test_datapackage_lists_every_file(data_copy: Path) -> None:
    files = exports.files(load(data_copy), TODAY, REL)
    package = json.loads(files["data/download/datapackage.json"])
    listed = {f"data/download/{r['path']}" for r in package["resources"]}
    assert listed == set(files) - {"data/download/datapackage.json"}
    definitions = next(r for r in package["resources"] if r["name"] == "definitions")
    assert [f["name"] for f in definitions["schema"]["fields"]] == ["element", "TH", "KH"]


def test_committed_schemas_match_the_models() -> None:
    for name, schema in exports.schemas().items():
        committed = json.loads((ROOT / f"schemas/{name}.schema.json").read_text())
        assert committed == schema, f"schemas/{name}.schema.json is out of date: run `compendium schema --write`"


def test_bundle_is_reproducible_and_checksummed(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "countries/th").mkdir(parents=True)
    (site / "index.html").write_text("<h1>home</h1>")
    (site / "countries/th/index.html").write_text("<h1>th</h1>")
    first, checksum = bundle.write(site, tmp_path / "a/x.zip", "compendium")
    second, _ = bundle.write(site, tmp_path / "b/x.zip", "compendium")
    assert first.read_bytes() == second.read_bytes()
    digest, name = checksum.read_text().split()
    assert name == "x.zip" and digest == hashlib.sha256(first.read_bytes()).hexdigest()
    assert zipfile.ZipFile(first).namelist() == ["compendium/countries/th/index.html", "compendium/index.html"]


def test_datapackage_passes_frictionless_validation(data_copy: Path, tmp_path: Path) -> None:
    from frictionless import Package

    for uri, content in exports.files(load(data_copy), TODAY, REL).items():
        target = tmp_path / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    package = Package(str(tmp_path / "data/download/datapackage.json"))
    report = package.validate()
    assert report.valid, report.flatten(["type", "message"])
    assert package.licenses[0]["name"] == "CC-BY-4.0"


def test_export_paths_are_known_before_the_exports_are_built() -> None:
    """The build lists the exports before a worker makes them: the list must be exactly what `files` writes."""
    ds = load(ROOT / "data")
    today = dt.date(2026, 11, 30)
    assert list(exports.files(ds, today, exports.Release("unversioned", today))) == exports.uris()
