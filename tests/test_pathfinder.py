"""The pathfinder view: routes ranked and recommended, definitions compared, warnings only where the law says no."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from compendium import pathfinder
from compendium.dataset import load
from compendium.views import Notes
from conftest import edit as _edit

TODAY = dt.date(2026, 6, 1)

SOURCED_KH_DEFINITION = """trafficking_definition:
  status: needs_review
  last_verified: 2026-01-15
  provision: {law: tip-law, article: art. 8}
  READ
  elements:
    acts:
      recruitment: {answer: yes, provision: {law: tip-law, article: art. 8}, sources: [1]}
    purposes:
      forced_criminality: {answer: FC, provision: {law: tip-law, article: art. 10}, sources: [1]}
  sources:
    - {title: Fixture source six, kind: official_legislation, accessed: 2026-01-15, pinpoint: arts. 8-19}
"""
KH_LEGISLATION = """legislation:
  status: needs_review
  last_verified: 2026-01-15
  laws:
    - {id: tip-law, title: Fixture Law on Trafficking, year: 2008, topics: [trafficking]}
  sources:
    - {title: Fixture gazette, kind: official_legislation, accessed: 2026-01-15}
"""
ASEAN_MLAT = """id: asean-mlat
title: Fixture Treaty on Mutual Legal Assistance in Criminal Matters
short_name: Fixture ASEAN MLAT
kind: regional
scope: [mla]
transmission: central_authorities
key_articles:
  - {number: "1", topic: Scope, summary: The parties assist each other in criminal matters., uses: [mla_basis]}
parties:
  - {state: KH, status: party, sources: [1]}
  - {state: TH, status: party, sources: [1]}
status: needs_review
last_verified: 2026-01-15
sources:
  - {title: Fixture list of parties, kind: intergovernmental, accessed: 2026-01-15}
"""
PROTOCOL = """id: untoc-tip-protocol
title: Fixture Trafficking Protocol
short_name: Fixture Protocol
kind: multilateral
scope: [trafficking]
supplements: untoc
parties:
  - {state: KH, status: party}
  - {state: TH, status: party}
status: needs_review
last_verified: 2026-01-15
sources:
  - {title: Fixture status, kind: intergovernmental, accessed: 2026-01-15}
