"""Pure functions from the Dataset to what each page shows: all page logic lives here, tested."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import get_args

from .dataset import Dataset
from .models import (
    Act,
    Authority,
    Concept,
    Coded,
    Country,
    ElementAnswer,
    Law,
    Means,
    Measure,
    Participation,
    Provision,
    Purpose,
    Requirement,
    Section,
    Source,
    TraffickingDefinition,
    Treaty,
    is_unknown,
)
from .vocabulary import PROFILE_SECTIONS, label

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


def data_as_of(ds: Dataset) -> dt.date | None:
    """The latest day on which any section was checked against its sources: what "data as of" means to a reader."""
    return max((s.last_verified for s in _sections(ds) if s.last_verified), default=None)


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


# --- coded answers ------------------------------------------------------------------------------

# A line that states recorded text (a contact, a time frame) rather than a coded answer: neither yes nor no.
RECORDED = "recorded"

# Colours for vocabularies that are not yes/no: what the answer means for a requesting state.
_TONE = {RECORDED: "info", "allowed": "yes", "not_allowed": "no", "discretionary": "partly", "all_persons": "yes",
         "women_and_children": "no", "not_required": "yes", "coercive_measures_only": "partly", "required": "partly"}


@dataclass(frozen=True)
class Finding:
    """A coded answer as a reader sees it: the answer, the provision and the sources that say so."""

    value: str  # the coded value (yes, no, partly, unknown, or the field's own vocabulary)
    provision: str | None  # "section 4, Anti-Trafficking in Persons Act 2008"
    sources: list[Source]
    scope: str | None = None
    note: str | None = None
    refs: tuple[int, ...] = ()  # the numbers of those sources in the notes of the section showing it (`Notes.cite`)

    @property
    def known(self) -> bool:
        return self.value != "unknown"

    @property
    def tone(self) -> str:
        """yes / no / partly / unknown, for colour."""
        return _TONE.get(self.value, self.value)

    @property
    def text(self) -> str:
        return label(self.value)

    @property
    def secondary_only(self) -> bool:
        """True when no source behind the answer is official or intergovernmental: shown as a caution."""
        return self.known and bool(self.sources) and not any(s.official for s in self.sources)


UNKNOWN_FINDING = Finding("unknown", None, [])


class Notes:
    """The numbered source notes of one section of a page, as a legal text gives them: sources are numbered in the
    order the section first cites them, and a source cited again keeps its number, so each is listed once."""

    def __init__(self) -> None:
        self.sources: list[Source] = []
        self._numbers: dict[str, int] = {}

    def cite(self, sources: list[Source]) -> tuple[int, ...]:
        """The note numbers of `sources`, adding those not yet listed."""
        numbers = []
        for s in sources:
            key = s.model_dump_json()
            if key not in self._numbers:
                self.sources.append(s)
                self._numbers[key] = len(self.sources)
            numbers.append(self._numbers[key])
        return tuple(dict.fromkeys(numbers))

    def finding(self, f: Finding) -> Finding:
        """`f` citing its sources by their numbers in these notes."""
        return replace(f, refs=self.cite(f.sources))


def provision_text(provision: Provision | None, laws: dict[str, Law]) -> str | None:
    if provision is None:
        return None
    law = laws.get(provision.law)
    return f"{provision.article}, {law.title}" if law else provision.article


def finding(coded: Coded, section: Section, laws: dict[str, Law]) -> Finding:
    """A coded answer with the sources it names; unknown while its section is unsourced (silence is not a 'no')."""
    if section.status == "unknown" or not coded.known:
        return Finding("unknown", provision_text(coded.provision, laws), [], None, coded.note)
    refs = tuple(n for n in coded.sources if n <= len(section.sources))
    return Finding(coded.answer, provision_text(coded.provision, laws), [section.sources[n - 1] for n in refs], coded.scope,
                   coded.note, refs)


def laws_of(country: Country) -> dict[str, Law]:
    return {law.id: law for law in country.legislation.laws}


def country_finding(country: Country, section_name: str, field_name: str) -> Finding:
    """`country_finding(th, "extradition", "nationals")`: one coded answer of a state, ready to show."""
    section = getattr(country, section_name)
    return finding(getattr(section, field_name), section, laws_of(country))


# --- treaties -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TreatyStatusRow:
    """One treaty as it stands for one state."""

    treaty: Treaty
    participation: Participation
    partner: str | None  # for a bilateral treaty: the other state's code
    partner_name: str | None
    partner_profiled: bool = False

    @property
    def bound(self) -> bool:
        return self.participation.bound


def participation_text(p: Participation | None) -> tuple[str, str]:
    """(value, text) for a state's status under a treaty: each known fact said, nothing more.
    No entry at all is unknown, never 'not a party'."""
    if p is None or p.status == "unknown":
        signed = f" (signed {p.signed.isoformat()})" if p is not None and p.signed else ""
        return "unknown", "Unknown" + signed
    if p.status == "party":
        how = f" by {label(p.consent).lower()}" if p.consent else ""
        when = f" since {p.consent_date.isoformat()}" if p.consent_date else (
            f", in force {p.in_force.isoformat()}" if p.in_force else " (date not recorded)")
        return "yes", f"Party{how}{when}"
    if p.status == "signatory":
        return "partly", f"Signed {p.signed.year}, not ratified" if p.signed else "Signed, not ratified"
    return "no", "Not a party"


# --- trafficking definition ---------------------------------------------------------------------

ELEMENT_GROUPS: list[tuple[str, str, tuple[str, ...]]] = [
    ("acts", "Acts", get_args(Act)),
    ("means", "Means", get_args(Means)),
    ("purposes", "Purposes of exploitation", get_args(Purpose)),
]
ELEMENT_COUNT = sum(len(vocabulary) for _, _, vocabulary in ELEMENT_GROUPS)


@dataclass(frozen=True)
class ElementRow:
    """Whether the state's trafficking offences cover one element, and where."""

    group: str
    element: str
    finding: Finding

    @property
    def answer(self) -> str:
        return self.finding.value


