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
    assert (cells[("TH", "untoc")].value, cells[("TH", "untoc")].text) == ("yes", "Party by ratification since 2013-10-17")
    assert cells[("KH", "untoc")].value == "unknown"
    assert cells[("TH", "untoc")].href == "treaties/untoc/index.md#parties"


def test_bilateral_matrix(data_copy: Path) -> None:
    cells = _cells(compare.bilateral(load(data_copy), TODAY))
    assert cells[("TH", "KH")].text == "MLA" and cells[("KH", "TH")].href == "treaties/mla-kh-th/index.md"
    assert cells[("TH", "TH")].value == "self"


def test_definition_rows_never_read_silence_as_no(data_copy: Path) -> None:
    cells = _cells(compare.definitions(load(data_copy), TODAY))
    assert cells[("means:abduction", "TH")].value == "unknown"  # not in the articles read, which were not all
    assert cells[("means:abduction", "KH")].value == "unknown" and cells[("means:abduction", "KH")].unverified
    assert cells[("purposes:forced_criminality", "TH")].value == "yes"
    assert cells[("persons-covered", "TH")].value == "all_persons"
    assert cells[("acts:recruitment", "TH")].href == "countries/th/index.md#trafficking-definition"
    assert cells[("acts:recruitment", "TH")].source.title == "Fixture source four"
    assert cells[("acts:recruitment", "TH")].secondary_only  # its one source is a press item


def test_recorded_no_shows_as_no(data_copy: Path) -> None:
    path = data_copy / "countries/th.yml"
    text = path.read_text().replace("  child_age: 18", "  child_age: 18\n  read_in_full: true\n"
                                    "  articles_read: [{law: trafficking-act-2008, article: sections 4-6}]")
    path.write_text(text.replace("      deception:", "      abduction: {answer: no, sources: [1]}\n      deception:"))
    cells = _cells(compare.definitions(load(data_copy), TODAY))
    assert cells[("means:abduction", "TH")].value == "no" and cells[("means:fraud", "TH")].value == "unknown"


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


def test_coverage_counts_facts_the_schema_asks_for(data_copy: Path) -> None:
    rows = {r.code: r for r in coverage.coverage(load(data_copy), TODAY)}
    assert rows["KH"].sourced_sections == 0 and rows["KH"].filled == 0 and rows["KH"].total > 0
    assert rows["TH"].sourced_sections == 9
    identity = rows["TH"].sections[0]
    # official name, legal system, official languages, request languages filled; local name and ASEAN date not
    assert (identity.section, identity.filled, identity.total, identity.sources) == ("identity", 4, 6, 1)
    mla = next(s for s in rows["TH"].sections if s.section == "mutual_legal_assistance")
    assert (mla.filled, mla.total) == (4, 8)  # a section with one source is not "sourced" in full
    definition = next(s for s in rows["TH"].sections if s.section == "trafficking_definition")
    assert definition.total == 35  # provision, summary, articles read, 25 elements, further lists, child age, 3 answers
    assert rows["TH"].official_share == 5 / 9 and rows["TH"].secondary_only_answers == 3  # 5 of 9 citations official
    core = coverage.backbone(load(data_copy))
    # the sourced member has its central authority's address and phone and its request languages; the other nothing
    assert (core.members, core.contacts, core.languages) == (2, 1, 1)
    text = coverage.as_text(list(rows.values()), coverage.treaty_coverage(load(data_copy)), core)
    assert "Fixtureland North" in text and "instruments: 1/2 cells unknown" in text
    assert "MLA central authority with address and phone, e-mail or web page 1;" in text and "copies on unofficial sites" in text
