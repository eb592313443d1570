"""Each rule: start from valid data, break the one thing the rule guards, assert its exact message."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from compendium.dataset import load
from compendium.problems import DataError
from compendium.rules import RULES


def _problems(data: Path, today: dt.date | None = None) -> list[str]:
    with pytest.raises(DataError) as info:
        load(data, today=today)
    return [str(p) for p in info.value.problems]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_every_rule_has_a_docstring() -> None:
    assert RULES and all(rule.__doc__ for rule in RULES)


def test_file_name_matches_id(data_copy: Path) -> None:
    (data_copy / "countries/kh.yml").rename(data_copy / "countries/la.yml")
    assert _problems(data_copy) == [
        "data/countries/la.yml:2:5: error: id: expected the file to be named kh.yml, got la.yml [file-name-matches-id]\n"
        "  hint: rename the file to kh.yml or correct the id"
    ]


def test_sourced_section_needs_sources(data_copy: Path) -> None:
    _edit(data_copy / "countries/th.yml", "  sources:\n    - {title: Fixture source five, accessed: 2026-01-15}\n", "")
    (problem,) = _problems(data_copy)
    assert problem.startswith("data/countries/th.yml:68:3: error: mutual_legal_assistance.sources: expected at least one source "
                              "for a section with status needs_review [section-is-sourced]")


def test_unknown_section_states_no_facts(data_copy: Path) -> None:
    _edit(data_copy / "countries/kh.yml", "extradition: {status: unknown}", "extradition: {status: unknown, nationals: allowed}")
    (problem,) = _problems(data_copy)
    assert problem.startswith("data/countries/kh.yml:11:43: error: extradition.nationals: a section with status unknown "
                              "must not state facts, got nationals [section-is-sourced]")


def test_sourced_section_needs_last_verified(data_copy: Path) -> None:
    _edit(data_copy / "countries/th.yml", "  status: needs_review\n  last_verified: 2026-01-15\n  law: mla-act-1992",
          "  status: needs_review\n  law: mla-act-1992")
    (problem,) = _problems(data_copy)
    assert "mutual_legal_assistance.last_verified: expected the date the section was last checked" in problem


def test_dates_not_in_future(data_copy: Path) -> None:
    problems = _problems(data_copy, today=dt.date(2026, 1, 1))
    assert "data/countries/th.yml:7:18: error: identity.last_verified: expected a date not after today (2026-01-01), got 2026-01-15 [dates-not-in-future]" in problems
    assert any("identity.sources[0].accessed" in p for p in problems)


def test_law_references_exist(data_copy: Path) -> None:
    _edit(data_copy / "countries/th.yml", "law: mla-act-1992", "law: mla-act-1999")
    assert _problems(data_copy) == [
        "data/countries/th.yml:70:8: error: mutual_legal_assistance.law: expected the id of a law under legislation.laws, got "
        "'mla-act-1999' [law-references-exist]\n  hint: known law ids: mla-act-1992, trafficking-act-2008"
    ]


def test_bilateral_treaty_named_by_its_parties(data_copy: Path) -> None:
    _edit(data_copy / "treaties/mla-kh-th.yml", "state: KH", "state: LA")
    assert _problems(data_copy) == [
        "data/treaties/mla-kh-th.yml:2:5: error: id: expected a bilateral treaty id ending in -la-th, got 'mla-kh-th' "
        "[treaty-parties-consistent]\n  hint: bilateral ids are <kind>-<a>-<b>, ISO codes in alphabetical order"
    ]


def test_state_listed_twice(data_copy: Path) -> None:
    _edit(data_copy / "treaties/untoc.yml", "state: KH", "state: TH")
    assert _problems(data_copy) == [
        "data/treaties/untoc.yml:10:13: error: parties[1].state: state TH is listed twice [treaty-parties-consistent]"
    ]


def test_treaty_dates_in_order(data_copy: Path) -> None:
    _edit(data_copy / "treaties/untoc.yml", "in_force: 2013-11-16", "in_force: 2013-01-16")
    assert _problems(data_copy) == [
        "data/treaties/untoc.yml:9:96: error: parties[0].in_force: expected a date on or after consent (2013-10-17), got "
        "2013-01-16 [treaty-dates-in-order]"
    ]


def test_supplements_exists(data_copy: Path) -> None:
    _edit(data_copy / "treaties/untoc.yml", "kind: multilateral", "kind: multilateral\nsupplements: palermo")
    (problem,) = _problems(data_copy)
    assert "supplements: expected the id of a treaty under data/treaties, got 'palermo' [treaty-references-exist]" in problem


def test_consent_needs_a_date(data_copy: Path) -> None:
    _edit(data_copy / "treaties/untoc.yml", "consent: ratification, consent_date: 2013-10-17, ", "consent: ratification, ")
    (problem,) = _problems(data_copy)
    assert "parties[0]: consent `ratification` needs a consent_date [schema]" in problem


def test_real_data_passes_every_rule() -> None:
    """The published data itself: one bad record never hides another, so this lists every problem at once."""
    root = Path(__file__).resolve().parent.parent
    ds = load(root / "data")
    assert len([c for c in ds.countries.values() if c.region == "asean"]) >= 3
