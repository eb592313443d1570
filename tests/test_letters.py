"""The request builder's checklist: every item from the data, or marked to confirm; nothing filled by guess."""

from __future__ import annotations

from pathlib import Path

from compendium import letters
from compendium.dataset import load

RULES_MEASURE = """    search_and_seizure:
      available: {answer: yes, sources: [1], scope: Only on a court warrant.}
      authority: The Criminal Court
      requirements:
        - {item: The place to search and the things sought, sources: [1]}
"""


def _topics(checklist: letters.Checklist) -> dict[str, list[letters.Item]]:
    out: dict[str, list[letters.Item]] = {}
    for item in checklist.items:
        out.setdefault(item.topic, []).append(item)
    return out


def test_unknown_requested_state_gives_confirm_never_a_guess(data_copy: Path) -> None:
    c = letters.checklist(load(data_copy), "TH", "KH", "search_and_seizure")
    items = _topics(c)
    for topic in ("addressee", "language", "certification", "confidentiality", "advance_copy", "available"):
        assert all(i.status == letters.CONFIRM for i in items[topic]), topic
    assert c.to_confirm >= 7


def test_requested_state_rules_fill_the_checklist(data_copy: Path) -> None:
    path = data_copy / "countries/th.yml"
    path.write_text(path.read_text().replace("    statement:\n", RULES_MEASURE + "    statement:\n").replace(
        "  sources:\n    - {title: Fixture mutual assistance act, kind",
        "  certification: {answer: no, sources: [1]}\n  sources:\n    - {title: Fixture mutual assistance act, kind"))
    c = letters.checklist(load(data_copy), "KH", "TH", "search_and_seizure")
    items = _topics(c)
    assert items["contents"][0].text == "Contents: The authority conducting the investigation."
    assert items["contents"][0].origin == "Fixtureland North's law"
    assert items["certification"][0].status == "data" and items["certification"][0].text.startswith("Certification or authentication: no")
    assert items["available"][0].text == "Search and seizure for a foreign request: yes. Only on a court warrant."
    assert items["authority"][0].text == "Decided or executed by: The Criminal Court."
    assert items["measure"][0].text == "For this measure: The place to search and the things sought."
    assert items["addressee"][0].status == "data" and "Fixture Office of the Attorney General" in items["addressee"][0].text
    assert items["language"][0].text.startswith("Language: Thai, English")
    # a measure the record does not speak of is to be confirmed, even where others are known
    other = _topics(letters.checklist(load(data_copy), "KH", "TH", "bank_records"))
    assert other["available"][0].status == letters.CONFIRM


def test_dual_criminality_limit_said_for_coercive_measures(data_copy: Path) -> None:
    c = letters.checklist(load(data_copy), "KH", "TH", "bank_records")
    assert any(i.topic == "limits" and "Dual criminality is required" in i.text for i in c.items)


def test_contents_fall_back_to_untoc_article_18_15_saying_so(data_copy: Path) -> None:
    untoc = data_copy / "treaties/untoc.yml"
    text = untoc.read_text().replace("{state: KH, status: unknown}", "{state: KH, status: party}")
    untoc.write_text(text.replace("parties:", "key_articles:\n  - {number: '18(15)', topic: Contents of a request, "
                                  "summary: A request names the authority and describes the matter., uses: [content_of_request]}\n"
                                  "  - {number: '18(1)', topic: Assistance, summary: Widest measure of assistance., uses: [mla_basis]}\n"
                                  "parties:"))
    (data_copy / "treaties/mla-kh-th.yml").unlink()
    c = letters.checklist(load(data_copy), "TH", "KH", "statement")
    contents = _topics(c)["contents"]
    assert contents[0].text == "Contents (Fixture UNTOC art. 18(15)): A request names the authority and describes the matter."
    assert contents[0].origin == "Fixture UNTOC, as Fixtureland South's own rule is not recorded"


def test_request_page_covers_every_measure_and_shares_checklists(data_copy: Path) -> None:
    ds = load(data_copy)
    page = letters.request_page(ds, "KH", ["TH", "TH"])
    assert [q.country.id for q in page.requesters] == ["TH", "TH"] and len(page.variants) == 1  # same routes: one variant
    assert [c.measure for c in page.variants[0].checklists] == list(letters.MEASURES) and len(letters.MEASURES) == 10
    assert set(page.details) == set(letters.MEASURES)
    # the variant is the checklist of that pair: what the page shows for a requesting state is its own checklist
    assert page.variants[0].checklists[0] == letters.checklist(ds, "TH", "KH", letters.MEASURES[0])


def test_each_requesting_state_is_shown_its_own_pair_checklist() -> None:
    """On the real data: a requested state's page holds fewer checklist sets than states that may ask it, and the
    set each requesting state is shown is exactly the checklist of that pair."""
    from compendium import pathfinder

    from conftest import ROOT

    ds = load(ROOT / "data")
    for b in ("TH", "KH", "US"):
        requesting = [a for a, to in pathfinder.pairs(ds) if to == b]
        page = letters.request_page(ds, b, requesting)
        assert 1 < len(page.variants) < len(requesting), b
        for q in page.requesters:
            own = [letters.checklist(ds, q.country.id, b, m) for m in letters.MEASURES]
            assert letters.shown(page.variants[q.variant].checklists) == letters.shown(own)


def test_letter_headings_carry_the_requested_state_term(data_copy: Path) -> None:
    from compendium import render

    ds = load(data_copy)  # the fixture records the Thai term for a letter of request
    assert letters.headings(ds.country("TH")) == {"letter_of_request": "หนังสือร้องขอ"}
    page = {p.src_uri: p.markdown for p in render.pages(ds)}["cooperate/request-th.md"]
    assert "Letter of request / <span lang=\"und\">หนังสือร้องขอ</span>" in page


def test_a_term_needs_its_source(data_copy: Path) -> None:
    import pytest

    from compendium.problems import DataError

    path = data_copy / "countries/th.yml"
    path.write_text(path.read_text().replace("transliteration: nangsue rong kho, sources: [1]}", "transliteration: nangsue rong kho}"))
    with pytest.raises(DataError) as info:
        load(data_copy)
    assert "legal_terms.terms[0].sources: name the sources that say so" in str(info.value)


def test_terms_page_lists_each_state_term_by_concept(data_copy: Path) -> None:
    from compendium import render

    page = {p.src_uri: p.markdown for p in render.pages(load(data_copy))}["terms.md"]
    section = page[page.index("## Letter of request"):page.index("## Central authority")]
    assert "หนังสือร้องขอ" in section and "nangsue rong kho" in section and "Fixture mutual assistance act (Thai text)" in section
    assert "No state's term for this concept is recorded yet." in page[page.index("## Victim"):page.index("## Forced criminality")]
