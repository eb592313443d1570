"""Coverage view: per state and section, how many of the facts the schema asks for are recorded, and on what sources."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pydantic import BaseModel

from .dataset import Dataset
from .models import PROVENANCE_FIELDS, Coded, Country, Elements, Provision, Section, is_unknown
from .views import ELEMENT_COUNT, all_findings, central_authorities, provenance
from .vocabulary import PROFILE_SECTIONS


@dataclass(frozen=True)
class SectionCoverage:
    """One cell of the coverage table."""

    section: str
    status: str
    sources: int
    official_sources: int
    copies: int  # sources that are copies on unofficial sites (mirrors, wikis, blogs)
    filled: int  # facts recorded
    total: int  # facts the schema asks for
    stale: bool
    last_verified: dt.date | None

    @property
    def unknown(self) -> int:
        return self.total - self.filled

    @property
    def share(self) -> float:
        return self.filled / self.total if self.total else 0.0


@dataclass(frozen=True)
class StateCoverage:
    code: str
    name: str
    region: str
    sections: list[SectionCoverage]
    secondary_only_answers: int  # coded answers resting only on non-official sources

    @property
    def sourced_sections(self) -> int:
        return sum(s.status != "unknown" for s in self.sections)

    @property
    def filled(self) -> int:
        return sum(s.filled for s in self.sections)

    @property
    def total(self) -> int:
        return sum(s.total for s in self.sections)

    @property
    def unknown(self) -> int:
        return self.total - self.filled

    @property
    def stale(self) -> int:
        return sum(s.stale for s in self.sections)

    @property
    def stale_sections(self) -> list[str]:
        return [s.section for s in self.sections if s.stale]

    @property
    def sources(self) -> int:
        return sum(s.sources for s in self.sections)

    @property
    def official_share(self) -> float:
        return sum(s.official_sources for s in self.sections) / self.sources if self.sources else 0.0


def _count(value: object) -> tuple[int, int]:
    """(filled, total) facts in one field's value: a coded answer is one fact, the definition's elements one each,
    a list of records (authorities, laws, channels) the facts of each record, an empty one a single missing fact."""
    if isinstance(value, Coded):
        return int(value.known), 1
    if isinstance(value, Elements):
        known = sum(answer.known for group in (value.acts, value.means, value.purposes) for answer in group.values())
        return known, ELEMENT_COUNT
    if isinstance(value, list) and value and isinstance(value[0], BaseModel) and not isinstance(value[0], Provision):
        filled = total = 0
        for item in value:
            f, t = _record(item)
            filled, total = filled + f, total + t
        return filled, total
    if isinstance(value, bool):
        return 0, 0  # how far the law was read, not a fact about the law
    return int(not is_unknown(value)), 1


def _record(record: BaseModel, skip: frozenset[str] = frozenset()) -> tuple[int, int]:
    filled = total = 0
    for name in type(record).model_fields:
        if name in skip:
            continue
        f, t = _count(getattr(record, name))
        filled, total = filled + f, total + t
    return filled, total


def section_coverage(name: str, section: Section, today: dt.date) -> SectionCoverage:
    filled, total = _record(section, PROVENANCE_FIELDS)
    if section.status == "unknown":
        filled = 0
    prov = provenance(section, today)
    official = sum(s.official for s in section.sources)
    copies = sum(s.kind == "secondary_copy" for s in section.sources)
    return SectionCoverage(name, section.status, len(section.sources), official, copies, filled, total, prov.stale,
                           section.last_verified)


def state_coverage(country: Country, today: dt.date) -> StateCoverage:
    sections = [section_coverage(name, getattr(country, name), today) for name, _, _ in PROFILE_SECTIONS]
    secondary = sum(f.secondary_only for f in all_findings(country).values())
    return StateCoverage(country.id, country.name, country.region, sections, secondary)


def coverage(ds: Dataset, today: dt.date, region: str | None = None) -> list[StateCoverage]:
    """Coverage of every state record, members first (or only one region's)."""
    return [state_coverage(c, today) for c in ds.countries.values() if region is None or c.region == region]


@dataclass(frozen=True)
class TreatyCoverage:
    """How many member × instrument status cells are known, and whether the UNTOC declarations are recorded."""

    cells: int
    unknown_cells: int


def treaty_coverage(ds: Dataset) -> TreatyCoverage:
    members = [c for c in ds.countries.values() if c.region == "asean"]
    instruments = [t for t in ds.treaties.values() if t.kind != "bilateral"]
    unknown = 0
    for treaty in instruments:
        for country in members:
            p = ds.participation(treaty.id, country.id)
            unknown += p is None or p.status == "unknown"
    return TreatyCoverage(len(members) * len(instruments), unknown)


@dataclass(frozen=True)
class Backbone:
    """The facts practitioners need first, counted for the ASEAN members: how many members have each."""

    members: int
    contacts: int  # an MLA central authority with an address and a phone, e-mail or web page, in a sourced section
    languages: int  # request languages recorded
    non_punishment: int  # whether victims are punished for compelled offences, answered
    forced_criminality: int  # whether the trafficking definition covers forced criminality, answered
    untoc_parties: int
    untoc_notifications: int  # UNTOC parties with a declaration under art. 16(5), 18(13) or 18(14) recorded


def backbone(ds: Dataset) -> Backbone:
    members = [c for c in ds.countries.values() if c.region == "asean"]

    def reachable(c: Country) -> bool:
        return c.authorities.status != "unknown" and any(
            a.address and (a.phone or a.email or a.website) for a in central_authorities(c))

    def languages(c: Country) -> bool:
        m = c.mutual_legal_assistance
        return (m.status != "unknown" and not is_unknown(m.languages)) or (
            c.identity.status != "unknown" and not is_unknown(c.identity.request_languages))

    def answered(section: Section, value: Coded) -> bool:
        return section.status != "unknown" and value.known

    forced = sum(answered(c.trafficking_definition, c.trafficking_definition.elements.purposes.get("forced_criminality", Coded()))
                 for c in members)
    untoc = [p for c in members if (p := ds.participation("untoc", c.id)) is not None and p.status == "party"]
    notified = sum(any(d.topic in ("extradition_basis", "central_authority", "languages") for d in p.declarations)
                   for p in untoc)
    return Backbone(len(members), sum(map(reachable, members)), sum(map(languages, members)),
                    sum(answered(c.non_punishment, c.non_punishment.provision_exists) for c in members), forced,
                    len(untoc), notified)


SHORT = {"identity": "ident", "authorities": "auth", "legislation": "laws", "trafficking_definition": "defn",
         "non_punishment": "nonpun", "mutual_legal_assistance": "mla", "extradition": "extrad", "evidence": "evid",
         "informal_cooperation": "informal", "electronic_evidence": "e-evid", "victims": "victims", "assets": "assets",
         "joint_investigations": "joint", "request_requirements": "requests", "legal_terms": "terms"}


def as_text(rows: list[StateCoverage], treaties: TreatyCoverage | None = None, core: Backbone | None = None) -> str:
    """A plain-text table for the terminal: one line per state, one column per section, facts filled/asked."""
    head = (f"{'state':<18}" + "".join(f"{SHORT[n]:>10}" for n, _, _ in PROFILE_SECTIONS)
            + f"{'facts':>10}{'official':>9}{'2nd-only':>9}{'stale':>6}")
    lines = [head, "-" * len(head)]
    for r in rows:
        cells = []
        for s in r.sections:
            mark = "—" if s.status == "unknown" else ""
            stale = "!" if s.stale else ""
            cells.append(f"{f'{s.filled}/{s.total}{mark}{stale}':>10}")
        lines.append(f"{r.name[:17]:<18}" + "".join(cells) + f"{f'{r.filled}/{r.total}':>10}"
                     + f"{r.official_share:>9.0%}{r.secondary_only_answers:>9}{r.stale:>6}")
    if rows:
        sources = sum(r.sources for r in rows)
        official = sum(s.official_sources for r in rows for s in r.sections)
        copies = sum(s.copies for r in rows for s in r.sections)
        lines.append("")
        lines.append(f"all states: {sum(r.filled for r in rows)}/{sum(r.total for r in rows)} facts; "
                     f"{official}/{sources} citations official or intergovernmental ({official / sources if sources else 0:.0%})"
                     + f"; {copies}/{sources} copies on unofficial sites ({copies / sources if sources else 0:.0%})")
    if treaties:
        lines.append(f"treaty status, ASEAN members × multilateral and regional instruments: "
                     f"{treaties.unknown_cells}/{treaties.cells} cells unknown")
    if core:
        lines.append(f"ASEAN members ({core.members}): MLA central authority with address and phone, e-mail or web page "
                     f"{core.contacts}; request languages {core.languages}; non-punishment answered {core.non_punishment}; "
                     f"forced criminality in the definition answered {core.forced_criminality}; UNTOC parties with a "
                     f"notification under art. 16(5), 18(13) or 18(14) recorded {core.untoc_notifications}/{core.untoc_parties}")
    stale = [(r.name, s) for r in rows for s in r.stale_sections]
    if stale:
        lines.append("stale sections (not re-checked for a year): " + "; ".join(f"{n} › {s}" for n, s in stale))
    lines.append("")
    lines.append("cell: facts recorded/facts the schema asks for; — = section not yet verified; ! = stale; "
                 "official = share of citations that are official or intergovernmental; "
                 "2nd-only = coded answers resting only on secondary sources")
    return "\n".join(lines)