"""


def _kh_party(data: Path) -> None:
    _edit(data / "treaties/untoc.yml", "{state: KH, status: unknown}", "{state: KH, status: party}")


def _kh_definition(data: Path, forced_criminality: str, read_in_full: bool) -> None:
    read = "read_in_full: true\n  articles_read: [{law: tip-law, article: arts. 8-19}]" if read_in_full else "read_in_full: false"
    _edit(data / "countries/kh.yml", "legislation: {status: unknown}\n", KH_LEGISLATION)
    _edit(data / "countries/kh.yml", "trafficking_definition: {status: unknown}\n",
          SOURCED_KH_DEFINITION.replace("READ", read).replace("FC", forced_criminality))


def test_routes_ranked_bilateral_asean_mlat_untoc_then_domestic_law(data_copy: Path) -> None:
    _kh_party(data_copy)
    (data_copy / "treaties/asean-mlat.yml").write_text(ASEAN_MLAT)
    _edit(data_copy / "treaties/mla-kh-th.yml", "{state: KH, status: unknown}", "{state: KH, status: party}")
    _edit(data_copy / "treaties/mla-kh-th.yml", "{state: TH, status: unknown}", "{state: TH, status: party}")
    mla = pathfinder.routes(load(data_copy), "KH", "TH", "mla")
    assert [(r.kind, r.title) for r in mla.routes] == [
        ("bilateral_treaty", "Fixture KH–TH MLA Treaty"),
        ("asean_mlat", "Fixture ASEAN MLAT"),
        ("untoc", "Fixture UNTOC"),
        ("domestic_law", "Fixtureland North's own law: Fixture Act on Mutual Assistance in Criminal Matters"),
    ]
    assert mla.recommended is mla.routes[0]


def test_asean_mlat_recommended_with_its_channel_and_article(data_copy: Path) -> None:
    _kh_party(data_copy)
    (data_copy / "treaties/mla-kh-th.yml").unlink()
    (data_copy / "treaties/asean-mlat.yml").write_text(ASEAN_MLAT)
    mla = pathfinder.routes(load(data_copy), "KH", "TH", "mla")
    assert mla.recommended is not None and mla.recommended.title == "Fixture ASEAN MLAT"
    assert mla.recommended.channel == "Directly between central authorities" and mla.recommended.cite == "art. 1"
    assert mla.recommended.status == "Fixtureland South: party (date not recorded); Fixtureland North: party (date not recorded)"


def test_mla_and_extradition_listed_apart(data_copy: Path) -> None:
    _kh_party(data_copy)
    (data_copy / "treaties/asean-mlat.yml").write_text(ASEAN_MLAT)
    ds = load(data_copy)
    extradition = pathfinder.routes(ds, "KH", "TH", "extradition")
    # neither MLA treaty covers extradition; whether TH extradites without a treaty is not recorded
    assert [(r.title, r.certain) for r in extradition.routes] == [("Fixture UNTOC", True), ("Fixtureland North's own law", False)]
    assert extradition.recommended is not None and extradition.recommended.title == "Fixture UNTOC"
    assert any("not yet verified" in c for c in extradition.recommended.caveats)  # whether TH accepts UNTOC for it


def test_trafficking_protocol_is_not_a_basis_of_its_own(data_copy: Path) -> None:
    _kh_party(data_copy)
    (data_copy / "treaties/untoc-tip-protocol.yml").write_text(PROTOCOL)
    mla = pathfinder.routes(load(data_copy), "KH", "TH", "mla")
    assert "Fixture Protocol" not in [r.title for r in mla.routes]
    untoc = next(r for r in mla.routes if r.kind == "untoc")
    assert any("Protocol art. 1(2)-(3)" in c for c in untoc.caveats)


def test_requested_state_law_is_a_route_without_reciprocity_data(data_copy: Path) -> None:
    _edit(data_copy / "countries/th.yml", "legal_bases: [bilateral_treaty, reciprocity]", "legal_bases: [bilateral_treaty, domestic_law]")
    (data_copy / "treaties/mla-kh-th.yml").unlink()
    mla = pathfinder.routes(load(data_copy), "KH", "TH", "mla")
    assert [r.kind for r in mla.routes] == ["untoc", "domestic_law"]
    assert mla.recommended is not None and mla.recommended.kind == "domestic_law"  # UNTOC: KH's status not verified


def test_unverified_status_is_listed_but_never_recommended(data_copy: Path) -> None:
    (data_copy / "treaties/mla-kh-th.yml").unlink()
    mla = pathfinder.routes(load(data_copy), "KH", "TH", "mla")
    untoc = mla.routes[0]
    assert untoc.kind == "untoc" and not untoc.certain
    assert untoc.caveats[0] == "Status not yet verified for Fixtureland South."
    assert mla.recommended is not None and mla.recommended.kind == "domestic_law"
    assert pathfinder.routes(load(data_copy), "TH", "KH", "mla").recommended is None  # KH's law not recorded either


def test_unread_elements_make_no_no_and_no_warning(data_copy: Path) -> None:
    """Cambodia's case: a few articles read; what they do not name is unknown, and unknown never warns."""
    _kh_definition(data_copy, "yes", read_in_full=False)
    diffs = pathfinder.differences(load(data_copy), "TH", "KH")
    assert diffs and not any(d.warning for d in diffs)
    assert {d.requested.value for d in diffs if d.group == "acts"} == {"unknown"}
    w = pathfinder.pathway(load(data_copy), "TH", "KH", TODAY)
    assert w.warnings_in_definitions == []


def test_recorded_no_after_full_reading_warns(data_copy: Path) -> None:
    _kh_definition(data_copy, "no", read_in_full=True)
    diffs = pathfinder.differences(load(data_copy), "TH", "KH")
    assert diffs[0].element == "forced_criminality" and diffs[0].warning
    assert diffs[0].requested.provision == "art. 10, Fixture Law on Trafficking"
    assert diffs[0].requesting.value == "yes"
    w = pathfinder.pathway(load(data_copy), "TH", "KH", TODAY)
    assert any("not covering forced criminality" in line.text for line in w.victims)
    # the other way round the requested state's law covers it: a difference, not a warning
    assert not any(d.warning for d in pathfinder.differences(load(data_copy), "KH", "TH"))


def test_pathway_warns_about_unverified_sections(data_copy: Path) -> None:
    w = pathfinder.pathway(load(data_copy), "TH", "KH", TODAY)
    assert {x.state for x in w.warnings} == {"Fixtureland North", "Fixtureland South"}
    assert len([x for x in w.warnings if x.state == "Fixtureland South"]) == len(pathfinder.PROFILE_SECTIONS)
    assert w.send_to == []  # Fixtureland South's authorities are not sourced
    assert any("not yet verified" in line.text for line in w.victims)


