"""Meaning-level and cross-record checks: each rule is a small named function yielding problems."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from . import placeholders
from .loader import Source
from pydantic import BaseModel

from .models import PROVENANCE_FIELDS, Coded, Country, ElementAnswer, LegalTerm, Provision, Requirement, Section, Treaty
from .problems import Problem



@dataclass(frozen=True)
class Collection:
    """What the rules look at: the validated records and the files they came from."""

    countries: dict[str, tuple[Country, Source]]
    treaties: dict[str, tuple[Treaty, Source]]
    today: dt.date


Rule = Callable[[Collection], Iterator[Problem]]
RULES: list[Rule] = []


def rule(fn: Rule) -> Rule:
    RULES.append(fn)
    return fn


def _sections(country: Country) -> Iterator[tuple[str, Section]]:
    for name in type(country).model_fields:
        value = getattr(country, name)
        if isinstance(value, Section):
            yield name, value


def walk(model: BaseModel, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], object]]:
    """Every value inside a record with its location, depth first (models, lists and mappings)."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        here = (*loc, name)
        yield here, value
        if isinstance(value, BaseModel):
            yield from walk(value, here)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                yield (*here, i), item
                if isinstance(item, BaseModel):
                    yield from walk(item, (*here, i))
        elif isinstance(value, dict):
            for key, item in value.items():
                yield (*here, key), item
                if isinstance(item, BaseModel):
                    yield from walk(item, (*here, key))


def _all_sections(c: Collection) -> Iterator[tuple[tuple[str, ...], Section, Source]]:
    for country, src in c.countries.values():
        for name, section in _sections(country):
            yield (name,), section, src
    for treaty, src in c.treaties.values():
        yield (), treaty, src


@rule
def file_name_matches_id(c: Collection) -> Iterator[Problem]:
    """`data/countries/th.yml` holds `id: TH`; `data/treaties/untoc.yml` holds `id: untoc`."""
    for record, src in [*c.countries.values(), *c.treaties.values()]:
        expected = record.id.lower() if isinstance(record, Country) else record.id
        if src.path.stem != expected:
            yield src.problem(("id",), f"expected the file to be named {expected}.yml, got {src.path.name}",
                              "file-name-matches-id", hint=f"rename the file to {expected}.yml or correct the id")


@rule
def section_is_sourced(c: Collection) -> Iterator[Problem]:
    """A section that states facts names its sources and when it was checked; an unknown one states none."""
    for loc, section, src in _all_sections(c):
        if section.status == "unknown":
            if isinstance(section, Treaty):
                continue  # a treaty's identity fields are required by the schema even while unverified
            content = sorted(section.model_fields_set - PROVENANCE_FIELDS)
            if content:
                yield src.problem((*loc, content[0]), f"a section with status unknown must not state facts, got {', '.join(content)}",
                                  "section-is-sourced", hint="source the facts and set status to needs_review, or remove them")
            continue
        if not section.sources:
            yield src.problem((*loc, "sources"), f"expected at least one source for a section with status {section.status}",
                              "section-is-sourced", hint="add a source, or set status: unknown and remove the unsourced facts")
        if section.last_verified is None:
            yield src.problem((*loc, "last_verified"), f"expected the date the section was last checked, for status {section.status}",
                              "section-is-sourced")


@rule
def dates_not_in_future(c: Collection) -> Iterator[Problem]:
    """`last_verified` and source `accessed` dates cannot be later than today."""
    for loc, section, src in _all_sections(c):
        if section.last_verified and section.last_verified > c.today:
            yield src.problem((*loc, "last_verified"), f"expected a date not after today ({c.today}), got {section.last_verified}",
                              "dates-not-in-future")
        for i, source in enumerate(section.sources):
            if source.accessed > c.today:
                yield src.problem((*loc, "sources", i, "accessed"), f"expected a date not after today ({c.today}), got {source.accessed}",
                                  "dates-not-in-future")