def definition_elements(definition: TraffickingDefinition, laws: dict[str, Law]) -> list[ElementRow]:
    """Every element of the vocabulary; one not recorded is unknown, never 'no'."""
    rows = []
    for group, _, vocabulary in ELEMENT_GROUPS:
        recorded: dict[str, ElementAnswer] = getattr(definition.elements, group)
        for element in vocabulary:
            coded = recorded.get(element)
            rows.append(ElementRow(group, element, finding(coded, definition, laws) if coded else UNKNOWN_FINDING))
    return rows


# --- profile ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyPoint:
    """One line of the summary that opens a profile or pair page, linking down to the section that says more."""

    label: str
    text: str
    tone: str  # yes / no / partly / unknown for a coded answer; "fact" for a name or a list
    href: str  # the anchor on the page, "#authorities"


def coded_point(text: str, f: Finding, href: str) -> KeyPoint:
    """A key point stating a coded answer, with its provision."""
    detail = f"{f.text}" + (f" ({f.provision})" if f.known and f.provision else "")
    return KeyPoint(text, detail, f.tone, href)


def _listed(values: list[str] | str, section: Section) -> str | None:
    """A list field as one line of text, or None while it or its section is not yet verified."""
    if section.status == "unknown" or is_unknown(values) or isinstance(values, str):
        return None
    return ", ".join(label(v) for v in values)


def contact_text(authorities: list[Authority]) -> str | None:
    """The central authorities with the first way to reach each: "Office of the Attorney General (unit): e-mail"."""
    parts = []
    for a in authorities:
        reach = a.email or a.phone or a.website
        parts.append(a.institution + (f" ({a.unit})" if a.unit else "") + (f": {reach}" if reach else ""))
    return "; ".join(parts) or None


def request_languages(country: Country) -> str | None:
    """The languages a request to the state must be in: its MLA rule, else the languages it accepts for requests."""
    return (_listed(country.mutual_legal_assistance.languages, country.mutual_legal_assistance)
            or _listed(country.identity.request_languages, country.identity))


