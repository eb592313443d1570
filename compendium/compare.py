"""Comparison views: states side by side, one cell per fact, each cell knowing its profile section and source."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, get_origin

from pydantic import BaseModel

from .dataset import Dataset
from .models import Authority, Coded, Country, Section, Source, Treaty, is_unknown
from .views import (
    ELEMENT_GROUPS,
    Finding,
    central_authorities,
    country_finding,
    definition_elements,
    laws_of,
    participation_text,
    provenance,
)
from .vocabulary import label

# Instruments in the order practitioners reach for them; any others follow by name.
TREATY_ORDER = ["untoc", "untoc-tip-protocol", "untoc-smuggling-protocol", "actip", "asean-mlat", "uncac",
                "budapest-convention", "un-cybercrime-convention"]


@dataclass(frozen=True)
class Cell:
    """One fact in a comparison table.

    `value` is the coded value (drives the colour and sorting), `text` what the reader sees, `href` the profile
    section or treaty page it comes from (a source path such as `countries/th/index.md#extradition`), `source` the
    first source behind it, `unverified` whether the section it comes from is not sourced or is stale.
    """

    value: str
    text: str
    href: str
    source: Source | None = None
    unverified: bool = False
    secondary_only: bool = False  # the answer rests only on secondary sources


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    group: str | None = None  # for states as columns: asean or partner


@dataclass(frozen=True)
class Row:
    code: str
    name: str
    cells: list[Cell]
    group: str | None = None  # for states as rows: asean or partner, shown as separate groups


@dataclass(frozen=True)
class Table:
    """A comparison table: states as rows (or elements as rows when `transposed`)."""

    slug: str
    title: str
    intro: str
    columns: list[Column]
    rows: list[Row]
    row_header: str = "State"
    notes: list[str] = field(default_factory=list)


def _profile_href(code: str, anchor: str) -> str:
    return f"countries/{code.lower()}/index.md#{anchor}"


UNKNOWN = "Unknown"  # short form for table cells; the legend says it means "not yet verified", never "no"


def _cell(country: Country, section_name: str, anchor: str, value: str, text: str | None, today: dt.date) -> Cell:
    section: Section = getattr(country, section_name)
    prov = provenance(section, today)
    if not prov.known:
        return Cell("unknown", UNKNOWN, _profile_href(country.id, anchor), None, True)
    if value == "unknown":
        text = UNKNOWN
    return Cell(value, text if text is not None else label(value), _profile_href(country.id, anchor),
                prov.sources[0] if prov.sources else None, prov.stale)


def _finding_cell(country: Country, anchor: str, f: Finding, today: dt.date, section_name: str) -> Cell:
    prov = provenance(getattr(country, section_name), today)
    if not f.known:
        return Cell("unknown", UNKNOWN, _profile_href(country.id, anchor), None, not prov.known)
    return Cell(f.value, f.text, _profile_href(country.id, anchor), f.sources[0] if f.sources else None, prov.stale,
                f.secondary_only)


def _states(ds: Dataset) -> list[Country]:
    return list(ds.countries.values())


def _ordered_treaties(ds: Dataset) -> list[Treaty]:
    rank = {tid: i for i, tid in enumerate(TREATY_ORDER)}
    treaties = [t for t in ds.treaties.values() if t.kind != "bilateral"]
    return sorted(treaties, key=lambda t: (rank.get(t.id, len(rank)), t.short_name))


def treaty_status(ds: Dataset, today: dt.date) -> Table:
    treaties = _ordered_treaties(ds)
    rows = []
    for country in _states(ds):
        cells = []
        for t in treaties:
            value, text = participation_text(ds.participation(t.id, country.id))
            prov = provenance(t, today)
            cells.append(Cell(value, text, f"treaties/{t.id}/index.md#parties", t.sources[0] if t.sources else None,
                              not prov.known or prov.stale))
        rows.append(Row(country.id, country.name, cells, country.region))
    return Table("treaty-status", "Treaty status",
                 "Each state's status under the multilateral and regional instruments; dates are of ratification or accession.",
                 [Column(t.id, t.short_name) for t in treaties], rows)


def bilateral(ds: Dataset, today: dt.date) -> Table:
    """ASEAN member × member: bilateral MLA and extradition treaties (a bounded square; every state's treaties
    with all partners are listed on its profile and in the data downloads)."""
    states = [c for c in _states(ds) if c.region == "asean"]
    rows = []
    for a in states:
        cells = []
        for b in states:
            if a.id == b.id:
                cells.append(Cell("self", "—", f"countries/{a.id.lower()}/index.md"))
                continue
            found = ds.bilateral_between(a.id, b.id)
            if found:
                kinds = sorted({label(s) for t in found for s in t.scope if s in ("mla", "extradition")})
                text = " + ".join("MLA" if k == "Mutual legal assistance" else k for k in kinds)
                cells.append(Cell("yes", text, f"treaties/{found[0].id}/index.md", found[0].sources[0] if found[0].sources else None,
                                  any(provenance(t, today).stale for t in found)))
            else:
                cells.append(Cell("unknown", "None recorded", _profile_href(a.id, "bilateral-treaties"), None, True))
        rows.append(Row(a.id, a.name, cells))
    return Table("bilateral-treaties", "Bilateral treaties",
                 "Bilateral treaties on mutual legal assistance (MLA) and extradition between the states. "
                 "\"None recorded\" means no treaty is in the data yet, not that none exists.",
                 [Column(c.id, c.name) for c in states], rows)


def definitions(ds: Dataset, today: dt.date) -> Table:
    """Elements as rows, states as columns: the Constitute-style comparison of trafficking definitions."""
    states = _states(ds)
    per_state = {c.id: {(r.group, r.element): r.finding for r in definition_elements(c.trafficking_definition, laws_of(c))}
                 for c in states}
    rows = [Row(f"{g}:{e}", f"{g.capitalize()}: {label(e)}",
                [_finding_cell(c, "trafficking-definition", per_state[c.id][(g, e)], today, "trafficking_definition") for c in states])
            for g, _, vocab in ELEMENT_GROUPS for e in vocab]

    def fact_row(key: str, title: str, section: str, anchor: str, name: str) -> Row:
        return Row(key, title, [_finding_cell(c, anchor, country_finding(c, section, name), today, section) for c in states])

    rows += [
        fact_row("children-means", "Means must be proven for children", "trafficking_definition", "trafficking-definition",
                 "means_required_for_children"),
        fact_row("consent", "Consent of the victim irrelevant", "trafficking_definition", "trafficking-definition",
                 "consent_irrelevant"),
        fact_row("persons-covered", "Persons covered", "trafficking_definition", "trafficking-definition", "persons_covered"),
        fact_row("non-punishment", "Non-punishment provision", "non_punishment", "non-punishment", "provision_exists"),
        fact_row("non-punishment-forced-criminality", "Non-punishment reaches forced criminality", "non_punishment",
                 "non-punishment", "covers_forced_criminality"),
    ]
    return Table("definitions", "Trafficking definitions by element",
                 "Whether each state's trafficking offences cover each element, with the article that says so. An element "
                 "not found in the articles read is unknown, not absent. Forced criminality (e.g. forced online scamming) "
                 "and non-punishment decide whether a scam-compound case is trafficking on both sides; dual criminality "
                 "looks at the conduct, not at the wording of the definitions.",
                 [Column(c.id, c.name, c.region) for c in states], rows, row_header="Element")


def _column_cell(section: Section, field: str) -> tuple[str, str | None]:
    """(value, text) for one field, by its kind in the schema: a coded answer shows its label, a list its items,
    free text itself; whatever holds no fact yet is unknown."""
    value = getattr(section, field)
    if isinstance(value, Coded):
        return value.answer, None
    if is_unknown(value):
        return "unknown", None
    if get_origin(type(section).model_fields[field].annotation) is Literal:
        return value, None
    if isinstance(value, list):
        return "yes", ", ".join(v.name if isinstance(v, BaseModel) else label(v) for v in value)
    return "yes", value


def _section_table(ds: Dataset, today: dt.date, slug: str, title: str, intro: str, section: str, anchor: str,
                   columns: list[tuple[str, str]]) -> Table:
    """States as rows, one section's fields as columns."""
    rows = []
    for c in _states(ds):
        cells = [_finding_cell(c, anchor, country_finding(c, section, field), today, section)
                 if isinstance(getattr(getattr(c, section), field), Coded)
                 else _cell(c, section, anchor, *_column_cell(getattr(c, section), field), today) for field, _ in columns]
        rows.append(Row(c.id, c.name, cells, c.region))
    return Table(slug, title, intro, [Column(field, heading) for field, heading in columns], rows)


