"""Views are pure functions from the Dataset to page rows: tested on the fixture data set."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from compendium import views
from compendium.dataset import load
from compendium.models import Participation
from conftest import edit as _edit

TODAY = dt.date(2026, 6, 1)


def test_unknown_section_is_not_known_and_never_stale(data_copy: Path) -> None:
    p = views.profile(load(data_copy), "KH", TODAY)
    assert all(not s.known and not s.stale for s in p.sections.values())
    assert p.facts_filled == 0 and p.facts_total > 0 and p.central_authorities == []


def test_section_becomes_stale_after_a_year(data_copy: Path) -> None:
    ds = load(data_copy)
    assert views.profile(ds, "TH", TODAY).stale_sections == 0
    later = views.profile(ds, "TH", dt.date(2027, 1, 16))
    assert later.stale_sections == 9 and later.sections["identity"].stale  # every sourced section


def test_definition_elements_carry_their_article(data_copy: Path) -> None:
    ds = load(data_copy)
    rows = {(r.group, r.element): r.finding for r in views.profile(ds, "TH", TODAY).elements}
    assert rows[("acts", "recruitment")].value == "yes"
    assert rows[("acts", "recruitment")].provision == "section 6, Fixture Anti-Trafficking Act"
    assert rows[("acts", "recruitment")].sources[0].pinpoint == "section 6"
    assert rows[("purposes", "forced_criminality")].value == "yes"


def test_element_not_found_in_articles_read_is_unknown_never_no(data_copy: Path) -> None:
    ds = load(data_copy)
    rows = {(r.group, r.element): r.answer for r in views.profile(ds, "TH", TODAY).elements}
    assert rows[("means", "abduction")] == "unknown"  # not listed, and not every offence article was read
    assert {r.answer for r in views.profile(ds, "KH", TODAY).elements} == {"unknown"}


@pytest.mark.parametrize(("participation", "expected"), [
    ({"status": "party"}, ("yes", "Party (date not recorded)")),
    ({"status": "party", "consent": "ratification", "consent_date": "2004-05-24"}, ("yes", "Party by ratification since 2004-05-24")),
    ({"status": "party", "in_force": "2013-11-16"}, ("yes", "Party, in force 2013-11-16")),
    ({"status": "signatory", "signed": "2015-11-21"}, ("partly", "Signed 2015, not ratified")),
    ({"status": "not_party"}, ("no", "Not a party")),
    ({"status": "unknown", "signed": "2000-12-13"}, ("unknown", "Unknown (signed 2000-12-13)")),
])
def test_participation_says_what_is_known_and_no_more(participation: dict, expected: tuple[str, str]) -> None:
    assert views.participation_text(Participation.model_validate({"state": "TH", **participation})) == expected
    assert views.participation_text(None) == ("unknown", "Unknown")


def test_answer_resting_on_secondary_sources_only_is_flagged(data_copy: Path) -> None:
    ds = load(data_copy)
    findings = views.profile(ds, "TH", TODAY).findings
    assert findings["trafficking_definition.consent_irrelevant"].secondary_only  # its only source is a press item
    assert not findings["mutual_legal_assistance.dual_criminality"].secondary_only  # rests on the official text


def test_treaty_rows_split_multilateral_and_bilateral(data_copy: Path) -> None:
    multilateral, bilateral = views.treaty_rows(load(data_copy), "TH")
    assert [r.treaty.id for r in multilateral] == ["untoc"] and multilateral[0].bound
    assert [(r.treaty.id, r.partner, r.partner_name) for r in bilateral] == [("mla-kh-th", "KH", "Fixtureland South")]


def test_countries_index_names_the_central_authority(data_copy: Path) -> None:
    rows = {r.code: r for r in views.countries_index(load(data_copy), TODAY)}
    assert rows["TH"].central_authority == "Fixture Office of the Attorney General — International Affairs Department"
    assert rows["KH"].central_authority is None and rows["KH"].facts_filled == 0
    assert 0 < rows["TH"].facts_filled < rows["TH"].facts_total


def test_treaty_page_lists_parties_profiled_first(data_copy: Path) -> None:
    page = views.treaty_page(load(data_copy), "untoc", TODAY)
    assert [r.code for r in page.parties] == ["TH", "KH"] and all(r.profiled for r in page.parties)
    assert page.parties[0].status_text == "Party by ratification since 2013-10-17"


def test_partner_without_record_named_from_iso(data_copy: Path) -> None:
    assert load(data_copy).state_name("US") == "United States"


def test_key_points_state_what_is_recorded_and_mark_the_rest_unknown(data_copy: Path) -> None:
    ds = load(data_copy)
    th = {k.label: k for k in views.key_points(ds.country("TH"))}
    assert th["Central authority"].tone == "fact" and th["Central authority"].href == "#authorities"
    assert [k.href for k in views.key_points(ds.country("TH"))] == [
        "#authorities", "#mutual-legal-assistance", "#mutual-legal-assistance", "#trafficking-definition", "#non-punishment"]
    kh = views.key_points(ds.country("KH"))  # nothing sourced: every point says so, none is a "no"
    assert {k.tone for k in kh} == {"unknown"} and all(k.text == "Unknown / not yet verified" for k in kh)
    assert views.profile(ds, "KH", TODAY).key_points == kh


def test_contact_text_names_the_unit_and_the_first_way_to_reach_it(data_copy: Path) -> None:
    th = load(data_copy).country("TH")
    text = views.contact_text(views.central_authorities(th))
    a = views.central_authorities(th)[0]
    assert text is not None and text.startswith(a.institution) and (a.email or a.phone or a.website or "") in text
