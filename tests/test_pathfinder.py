"""The pathfinder view: legal bases ranked, gaps computed from elements, warnings for unverified records."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from compendium import pathfinder
from compendium.dataset import load

TODAY = dt.date(2026, 6, 1)

SOURCED_KH_DEFINITION = """trafficking_definition:
  status: needs_review
  last_verified: 2026-01-15
  acts: [recruitment, transportation, transfer, harbouring, receipt]
  means: [threat, force]
  purposes: [sexual_exploitation, forced_labour_or_services]
  forced_criminality: "no"
  sources:
    - {title: Fixture source six, accessed: 2026-01-15}
"""


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_bilateral_treaty_ranks_first(data_copy: Path) -> None:
    _edit(data_copy / "treaties/untoc.yml", "{state: KH, consent: unknown}", "{state: KH, consent: accession, consent_date: 2005-12-12}")
    bases = pathfinder.legal_bases(load(data_copy), "KH", "TH")
    assert [(b.kind, b.title) for b in bases] == [
        ("bilateral_treaty", "Fixture KH–TH MLA Treaty"),
        ("multilateral", "Fixture UNTOC"),
        ("reciprocity", "Reciprocity under Fixtureland North's law"),
    ]
    assert bases[0].covers == ["mla"] and all(b.certain for b in bases)


def test_pair_sharing_only_untoc_says_so(data_copy: Path) -> None:
    (data_copy / "treaties/mla-kh-th.yml").unlink()
    _edit(data_copy / "treaties/untoc.yml", "{state: KH, consent: unknown}", "{state: KH, consent: accession, consent_date: 2005-12-12}")
    bases = pathfinder.legal_bases(load(data_copy), "TH", "KH")
    assert [(b.kind, b.title, b.covers) for b in bases] == [("multilateral", "Fixture UNTOC", ["mla", "extradition"])]
    assert bases[0].detail.startswith("both parties (Fixtureland North: ratification 2013-10-17; Fixtureland South: accession")


def test_unverified_status_is_listed_last_and_flagged(data_copy: Path) -> None:
    (data_copy / "treaties/mla-kh-th.yml").unlink()
    bases = pathfinder.legal_bases(load(data_copy), "TH", "KH")
    assert len(bases) == 1 and not bases[0].certain
    assert bases[0].detail == "status not yet verified for Fixtureland South"


def test_forced_criminality_gap_found_from_elements(data_copy: Path) -> None:
    _edit(data_copy / "countries/kh.yml", "trafficking_definition: {status: unknown}\n", SOURCED_KH_DEFINITION)
    gaps = pathfinder.definitional_gaps(load(data_copy), "TH", "KH")
    assert [(g.element, g.requesting, g.requested, g.certain) for g in gaps] == [
        ("forced_criminality", "yes", "no", True),
        ("deception", "yes", "no", True),
    ]
    assert "dual criminality" in gaps[0].meaning
    # the other way round nothing is missing: Fixtureland South names nothing Fixtureland North lacks
    assert pathfinder.definitional_gaps(load(data_copy), "KH", "TH") == []


def test_unknown_definition_gives_uncertain_gaps_not_silence(data_copy: Path) -> None:
    gaps = pathfinder.definitional_gaps(load(data_copy), "TH", "KH")
    assert gaps and all(not g.certain and g.requested == "unknown" for g in gaps)
    assert gaps[0].element == "forced_criminality"


def test_pathway_warns_about_unverified_sections(data_copy: Path) -> None:
    w = pathfinder.pathway(load(data_copy), "TH", "KH", TODAY)
    assert {x.state for x in w.warnings} == {"Fixtureland North", "Fixtureland South"}
    assert len([x for x in w.warnings if x.state == "Fixtureland South"]) == 9
    assert w.send_to == []  # Fixtureland South's authorities are not sourced
    assert any("not yet verified" in line.text for line in w.victims)


def test_pathway_sends_to_the_requested_central_authority(data_copy: Path) -> None:
    w = pathfinder.pathway(load(data_copy), "KH", "TH", TODAY)
    assert [a.institution for a in w.send_to] == ["Fixture Office of the Attorney General"]
    assert w.request_lines[0].text == "Language: Thai, English"
    assert w.has_mla_basis


def test_pairs_are_ordered_member_pairs(data_copy: Path) -> None:
    assert pathfinder.pairs(load(data_copy)) == [("TH", "KH"), ("KH", "TH")]