def fact_point(name: str, text: str | None, href: str) -> KeyPoint:
    """A key point stating a name or a list, shown as not yet verified while there is none."""
    return KeyPoint(name, text, "fact", href) if text else KeyPoint(name, label("unknown"), "unknown", href)


def forced_criminality(country: Country) -> Finding:
    """Whether the state's trafficking offences cover exploitation in crime (scam compounds and the like)."""
    rows = definition_elements(country.trafficking_definition, laws_of(country))
    return next(r.finding for r in rows if r.element == "forced_criminality")


def key_points(country: Country) -> list[KeyPoint]:
    """What an official needs first about a state, each line linking to its section below."""
    reach = contact_text(central_authorities(country)) if country.authorities.status != "unknown" else None
    mla = country.mutual_legal_assistance
    return [
        fact_point("Central authority", reach, "#authorities"),
        fact_point("Legal bases accepted for assistance", _listed(mla.legal_bases, mla), "#mutual-legal-assistance"),
        fact_point("Language of requests", request_languages(country), "#mutual-legal-assistance"),
        coded_point("Trafficking definition covers forced criminality", forced_criminality(country), "#trafficking-definition"),
        coded_point("Victims not punished for offences they were compelled to commit",
                     country_finding(country, "non_punishment", "provision_exists"), "#non-punishment"),
    ]


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
    findings: dict[str, Finding]  # "extradition.nationals" → the answer as shown
    measures: list[tuple[str, "MeasureView"]]
    facts_filled: int
    facts_total: int
    stale_sections: int
    key_points: list[KeyPoint]

    def f(self, key: str) -> Finding:
        return self.findings[key]


@dataclass(frozen=True)
class MeasureView:
    """One measure of a state's request requirements, as shown."""

    available: Finding
    dual_criminality: Finding
    authority: str | None
    requirements: list[Requirement]


def measures(country: Country) -> list[tuple[str, MeasureView]]:
    """The measures the state's record speaks of, in the vocabulary's order."""
    section, laws = country.request_requirements, laws_of(country)
    if section.status == "unknown":
        return []
    return [(name, MeasureView(finding(rule.available, section, laws), finding(rule.dual_criminality, section, laws),
                               rule.authority, list(rule.requirements)))
            for name in get_args(Measure) if (rule := section.measures.get(name)) is not None]


def treaty_rows(ds: Dataset, code: str) -> tuple[list[TreatyStatusRow], list[TreatyStatusRow]]:
    """The state's multilateral/regional treaty status and its bilateral treaties, from the treaty records."""
    multilateral, bilateral = [], []
    for treaty, party in ds.treaties_of(code):
        if treaty.kind == "bilateral":
            partner = next((p.state for p in treaty.parties if p.state != code), None)
            bilateral.append(TreatyStatusRow(treaty, party, partner, ds.state_name(partner) if partner else None,
                                             partner in ds.countries))
        else:
            multilateral.append(TreatyStatusRow(treaty, party, None, None))
    bilateral.sort(key=lambda r: (r.partner_name or "", r.treaty.id))
    return multilateral, bilateral


def central_authorities(country: Country) -> list[Authority]:
    return [a for a in country.authorities.authorities if "mla_central_authority" in a.roles]


def all_findings(country: Country) -> dict[str, Finding]:
    """Every coded answer directly in a section, keyed `section.field`."""
    laws = laws_of(country)
    out = {}
    for name, _, _ in PROFILE_SECTIONS:
        section = getattr(country, name)
        for field_name in type(section).model_fields:
            value = getattr(section, field_name)
            if isinstance(value, Coded):
                out[f"{name}.{field_name}"] = finding(value, section, laws)
    return out