def test_pairs_cover_members_with_every_profiled_state_both_ways(data_copy: Path) -> None:
    (data_copy / "countries/us.yml").write_text((data_copy / "countries/kh.yml").read_text()
                                                .replace("id: KH", "id: US").replace("name: Fixtureland South", "name: Partnerland")
                                                .replace("region: asean", "region: partner"))
    pairs = pathfinder.pairs(load(data_copy))
    assert sorted(pairs) == sorted([("KH", "TH"), ("TH", "KH"), ("KH", "US"), ("TH", "US"), ("US", "KH"), ("US", "TH")])


def test_pair_key_points_lead_with_the_requested_state_and_link_down_the_page(data_copy: Path) -> None:
    w = pathfinder.pathway(load(data_copy), "KH", "TH", TODAY)
    assert [k.href for k in w.key_points] == ["#send", "#route-mla", "#route-extradition", "#send", "#definitions", "#victims"]
    send, mla, _, language, definition, _ = w.key_points
    assert send.label == f"Send to {w.requested.name}'s central authority" and language.label == "Language of the request"
    assert mla.text == (w.mla.recommended.title if w.mla.recommended else "Unknown / not yet verified")
    assert "forced criminality" in definition.label


def test_own_law_is_not_recommended_where_the_record_names_treaties_only(data_copy: Path) -> None:
    _edit(data_copy / "countries/th.yml", "legal_bases: [bilateral_treaty, reciprocity]", "legal_bases: [bilateral_treaty]")
    (data_copy / "treaties/mla-kh-th.yml").unlink()
    mla = pathfinder.routes(load(data_copy), "KH", "TH", "mla")
    own = next(r for r in mla.routes if r.kind == "domestic_law")
    assert not own.certain and mla.recommended is None
    assert "Whether Fixtureland North assists without a treaty is not recorded" in own.caveats[0]


def test_women_and_children_only_warns_when_the_requesting_state_covers_all(data_copy: Path) -> None:
    _edit(data_copy / "countries/th.yml", "persons_covered: {answer: all_persons", "persons_covered: {answer: women_and_children")
    _edit(data_copy / "countries/kh.yml", "legislation: {status: unknown}\n", KH_LEGISLATION)
    _edit(data_copy / "countries/kh.yml", "trafficking_definition: {status: unknown}\n",
          SOURCED_KH_DEFINITION.replace("READ", "read_in_full: false").replace("FC", "yes").replace(
              "  elements:", "  persons_covered: {answer: all_persons, sources: [1]}\n  elements:"))
    persons = next(d for d in pathfinder.differences(load(data_copy), "KH", "TH") if d.element == "persons_covered")
    assert persons.warning
    assert not next(d for d in pathfinder.differences(load(data_copy), "TH", "KH") if d.element == "persons_covered").warning


def test_each_section_numbers_its_sources_once_in_the_order_cited(data_copy: Path) -> None:
    """Pair pages cite like a legal text: [n] after each line, and each section's notes list every source once."""
    w = pathfinder.pathway(load(data_copy), "KH", "TH", TODAY)
    sections = {"send": [*w.request_lines, *w.dual_criminality], "victims": [*w.victims, *w.victims_return.lines],
                "preserve": w.preserve.lines, "extradition": w.extradition, "evidence": w.evidence}
    for anchor, lines in sections.items():
        notes = w.notes.get(anchor, [])
        assert len({s.model_dump_json() for s in notes}) == len(notes), anchor  # a source is one note
        for line in lines:
            assert [notes[n - 1] for n in line.finding.refs] == list(dict.fromkeys(line.finding.sources)), (anchor, line.text)
    cited = [n for f in [*(line.finding for line in sections["send"]), *(x for d in w.differences
                                                                        for x in (d.requesting, d.requested))]
             for n in f.refs]
    assert cited and sorted(set(cited)) == list(range(1, len(w.notes["send"]) + 1))  # numbered as first cited
    notes, (a, b, c) = Notes(), w.notes["send"][:1] + w.notes["preserve"][:1] + w.notes["victims"][:1]
    assert (notes.cite([a, b]), notes.cite([b, c]), notes.cite([a])) == ((1, 2), (2, 3), (1,))  # cited again: same number
    assert notes.sources == [a, b, c]
    route = w.mla.recommended
    assert route is not None and route.refs and [w.notes["route"][n - 1] for n in route.refs] == route.cited
