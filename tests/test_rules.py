"""Each rule: start from valid data, break the one thing the rule guards, assert its exact message."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from compendium.dataset import load
from compendium.problems import DataError
from compendium.rules import RULES
from conftest import edit as _edit


def _problems(data: Path, today: dt.date | None = None) -> list[str]:
    with pytest.raises(DataError) as info:
        load(data, today=today)
    return [str(p) for p in info.value.problems]


def test_every_rule_has_a_docstring() -> None:
    assert RULES and all(rule.__doc__ for rule in RULES)


def test_file_name_matches_id(data_copy: Path) -> None:
    (data_copy / "countries/kh.yml").rename(data_copy / "countries/la.yml")
    assert _problems(data_copy) == [
        "data/countries/la.yml:2:5: error: id: expected the file to be named kh.yml, got la.yml [file-name-matches-id]\n"
        "  hint: rename the file to kh.yml or correct the id"
    ]


def test_sourced_section_needs_sources(data_copy: Path) -> None:
    _edit(data_copy / "countries/th.yml", "  sources:\n    - {title: Fixture source five, kind: official_legislation, "
          "accessed: 2026-01-15, pinpoint: section 9}\n", "")
    problems = _problems(data_copy)
    assert problems[0].startswith("data/countries/th.yml:81:3: error: mutual_legal_assistance.sources: expected at least one "
                                  "source for a section with status needs_review [section-is-sourced]")
    # and the coded answer that named source 1 now points at nothing
    assert "there is no source 1: this section lists 0 [coded-answer-sourced]" in problems[1]


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
        "data/countries/th.yml:83:8: error: mutual_legal_assistance.law: expected the id of a law under legislation.laws, got "
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
        "data/treaties/untoc.yml:9:111: error: parties[0].in_force: expected a date on or after consent (2013-10-17), got "
        "2013-01-16 [treaty-dates-in-order]"
    ]


def test_supplements_exists(data_copy: Path) -> None:
    _edit(data_copy / "treaties/untoc.yml", "kind: multilateral", "kind: multilateral\nsupplements: palermo")
    (problem,) = _problems(data_copy)
    assert "supplements: expected the id of a treaty under data/treaties, got 'palermo' [treaty-references-exist]" in problem


def test_consent_belongs_to_a_party(data_copy: Path) -> None:
    _edit(data_copy / "treaties/untoc.yml", "{state: TH, status: party,", "{state: TH, status: signatory,")
    (problem,) = _problems(data_copy)
    assert problem.startswith("data/treaties/untoc.yml:9:25: error: parties[0].status: consent and its dates are given, but "
                              "the status is 'signatory' [participation-consistent]")


def test_party_without_a_date_is_valid(data_copy: Path) -> None:
    _edit(data_copy / "treaties/untoc.yml", "{state: KH, status: unknown}", "{state: KH, status: party}")
    assert load(data_copy).participation("untoc", "KH").bound


def test_declaration_needs_its_source(data_copy: Path) -> None:
    _edit(data_copy / "treaties/untoc.yml", "{state: KH, status: unknown}",
          "{state: KH, status: party, declarations: [{article: '16(5)', kind: declaration, topic: extradition_basis, "
          "effect: Uses the Convention as a basis for extradition.}]}")
    (problem,) = _problems(data_copy)
    assert "parties[1].declarations[0].sources: a declaration names the source that gives it [participation-consistent]" in problem


def test_unsourced_yes_fails_and_says_which_source_to_add(data_copy: Path) -> None:
    _edit(data_copy / "countries/th.yml", "consent_irrelevant: {answer: yes, sources: [1]}", "consent_irrelevant: yes")
    (problem,) = _problems(data_copy)
    assert problem == (
        "data/countries/th.yml:59:23: error: trafficking_definition.consent_irrelevant.answer: the answer 'yes' names no "
        "source [coded-answer-sourced]\n  hint: add `sources: [N]` naming the source that says so; pinpointed sources here: "
        "1 ('Fixture source four', section 6), or code the answer `unknown` with a note of what was searched")


def test_answer_source_needs_a_pinpoint(data_copy: Path) -> None:
    _edit(data_copy / "countries/th.yml", "accessed: 2026-01-15, pinpoint: section 9}", "accessed: 2026-01-15}")
    (problem,) = _problems(data_copy)
    assert "mutual_legal_assistance.dual_criminality.sources[0]: source 1 ('Fixture source five') has no pinpoint" in problem


def test_unknown_needs_no_source(data_copy: Path) -> None:
    _edit(data_copy / "countries/th.yml", "consent_irrelevant: {answer: yes, sources: [1]}", "consent_irrelevant: unknown")
    assert load(data_copy).country("TH").trafficking_definition.consent_irrelevant.answer == "unknown"


def test_element_no_needs_every_offence_article_read(data_copy: Path) -> None:
    _edit(data_copy / "countries/th.yml", "      deception: {answer: yes,", "      fraud: {answer: no, sources: [1]}\n      deception: {answer: yes,")
    (problem,) = _problems(data_copy)
    assert problem.startswith("data/countries/th.yml:")
    assert ("trafficking_definition.elements.means.fraud.answer: an element can be 'no' only when every offence article has "
            "been read [no-only-after-full-reading]") in problem
    _edit(data_copy / "countries/th.yml", "  child_age: 18", "  child_age: 18\n  read_in_full: true\n"
          "  articles_read: [{law: trafficking-act-2008, article: sections 4-6}]")
    assert load(data_copy).country("TH").trafficking_definition.elements.means["fraud"].answer == "no"


def test_real_data_passes_every_rule() -> None:
    """The published data itself: one bad record never hides another, so this lists every problem at once."""
    root = Path(__file__).resolve().parent.parent
    ds = load(root / "data")
    assert len([c for c in ds.countries.values() if c.region == "asean"]) >= 3
