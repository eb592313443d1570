"""Comparison views: unknown is never 'no', every cell knows where it comes from."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from compendium import compare, coverage
from compendium.dataset import load

TODAY = dt.date(2026, 6, 1)


def _cells(table: compare.Table) -> dict[tuple[str, str], compare.Cell]:
    return {(r.code, col.key): cell for r in table.rows for col, cell in zip(table.columns, r.cells, strict=True)}


def test_treaty_status_dates_and_unknown(data_copy: Path) -> None:
    cells = _cells(compare.treaty_status(load(data_copy), TODAY))
    assert (cells[("TH", "untoc")].value, cells[("TH", "untoc")].text) == ("yes", "Ratification 2013-10-17")
    assert cells[("KH", "untoc")].value == "unknown"
    assert cells[("TH", "untoc")].href == "treaties/untoc/index.md#parties"


def test_bilateral_matrix(data_copy: Path) -> None:
    cells = _cells(compare.bilateral(load(data_copy), TODAY))
    assert cells[("TH", "KH")].text == "MLA" and cells[("KH", "TH")].href == "treaties/mla-kh-th/index.md"
    assert cells[("TH", "TH")].value == "self"


def test_definition_rows_distinguish_no_from_unknown(data_copy: Path) -> None:
    cells = _cells(compare.definitions(load(data_copy), TODAY))
    assert cells[("means:abduction", "TH")].value == "no"
    assert cells[("means:abduction", "KH")].value == "unknown" and cells[("means:abduction", "KH")].unverified
    assert cells[("purposes:forced_criminality", "TH")].value == "yes"
    assert cells[("men-covered", "TH")].value == "yes"
    assert cells[("means:abduction", "TH")].href == "countries/th/index.md#trafficking-definition"
    assert cells[("means:abduction", "TH")].source.title == "Fixture source four"


def test_partial_element_list_can_be_unknown(data_copy: Path) -> None:
    path = data_copy / "countries/th.yml"
    path.write_text(path.read_text().replace("  means: [threat, force, deception]\n", "  means: unknown\n"))
    cells = _cells(compare.definitions(load(data_copy), TODAY))
    assert cells[("means:abduction", "TH")].value == "unknown" and cells[("acts:recruitment", "TH")].value == "yes"


def test_mla_and_extradition_tables(data_copy: Path) -> None:
    ds = load(data_copy)
    mla = _cells(compare.mla(ds, TODAY))
    assert mla[("TH", "dual_criminality")].value == "required" and mla[("TH", "languages")].text == "Thai, English"
    assert mla[("TH", "certification")].value == "unknown"
    assert _cells(compare.extradition(ds, TODAY))[("TH", "nationals")].value == "unknown"


def test_directory_lists_unknown_states_once(data_copy: Path) -> None:
    entries = compare.directory(load(data_copy), TODAY)
    assert [(e.code, e.authority.institution if e.authority else None) for e in entries] == [
        ("TH", "Fixture Office of the Attorney General"), ("KH", None)]


def test_coverage_counts(data_copy: Path) -> None:
    rows = {r.code: r for r in coverage.coverage(load(data_copy), TODAY)}
    assert rows["KH"].sourced_sections == 0 and rows["KH"].filled == 0
    assert rows["TH"].sourced_sections == 5
    identity = rows["TH"].sections[0]
    assert (identity.section, identity.filled, identity.unknown, identity.sources) == ("identity", 4, 1, 1)
    assert "Fixtureland North" in coverage.as_text(list(rows.values()))