@rule
def law_references_exist(c: Collection) -> Iterator[Problem]:
    """Provisions and section `law` fields name a law listed under legislation; law ids are unique."""
    for country, src in c.countries.values():
        ids: set[str] = set()
        for i, law in enumerate(country.legislation.laws):
            if law.id in ids:
                yield src.problem(("legislation", "laws", i, "id"), f"law id {law.id!r} is used twice", "law-references-exist")
            ids.add(law.id)
        refs: list[tuple[tuple[str | int, ...], str | None]] = [
            ((*loc, "law"), value.law) for loc, value in walk(country) if isinstance(value, Provision)
        ]
        refs += [((name, "law"), getattr(section, "law", None)) for name, section in _sections(country)
                 if name != "legislation" and "law" in type(section).model_fields]
        for loc, ref in refs:
            if ref is not None and ref not in ids:
                known = ", ".join(sorted(ids)) or "none"
                yield src.problem(loc, f"expected the id of a law under legislation.laws, got {ref!r}", "law-references-exist",
                                  hint=f"known law ids: {known}")


@rule
def treaty_parties_consistent(c: Collection) -> Iterator[Problem]:
    """Each state appears once; a bilateral treaty has exactly two parties, named in its id."""
    for treaty, src in c.treaties.values():
        seen: set[str] = set()
        for i, party in enumerate(treaty.parties):
            if party.state in seen:
                yield src.problem(("parties", i, "state"), f"state {party.state} is listed twice", "treaty-parties-consistent")
            seen.add(party.state)
        if treaty.kind == "bilateral":
            codes = sorted(p.state.lower() for p in treaty.parties)
            if len(codes) != 2:
                yield src.problem(("parties",), f"expected exactly two parties for a bilateral treaty, got {len(codes)}",
                                  "treaty-parties-consistent")
            elif not treaty.id.endswith("-".join(codes)):
                yield src.problem(("id",), f"expected a bilateral treaty id ending in -{'-'.join(codes)}, got {treaty.id!r}",
                                  "treaty-parties-consistent", hint="bilateral ids are <kind>-<a>-<b>, ISO codes in alphabetical order")


@rule
def treaty_dates_in_order(c: Collection) -> Iterator[Problem]:
    """Signature comes before consent, consent before entry into force; adoption before general entry into force."""
    for treaty, src in c.treaties.values():
        if treaty.adopted and treaty.entry_into_force and treaty.entry_into_force < treaty.adopted:
            yield src.problem(("entry_into_force",), f"expected a date on or after adoption ({treaty.adopted}), got {treaty.entry_into_force}",
                              "treaty-dates-in-order")
        for i, party in enumerate(treaty.parties):
            if party.signed and party.consent_date and party.consent_date < party.signed:
                yield src.problem(("parties", i, "consent_date"), f"expected a date on or after signature ({party.signed}), got {party.consent_date}",
                                  "treaty-dates-in-order")
            if party.consent_date and party.in_force and party.in_force < party.consent_date:
                yield src.problem(("parties", i, "in_force"), f"expected a date on or after consent ({party.consent_date}), got {party.in_force}",
                                  "treaty-dates-in-order")


@rule
def treaty_references_exist(c: Collection) -> Iterator[Problem]:
    """A protocol's `supplements` names a treaty that has a record."""
    for treaty, src in c.treaties.values():
        if treaty.supplements and treaty.supplements not in c.treaties:
            yield src.problem(("supplements",), f"expected the id of a treaty under data/treaties, got {treaty.supplements!r}",
                              "treaty-references-exist")


def _source_refs(numbers: list[int], sources: list, loc: tuple[str | int, ...], src: Source, rule_name: str,
                 *, pinpoint: bool) -> Iterator[Problem]:
    for i, number in enumerate(numbers):
        if number > len(sources):
            yield src.problem((*loc, "sources", i), f"there is no source {number}: this section lists {len(sources)}",
                              rule_name, hint="sources are numbered from 1 in the order they are listed under `sources`")
        elif pinpoint and not sources[number - 1].pinpoint:
            yield src.problem((*loc, "sources", i), f"source {number} ({sources[number - 1].title!r}) has no pinpoint",
                              rule_name, hint="give that source a `pinpoint` (article, section, page) that says this")