def profile(ds: Dataset, code: str, today: dt.date) -> Profile:
    from .coverage import state_coverage  # coverage builds on these views

    country = ds.country(code)
    sections = {name: provenance(getattr(country, name), today) for name, _, _ in PROFILE_SECTIONS}
    multilateral, bilateral = treaty_rows(ds, country.id)
    cov = state_coverage(country, today)
    laws = laws_of(country)
    return Profile(
        country=country,
        sections=sections,
        multilateral=multilateral,
        bilateral=bilateral,
        laws=laws,
        central_authorities=central_authorities(country),
        elements=definition_elements(country.trafficking_definition, laws),
        findings=all_findings(country),
        measures=measures(country),
        facts_filled=cov.filled,
        facts_total=cov.total,
        stale_sections=cov.stale,
        key_points=key_points(country),
    )


@dataclass(frozen=True)
class CountryRow:
    """One line of the countries index."""

    code: str
    name: str
    region: str
    central_authority: str | None
    facts_filled: int
    facts_total: int
    stale_sections: int


def countries_index(ds: Dataset, today: dt.date) -> list[CountryRow]:
    from .coverage import state_coverage

    rows = []
    for code, country in ds.countries.items():
        cas = central_authorities(country) if country.authorities.status != "unknown" else []
        ca = cas[0] if cas else None
        name = f"{ca.institution} — {ca.unit}" if ca and ca.unit else (ca.institution if ca else None)
        cov = state_coverage(country, today)
        rows.append(CountryRow(code, country.name, country.region, name, cov.filled, cov.total, cov.stale))
    return rows


@dataclass(frozen=True)
class PartyRow:
    """One state's line on a treaty page."""

    code: str
    name: str
    profiled: bool
    participation: Participation
    status_text: str
    status_value: str
    sources: list[Source] = field(default_factory=list)


@dataclass(frozen=True)
class TreatyPage:
    treaty: Treaty
    provenance: Provenance
    parties: list[PartyRow]
    supplements: Treaty | None
    protocols: list[Treaty]


def treaty_page(ds: Dataset, treaty_id: str, today: dt.date) -> TreatyPage:
    treaty = ds.treaty(treaty_id)
    parties = []
    for p in treaty.parties:
        value, text = participation_text(p)
        sources = [treaty.sources[n - 1] for n in p.sources if n <= len(treaty.sources)]
        parties.append(PartyRow(p.state, ds.state_name(p.state), p.state in ds.countries, p, text, value, sources))
    parties.sort(key=lambda r: (not r.profiled, r.name))
    return TreatyPage(
        treaty=treaty,
        provenance=provenance(treaty, today),
        parties=parties,
        supplements=ds.treaties.get(treaty.supplements) if treaty.supplements else None,
        protocols=[t for t in ds.treaties.values() if t.supplements == treaty.id],
    )


@dataclass(frozen=True)
class TermRow:
    """One state's term for one concept, with where its law uses it."""

    code: str
    state: str
    region: str
    term: str
    language: str
    transliteration: str | None
    provision: str | None
    sources: list[Source]


def legal_terms(ds: Dataset) -> list[tuple[str, list[TermRow]]]:
    """For each concept of the glossary, the terms the states' own laws use (sourced entries only), members first."""
    by_concept: dict[str, list[TermRow]] = {c: [] for c in get_args(Concept)}
    for country in ds.countries.values():
        section = country.legal_terms
        if section.status == "unknown":
            continue
        laws = laws_of(country)
        for t in section.terms:
            sources = [section.sources[n - 1] for n in t.sources if n <= len(section.sources)]
            by_concept[t.concept].append(TermRow(country.id, country.name, country.region, t.term, t.language,
                                                 t.transliteration, provision_text(t.provision, laws), sources))
    return [(concept, rows) for concept, rows in by_concept.items()]


def treaties_index(ds: Dataset) -> dict[str, list[Treaty]]:
    """Treaties grouped by kind: multilateral, regional, bilateral."""
    groups: dict[str, list[Treaty]] = {"multilateral": [], "regional": [], "bilateral": []}
    for treaty in ds.treaties.values():
        groups[treaty.kind].append(treaty)
    return groups
