"""Coverage view: per state and section, what is filled, sourced, unknown and stale."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pydantic import BaseModel

from .dataset import Dataset
from .models import PROVENANCE_FIELDS, Section, is_unknown
from .views import provenance
from .vocabulary import PROFILE_SECTIONS



@dataclass(frozen=True)
class SectionCoverage:
    """One cell of the coverage table."""

    section: str
    status: str
    sources: int
    filled: int  # content fields holding a fact
    unknown: int  # content fields still unknown or empty
    stale: bool
    last_verified: dt.date | None

    @property
    def share(self) -> float:
        total = self.filled + self.unknown
        return self.filled / total if total else 0.0


@dataclass(frozen=True)
class StateCoverage:
    code: str
    name: str
    sections: list[SectionCoverage]

    @property
    def sourced_sections(self) -> int:
        return sum(s.status != "unknown" for s in self.sections)

    @property
    def filled(self) -> int:
        return sum(s.filled for s in self.sections)

    @property
    def unknown(self) -> int:
        return sum(s.unknown for s in self.sections)

    @property
    def stale(self) -> int:
        return sum(s.stale for s in self.sections)


def _count(record: BaseModel, skip: set[str] = frozenset()) -> tuple[int, int]:
    """(filled, unknown) over a record's fields; a list of records (authorities, laws) counts each one's fields."""
    filled = unknown = 0
    for name in type(record).model_fields:
        if name in skip:
            continue
        value = getattr(record, name)
        if isinstance(value, list) and value and isinstance(value[0], BaseModel):
            for item in value:
                f, u = _count(item)
                filled, unknown = filled + f, unknown + u
        elif is_unknown(value):
            unknown += 1
        else:
            filled += 1
    return filled, unknown


def section_coverage(name: str, section: Section, today: dt.date) -> SectionCoverage:
    if section.status == "unknown":
        filled, unknown = 0, len(set(type(section).model_fields) - PROVENANCE_FIELDS)
    else:
        filled, unknown = _count(section, PROVENANCE_FIELDS)
    prov = provenance(section, today)
    return SectionCoverage(name, section.status, len(section.sources), filled, unknown, prov.stale, section.last_verified)


def coverage(ds: Dataset, today: dt.date, region: str | None = "asean") -> list[StateCoverage]:
    """Coverage of every state record (ASEAN members only by default)."""
    rows = []
    for country in ds.countries.values():
        if region and country.region != region:
            continue
        sections = [section_coverage(name, getattr(country, name), today) for name, _, _ in PROFILE_SECTIONS]
        rows.append(StateCoverage(country.id, country.name, sections))
    return rows


def as_text(rows: list[StateCoverage]) -> str:
    """A plain-text table for the terminal (and for closing notes): one line per state, one column per section."""
    short = {"identity": "ident", "authorities": "auth", "legislation": "laws", "trafficking_definition": "defn",
             "non_punishment": "nonpun", "mutual_legal_assistance": "mla", "extradition": "extrad",
             "evidence": "evid", "informal_cooperation": "informal"}
    head = f"{'state':<22}" + "".join(f"{short[n]:>10}" for n, _, _ in PROFILE_SECTIONS) + f"{'sourced':>9}{'facts':>7}{'unknown':>9}{'stale':>7}"
    lines = [head, "-" * len(head)]
    for r in rows:
        cells = []
        for s in r.sections:
            if s.status == "unknown":
                cells.append(f"{'—':>10}")
            else:
                mark = "!" if s.stale else ""
                cells.append(f"{f'{s.filled}/{s.filled + s.unknown} s{s.sources}{mark}':>10}")
        lines.append(f"{r.name[:21]:<22}" + "".join(cells)
                     + f"{f'{r.sourced_sections}/{len(r.sections)}':>9}{r.filled:>7}{r.unknown:>9}{r.stale:>7}")
    lines.append("")
    lines.append("cell: facts filled/fields, s = number of sources, ! = stale (not checked for a year), — = not yet verified")
    return "\n".join(lines)
