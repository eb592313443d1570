"""Pure functions from the Dataset to what each page shows: all page logic lives here, tested."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .dataset import Dataset
from typing import get_args

from .models import BOUND, Act, Authority, Country, Law, Means, Participation, Purpose, Section, Source, TraffickingDefinition, Treaty
from .vocabulary import PROFILE_SECTIONS

STALE_AFTER = dt.timedelta(days=365)  # a section not re-checked for a year is flagged to readers


NO_DATE = dt.date(1970, 1, 1)  # data with no dates, outside git: still a fixed date, never the clock


def build_date(ds: Dataset | None = None, repo: Path | None = None) -> dt.date:
    """The date a build speaks for ("data as of"; stale flags count from it): SOURCE_DATE_EPOCH when set, else the
    latest date the data was checked (`last_verified`, or a source's `accessed`), else the repository's last
    commit. Never the clock: two builds of the same tree are byte-identical, whenever they run."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    checked = [d for section in _sections(ds) for d in (section.last_verified, *(s.accessed for s in section.sources)) if d]
    if checked:
        return max(checked)
    return _commit_date(repo) if repo is not None else NO_DATE


def _sections(ds: Dataset | None) -> list[Section]:
    if ds is None:
        return []
    found: list[Section] = list(ds.treaties.values())
    for country in ds.countries.values():
        found += [value for name in type(country).model_fields if isinstance(value := getattr(country, name), Section)]
    return found


def _commit_date(repo: Path) -> dt.date:
    try:
        out = subprocess.run(["git", "-C", str(repo), "log", "-1", "--format=%ct"], capture_output=True, text=True,
                             check=True, timeout=10)
        return dt.datetime.fromtimestamp(int(out.stdout.strip()), dt.UTC).date()
    except (OSError, ValueError, subprocess.SubprocessError):
        return NO_DATE


@dataclass(frozen=True)
class Provenance:
    """How far a section can be trusted, as a reader needs to see it."""

    status: str
    last_verified: dt.date | None
    stale: bool
    sources: list[Source]
    notes: str | None

    @property
    def known(self) -> bool:
        return self.status != "unknown"


def provenance(section: Section, today: dt.date) -> Provenance:
    stale = section.status != "unknown" and (section.last_verified is None or today - section.last_verified > STALE_AFTER)
    return Provenance(section.status, section.last_verified, stale, list(section.sources), section.notes)


@dataclass(frozen=True)
class TreatyStatusRow:
    """One treaty as it stands for one state."""

    treaty: Treaty
    participation: Participation
    partner: str | None  # for a bilateral treaty: the other state's code
    partner_name: str | None

    @property
    def bound(self) -> bool:
        return self.participation.consent in BOUND


ELEMENT_GROUPS: list[tuple[str, str, tuple[str, ...]]] = [
    ("acts", "Acts", get_args(Act)),
    ("means", "Means", get_args(Means)),
    # forced criminality sits right after the classic purposes: it is the comparison practitioners need most
    ("purposes", "Purposes of exploitation", (*get_args(Purpose)[:5], "forced_criminality", *get_args(Purpose)[5:])),
]


@dataclass(frozen=True)
class ElementRow:
    """Whether one element of the trafficking definition is in the state's law: yes, no, or unknown."""

    group: str
    element: str
    answer: str


def definition_elements(definition: TraffickingDefinition) -> list[ElementRow]:
    """Each listed element as yes/no; all unknown while the section is unsourced (silence is not a 'no')."""
    rows = []
    for group, _, vocabulary in ELEMENT_GROUPS:
        listed = getattr(definition, group)
        for element in vocabulary:
            if element == "forced_criminality":
                answer = definition.forced_criminality  # coded explicitly: the words of a law rarely settle it
            elif definition.status == "unknown" or listed == "unknown":
                answer = "unknown"
            else:
                answer = "yes" if element in listed else "no"
            rows.append(ElementRow(group, element, answer))
    return rows


@dataclass(frozen=True)
class Profile:
    """Everything the profile page of one state shows."""

    country: Country
    sections: dict[str, Provenance]
    multilateral: list[TreatyStatusRow]
    bilateral: list[TreatyStatusRow]
    laws: dict[str, Law]
    central_authorities: list[Authority]
    elements: list[ElementRow]
    known_sections: int
    stale_sections: int


def treaty_rows(ds: Dataset, code: str) -> tuple[list[TreatyStatusRow], list[TreatyStatusRow]]:
    """The state's multilateral/regional treaty status and its bilateral treaties, from the treaty records."""
    multilateral, bilateral = [], []
    for treaty, party in ds.treaties_of(code):
        if treaty.kind == "bilateral":
            partner = next((p.state for p in treaty.parties if p.state != code), None)
            bilateral.append(TreatyStatusRow(treaty, party, partner, ds.state_name(partner) if partner else None))
        else:
            multilateral.append(TreatyStatusRow(treaty, party, None, None))
    bilateral.sort(key=lambda r: (r.partner_name or "", r.treaty.id))
    return multilateral, bilateral


def central_authorities(country: Country) -> list[Authority]:
    return [a for a in country.authorities.authorities if "mla_central_authority" in a.roles]


def profile(ds: Dataset, code: str, today: dt.date) -> Profile:
    country = ds.country(code)
    sections = {name: provenance(getattr(country, name), today) for name, _, _ in PROFILE_SECTIONS}
    multilateral, bilateral = treaty_rows(ds, country.id)
    return Profile(
        country=country,
        sections=sections,
        multilateral=multilateral,
        bilateral=bilateral,
        laws={law.id: law for law in country.legislation.laws},
        central_authorities=central_authorities(country),
        elements=definition_elements(country.trafficking_definition),
        known_sections=sum(p.known for p in sections.values()),
        stale_sections=sum(p.stale for p in sections.values()),
    )


@dataclass(frozen=True)
class CountryRow:
    """One line of the countries index."""

    code: str
    name: str
    region: str
    central_authority: str | None
    known_sections: int
    total_sections: int
    stale_sections: int


def countries_index(ds: Dataset, today: dt.date) -> list[CountryRow]:
    rows = []
    for code in ds.countries:
        p = profile(ds, code, today)
        ca = p.central_authorities[0] if p.central_authorities else None
        name = f"{ca.institution} — {ca.unit}" if ca and ca.unit else (ca.institution if ca else None)
        rows.append(CountryRow(code, p.country.name, p.country.region, name, p.known_sections, len(p.sections), p.stale_sections))
    return rows


@dataclass(frozen=True)
class PartyRow:
    """One state's line on a treaty page."""

    code: str
    name: str
    profiled: bool
    participation: Participation


@dataclass(frozen=True)
class TreatyPage:
    treaty: Treaty
    provenance: Provenance
    parties: list[PartyRow]
    supplements: Treaty | None
    protocols: list[Treaty]


def treaty_page(ds: Dataset, treaty_id: str, today: dt.date) -> TreatyPage:
    treaty = ds.treaty(treaty_id)
    parties = [PartyRow(p.state, ds.state_name(p.state), p.state in ds.countries, p) for p in treaty.parties]
    parties.sort(key=lambda r: (not r.profiled, r.name))
    return TreatyPage(
        treaty=treaty,
        provenance=provenance(treaty, today),
        parties=parties,
        supplements=ds.treaties.get(treaty.supplements) if treaty.supplements else None,
        protocols=[t for t in ds.treaties.values() if t.supplements == treaty.id],
    )


def treaties_index(ds: Dataset) -> dict[str, list[Treaty]]:
    """Treaties grouped by kind: multilateral, regional, bilateral."""
    groups: dict[str, list[Treaty]] = {"multilateral": [], "regional": [], "bilateral": []}
    for treaty in ds.treaties.values():
        groups[treaty.kind].append(treaty)
    return groups
