"""Views are pure functions from the Dataset to page rows: tested on the fixture data set."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from compendium import views
from compendium.dataset import load

TODAY = dt.date(2026, 6, 1)


def test_unknown_section_is_not_known_and_never_stale(data_copy: Path) -> None:
    p = views.profile(load(data_copy), "KH", TODAY)
    assert all(not s.known and not s.stale for s in p.sections.values())
    assert p.known_sections == 0 and p.central_authorities == []


def test_section_becomes_stale_after_a_year(data_copy: Path) -> None:
    ds = load(data_copy)
    assert views.profile(ds, "TH", TODAY).stale_sections == 0
    later = views.profile(ds, "TH", dt.date(2027, 1, 16))
    assert later.stale_sections == 5 and later.sections["identity"].stale


def test_definition_elements_yes_no_and_unknown(data_copy: Path) -> None:
    ds = load(data_copy)
    rows = {(r.group, r.element): r.answer for r in views.profile(ds, "TH", TODAY).elements}
    assert rows[("acts", "recruitment")] == "yes"
    assert rows[("means", "abduction")] == "no"  # not named by the provision
    assert rows[("purposes", "forced_criminality")] == "yes"  # coded explicitly, not read from the list
    unknown = {r.answer for r in views.profile(ds, "KH", TODAY).elements}
    assert unknown == {"unknown"}  # silence in an unsourced section is never a "no"


def test_treaty_rows_split_multilateral_and_bilateral(data_copy: Path) -> None:
    multilateral, bilateral = views.treaty_rows(load(data_copy), "TH")
    assert [r.treaty.id for r in multilateral] == ["untoc"] and multilateral[0].bound
    assert [(r.treaty.id, r.partner, r.partner_name) for r in bilateral] == [("mla-kh-th", "KH", "Fixtureland South")]


def test_countries_index_names_the_central_authority(data_copy: Path) -> None:
    rows = {r.code: r for r in views.countries_index(load(data_copy), TODAY)}
    assert rows["TH"].central_authority == "Fixture Office of the Attorney General — International Affairs Department"
    assert rows["KH"].central_authority is None and rows["TH"].known_sections == 5


def test_treaty_page_lists_parties_profiled_first(data_copy: Path) -> None:
    page = views.treaty_page(load(data_copy), "untoc", TODAY)
    assert [r.code for r in page.parties] == ["TH", "KH"] and all(r.profiled for r in page.parties)


def test_partner_without_record_named_from_iso(data_copy: Path) -> None:
    assert load(data_copy).state_name("US") == "United States"