@rule
def coded_answer_sourced(c: Collection) -> Iterator[Problem]:
    """A yes/no/partly answer names the section's sources that say so, each with a pinpoint; unknown names none."""
    for country, src in c.countries.values():
        for name, section in _sections(country):
            if section.status == "unknown":
                continue
            for loc, value in walk(section, (name,)):
                if isinstance(value, (Requirement, LegalTerm)):
                    if not value.sources:
                        yield src.problem((*loc, "sources"), "name the sources that say so (`sources: [N]`)",
                                          "coded-answer-sourced", hint="number this section's sources from 1; each needs a pinpoint")
                    yield from _source_refs(value.sources, section.sources, loc, src, "coded-answer-sourced", pinpoint=True)
                    continue
                if not isinstance(value, Coded) or not value.known:
                    continue
                if not value.sources:
                    pinned = [f"{i} ({s.title[:40]!r}, {s.pinpoint})" for i, s in enumerate(section.sources, 1) if s.pinpoint]
                    hint = ("add `sources: [N]` naming the source that says so" +
                            (f"; pinpointed sources here: {'; '.join(pinned[:4])}" if pinned else
                             "; add a source with a pinpoint (article, section, page) first") +
                            ", or code the answer `unknown` with a note of what was searched")
                    yield src.problem((*loc, "answer"), f"the answer {value.answer!r} names no source", "coded-answer-sourced",
                                      hint=hint)
                yield from _source_refs(value.sources, section.sources, loc, src, "coded-answer-sourced", pinpoint=True)


@rule
def no_only_after_full_reading(c: Collection) -> Iterator[Problem]:
    """An element of the definition is 'no' only where every article creating a trafficking offence was read."""
    for country, src in c.countries.values():
        d = country.trafficking_definition
        if d.read_in_full:
            continue
        for loc, value in walk(d.elements, ("trafficking_definition", "elements")):
            if isinstance(value, ElementAnswer) and value.answer == "no":
                yield src.problem((*loc, "answer"), "an element can be 'no' only when every offence article has been read",
                                  "no-only-after-full-reading",
                                  hint="set `read_in_full: true` and list `articles_read`, or code it `unknown`: "
                                       "not found in the articles read is not absent from the law")
        if d.read_in_full and not d.articles_read:
            yield src.problem(("trafficking_definition", "read_in_full"), "say which articles were read: `articles_read` is empty",
                              "no-only-after-full-reading")


@rule
def participation_consistent(c: Collection) -> Iterator[Problem]:
    """Consent and its date belong to parties; a state's status and declarations point at the treaty's own sources."""
    for treaty, src in c.treaties.values():
        for i, party in enumerate(treaty.parties):
            loc: tuple[str | int, ...] = ("parties", i)
            if party.status != "party" and (party.consent or party.consent_date or party.in_force):
                yield src.problem((*loc, "status"), f"consent and its dates are given, but the status is {party.status!r}",
                                  "participation-consistent", hint="a state with an instrument of consent deposited is a `party`")
            yield from _source_refs(party.sources, treaty.sources, loc, src, "participation-consistent", pinpoint=False)
            for j, declaration in enumerate(party.declarations):
                if not declaration.sources:
                    yield src.problem((*loc, "declarations", j, "sources"), "a declaration names the source that gives it",
                                      "participation-consistent", hint="add `sources: [N]`, numbering the treaty's sources from 1")
                yield from _source_refs(declaration.sources, treaty.sources, (*loc, "declarations", j), src,
                                        "participation-consistent", pinpoint=False)


# Placeholder findings by record: the scan walks every value of a record, and while serving an unchanged file gives
# back the same record object (see dataset._READ), so each record is scanned once. The record is kept with its
# findings, so its id cannot be reused while the entry lives.
_PLACEHOLDERS: dict[int, tuple[object, list]] = {}


def _placeholders_in(record: object) -> list:
    hit = _PLACEHOLDERS.get(id(record))
    if hit is None or hit[0] is not record:
        if len(_PLACEHOLDERS) > 4096:
            _PLACEHOLDERS.clear()
        hit = _PLACEHOLDERS[id(record)] = (record, list(placeholders.find(record.model_dump(by_alias=True))))
    return hit[1]


@rule
def no_placeholders(c: Collection) -> Iterator[Problem]:
    """No value copied from a record template ('City', 'https://...', 'in your own words', example.org) is published."""
    for record, src in [*c.countries.values(), *c.treaties.values()]:
        for loc, value, why in _placeholders_in(record):
            yield src.problem(loc, f"expected a sourced fact, got {value!r}: {why}", "no-placeholders",
                              hint="replace it with the fact as the source states it, or remove the field "
                                   "(coded answers take `unknown`)")


def check(collection: Collection) -> list[Problem]:
    """Run every rule over the whole collection; one bad record never hides another."""
    return [problem for r in RULES for problem in r(collection)]