def mla(ds: Dataset, today: dt.date) -> Table:
    return _section_table(ds, today, "mla", "Mutual legal assistance requirements",
                          "What each state, as the requested state, needs before it assists.",
                          "mutual_legal_assistance", "mutual-legal-assistance", [
                              ("legal_bases", "Legal bases accepted"), ("dual_criminality", "Dual criminality"),
                              ("languages", "Language of requests"), ("certification", "Certification"),
                              ("urgent_channels", "Urgent requests")])


def extradition(ds: Dataset, today: dt.date) -> Table:
    return _section_table(ds, today, "extradition", "Extradition",
                          "Whether each state needs a treaty, accepts UNTOC as the legal basis, and surrenders its own nationals.",
                          "extradition", "extradition", [
                              ("treaty_required", "Treaty required"), ("untoc_as_basis", "UNTOC as legal basis"),
                              ("nationals", "Own nationals"), ("dual_criminality", "Dual criminality"),
                              ("simplified_procedure", "Simplified procedure"), ("provisional_arrest", "Provisional arrest")])


def evidence(ds: Dataset, today: dt.date) -> Table:
    return _section_table(ds, today, "evidence", "Evidence and victim-witnesses",
                          "Whether evidence gathered abroad is admissible, and how victims can testify.",
                          "evidence", "evidence", [
                              ("foreign_evidence_admissible", "Evidence obtained abroad admissible"),
                              ("video_link_testimony", "Video-link testimony"), ("depositions_abroad", "Depositions taken abroad"),
                              ("victim_witness_protection", "Protection of victim-witnesses")])


def informal(ds: Dataset, today: dt.date) -> Table:
    return _section_table(ds, today, "informal-cooperation", "Informal and police cooperation",
                          "Whether police act on a foreign police request without a formal letter, and the channels recorded.",
                          "informal_cooperation", "informal-cooperation", [
                              ("police_act_without_formal_request", "Police act without a formal letter"),
                              ("channels", "Channels")])


def electronic_evidence(ds: Dataset, today: dt.date) -> Table:
    return _section_table(ds, today, "electronic-evidence", "Electronic evidence",
                          "Preserving and obtaining data held by providers and platforms, and freezing virtual assets.",
                          "electronic_evidence", "electronic-evidence", [
                              ("point_of_contact_24_7", "24/7 point of contact"),
                              ("preservation_on_foreign_request", "Preservation on a foreign request"),
                              ("preservation_period", "Preservation period"),
                              ("emergency_disclosure", "Emergency disclosure"),
                              ("direct_requests_to_foreign_providers", "Direct requests to foreign providers"),
                              ("virtual_asset_freezing_authority", "Freezes virtual assets")])


def victims(ds: Dataset, today: dt.date) -> Table:
    return _section_table(ds, today, "victims", "Victims: screening, testimony, return",
                          "Whether foreigners are screened before deportation, victims can testify from home, and who arranges returns.",
                          "victims", "victims", [
                              ("screening_before_deportation", "Screening before deportation"),
                              ("testimony_from_abroad", "Testimony from abroad"),
                              ("repatriation_authority", "Authority arranging returns"),
                              ("compensation", "Compensation")])


def assets(ds: Dataset, today: dt.date) -> Table:
    return _section_table(ds, today, "assets", "Assets: freezing and confiscation",
                          "Whether each state freezes and confiscates for a foreign state, shares assets and returns them to victims.",
                          "assets", "assets", [
                              ("freezing_on_foreign_request", "Freezing on a foreign request"),
                              ("enforces_foreign_orders", "Enforces foreign orders"),
                              ("conviction_based_confiscation", "Confiscation after conviction"),
                              ("non_conviction_based_confiscation", "Confiscation without conviction"),
                              ("asset_sharing", "Asset sharing"), ("return_to_victims", "Return to victims")])


def joint_investigations(ds: Dataset, today: dt.date) -> Table:
    return _section_table(ds, today, "joint-investigations", "Joint investigations and transfer of proceedings",
                          "Whether joint or parallel investigations and the transfer of proceedings are possible.",
                          "joint_investigations", "joint-investigations", [
                              ("joint_investigations", "Joint investigation teams"),
                              ("parallel_investigations", "Parallel investigations"),
                              ("transfer_of_proceedings", "Transfer of proceedings")])


@dataclass(frozen=True)
class DirectoryEntry:
    code: str
    name: str
    region: str
    authority: Authority | None
    href: str
    unverified: bool
    source: Source | None


def directory(ds: Dataset, today: dt.date) -> list[DirectoryEntry]:
    """Every state's central authority for MLA (a state with none recorded appears once, as unknown)."""
    entries = []
    for c in _states(ds):
        prov = provenance(c.authorities, today)
        found = central_authorities(c) if prov.known else []
        source = prov.sources[0] if prov.sources else None
        for a in found or [None]:
            entries.append(DirectoryEntry(c.id, c.name, c.region, a, _profile_href(c.id, "authorities"), not prov.known or prov.stale, source))
    return entries


TABLES: list[tuple[str, Callable[[Dataset, dt.date], Table]]] = [
    ("treaty-status", treaty_status),
    ("bilateral-treaties", bilateral),
    ("definitions", definitions),
    ("mla", mla),
    ("extradition", extradition),
    ("evidence", evidence),
    ("informal-cooperation", informal),
    ("electronic-evidence", electronic_evidence),
    ("victims", victims),
    ("assets", assets),
    ("joint-investigations", joint_investigations),
]
