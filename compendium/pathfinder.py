"""The pathfinder: for a requesting and a requested state, what lets them cooperate and what stands in the way."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .dataset import Dataset
from .models import BOUND, Authority, Country, Source, Treaty
from .views import Provenance, central_authorities, definition_elements, provenance
from .vocabulary import PROFILE_SECTIONS, label

_COOPERATION = ("mla", "extradition")
_STRENGTH = {"bilateral": 0, "regional": 1, "multilateral": 2}


@dataclass(frozen=True)
class LegalBasis:
    """One way to ground a request, with what it covers and how sure we are."""

    kind: str  # bilateral_treaty | regional | multilateral | reciprocity | no_treaty_needed
    title: str
    covers: list[str]  # mla, extradition
    detail: str
    href: str  # treaty page or profile section
    sources: list[Source]
    certain: bool  # False where a party's status is unknown


@dataclass(frozen=True)
class Gap:
    """An element of trafficking that one state's definition covers and the other's does not (or may not)."""

    group: str  # acts / means / purposes / persons
    element: str
    requesting: str  # yes / no / partly / unknown
    requested: str
    meaning: str
    certain: bool


@dataclass(frozen=True)
class Line:
    """A sentence of the outlook, with the record section it comes from."""

    text: str
    value: str  # yes / no / partly / unknown, for colour
    href: str
    sources: list[Source]


@dataclass(frozen=True)
class Warning:
    state: str
    section: str
    status: str
    stale: bool


@dataclass(frozen=True)
class Pathway:
    """Everything the pair page shows; derived from both records, never typed by hand."""

    requesting: Country
    requested: Country
    bases: list[LegalBasis]
    send_to: list[Authority]
    send_to_sources: list[Source]
    request_lines: list[Line]
    gaps: list[Gap]
    dual_criminality: list[Line]
    victims: list[Line]
    extradition: list[Line]
    evidence: list[Line]
    warnings: list[Warning] = field(default_factory=list)

    @property
    def has_mla_basis(self) -> bool:
        return any("mla" in b.covers and b.certain for b in self.bases)


def _href(code: str, anchor: str) -> str:
    return f"countries/{code.lower()}/index.md#{anchor}"


def _cooperation_scope(ds: Dataset, treaty: Treaty) -> list[str]:
    # A protocol (e.g. the Trafficking Protocol) brings its parent's cooperation articles with it
    # (UNTOC art. 37 and Protocol art. 1): offences under it count as offences under the Convention.
    scope = [s for s in treaty.scope if s in _COOPERATION]
    if not scope and treaty.supplements and treaty.supplements in ds.treaties:
        scope = [s for s in ds.treaties[treaty.supplements].scope if s in _COOPERATION]
    return scope


def legal_bases(ds: Dataset, a: str, b: str) -> list[LegalBasis]:
    """Strongest first: bilateral treaties, then regional and multilateral treaties both are bound by, then
    the requested state's domestic law (reciprocity for MLA, extradition without a treaty)."""
    out: list[LegalBasis] = []
    of_b = {t.id: p for t, p in ds.treaties_of(b)}
    shared = [(t, pa, of_b[t.id]) for t, pa in ds.treaties_of(a) if t.id in of_b]
    for t, pa, pb in sorted(shared, key=lambda x: (_STRENGTH[x[0].kind], x[0].short_name)):
        covers = _cooperation_scope(ds, t)
        if not covers:
            continue
        if t.kind == "bilateral":
            dates = ", ".join(x for x in [f"signed {t.adopted}" if t.adopted else "",
                                         f"in force {t.entry_into_force}" if t.entry_into_force else ""] if x)
            out.append(LegalBasis("bilateral_treaty", t.short_name, covers, dates or "dates not recorded",
                                  f"treaties/{t.id}/index.md", list(t.sources), True))
            continue
        bound_a, bound_b = pa.consent in BOUND, pb.consent in BOUND
        if bound_a and bound_b:
            detail = f"both parties ({ds.state_name(a)}: {label(pa.consent).lower()} {pa.consent_date or ''}; " \
                     f"{ds.state_name(b)}: {label(pb.consent).lower()} {pb.consent_date or ''})"
            out.append(LegalBasis(t.kind, t.short_name, covers, " ".join(detail.split()), f"treaties/{t.id}/index.md#parties",
                                  list(t.sources), True))
        elif pa.consent not in ("not_party", "signature_only") and pb.consent not in ("not_party", "signature_only"):
            unknown = [ds.state_name(x) for x, p in ((a, pa), (b, pb)) if p.consent not in BOUND]
            out.append(LegalBasis(t.kind, t.short_name, covers, f"status not yet verified for {' and '.join(unknown)}",
                                  f"treaties/{t.id}/index.md#parties", list(t.sources), False))
    requested = ds.country(b)
    m, x = requested.mutual_legal_assistance, requested.extradition
    if m.status != "unknown" and "reciprocity" in m.legal_bases:
        out.append(LegalBasis("reciprocity", f"Reciprocity under {requested.name}'s law", ["mla"],
                              f"{requested.name} assists without a treaty on an assurance of reciprocity",
                              _href(b, "mutual-legal-assistance"), list(m.sources), True))
    if x.status != "unknown" and x.treaty_required == "no":
        out.append(LegalBasis("no_treaty_needed", f"Extradition under {requested.name}'s law", ["extradition"],
                              f"{requested.name} can extradite without a treaty", _href(b, "extradition"), list(x.sources), True))
    # strongest first: bilateral, then shared regional/multilateral treaties, then the requested state's own law;
    # bases that depend on a status not yet verified come last, so the reader starts with what is sure
    rank = {"bilateral_treaty": 0, "regional": 1, "multilateral": 2, "reciprocity": 3, "no_treaty_needed": 3}
    return sorted(out, key=lambda basis: (not basis.certain, rank[basis.kind]))


_MEANING = {
    "forced_criminality": "Victims forced to commit crimes (e.g. online scams) may be treated as offenders in the requested "
                          "state rather than as victims; dual criminality for trafficking may fail — consider charging the "
                          "underlying forced labour, deprivation of liberty or fraud offences as well.",
}


def definitional_gaps(ds: Dataset, a: str, b: str) -> list[Gap]:
    """Elements the requesting state's definition covers and the requested state's does not, or may not."""
    ra = {(r.group, r.element): r.answer for r in definition_elements(ds.country(a).trafficking_definition)}
    rb = {(r.group, r.element): r.answer for r in definition_elements(ds.country(b).trafficking_definition)}
    gaps = []
    for key, answer_a in ra.items():
        answer_b = rb[key]
        if answer_a in ("yes", "partly") and answer_b in ("no", "unknown", "partly") and answer_b != answer_a:
            group, element = key
            what = {"acts": f"the act of {label(element).lower()} is", "means": f"{label(element).lower()} as a means is",
                    "purposes": f"exploitation by {label(element).lower()} is"}[group]
            state = "not named" if answer_b == "no" else "not clearly named" if answer_b == "partly" else "not yet verified as named"
            meaning = _MEANING.get(element, f"In {ds.state_name(b)}'s definition {what} {state}: conduct relying on it may "
                                            "not meet dual criminality as trafficking; other offences may still apply.")
            gaps.append(Gap(group, element, answer_a, answer_b, meaning, answer_b == "no"))
    # forced criminality first (the scam-compound question), then certain gaps before unverified ones
    gaps.sort(key=lambda g: (g.element != "forced_criminality", not g.certain))
    da, db = ds.country(a).trafficking_definition, ds.country(b).trafficking_definition
    if da.persons_covered == "all_persons" and db.persons_covered == "women_and_children":
        gaps.insert(0, Gap("persons", "all_persons", "yes", "no",
                           f"{ds.state_name(b)}'s definition protects only women and children: trafficking of men may not "
                           "meet dual criminality.", True))
    return gaps


def _line(text: str, value: str, code: str, anchor: str, sources: list[Source]) -> Line:
    return Line(text, value, _href(code, anchor), sources)


def pathway(ds: Dataset, a: str, b: str, today: dt.date) -> Pathway:
    """The pair analysis for requesting state `a` and requested state `b`."""
    A, B = ds.country(a), ds.country(b)
    bm, bx, be, ae = B.mutual_legal_assistance, B.extradition, B.evidence, A.evidence

    request_lines = []
    if bm.status != "unknown":
        langs = bm.languages if bm.languages != "unknown" else B.identity.request_languages
        request_lines.append(_line("Language: " + (", ".join(langs) if langs != "unknown" else label("unknown")),
                                   "yes" if langs != "unknown" else "unknown", b, "mutual-legal-assistance", list(bm.sources)))
        if bm.request_content:
            request_lines.append(_line("Must contain: " + "; ".join(bm.request_content), "yes", b, "mutual-legal-assistance", list(bm.sources)))
        for title, value in (("Certification", bm.certification), ("Urgent requests", bm.urgent_channels), ("Time frames", bm.timelines)):
            if value:
                request_lines.append(_line(f"{title}: {value}", "yes", b, "mutual-legal-assistance", list(bm.sources)))
    else:
        request_lines.append(_line(f"{B.name}'s requirements for requests are not yet verified.", "unknown", b,
                                   "mutual-legal-assistance", []))

    gaps = definitional_gaps(ds, a, b)
    dual = []
    for title, rule, anchor, section in (("MLA", bm.dual_criminality, "mutual-legal-assistance", bm),
                                         ("Extradition", bx.dual_criminality, "extradition", bx)):
        if rule == "unknown" or section.status == "unknown":
            dual.append(_line(f"{title}: whether {B.name} requires dual criminality is not yet verified.", "unknown", b, anchor, list(section.sources)))
        elif rule == "not_required":
            dual.append(_line(f"{title}: {B.name} does not require dual criminality.", "yes", b, anchor, list(section.sources)))
        else:
            impact = " — the definitional gaps above matter here." if gaps else "."
            dual.append(_line(f"{title}: dual criminality {label(rule).lower()} in {B.name}{impact}",
                              "partly" if gaps else "yes", b, anchor, list(section.sources)))

    np = B.non_punishment
    victims = []
    if np.status == "unknown" or np.exists == "unknown":
        victims.append(_line(f"Whether {B.name} protects trafficking victims from punishment for offences they were "
                             "compelled to commit is not yet verified.", "unknown", b, "non-punishment", list(np.sources)))
    else:
        scope = f" Scope: {np.scope}" if np.scope else ""
        victims.append(_line(f"{B.name} non-punishment provision: {label(np.exists).lower()}.{scope}", np.exists, b,
                             "non-punishment", list(np.sources)))
    if any(g.element == "forced_criminality" for g in gaps):
        victims.append(_line(f"Forced criminality is not clearly trafficking in {B.name}: victims of scam compounds there "
                             "risk prosecution unless identified as victims.", "no", b, "trafficking-definition",
                             list(B.trafficking_definition.sources)))

    has_extradition_treaty = any(t.kind == "bilateral_treaty" and "extradition" in t.covers for t in legal_bases(ds, a, b))
    extradition = []
    if bx.status == "unknown":
        extradition.append(_line(f"{B.name}'s extradition rules are not yet verified.", "unknown", b, "extradition", []))
    else:
        src = list(bx.sources)
        extradition.append(_line(f"Own nationals: {label(bx.nationals)}.", {"allowed": "yes", "not_allowed": "no",
                                 "discretionary": "partly"}.get(bx.nationals, "unknown"), b, "extradition", src))
        extradition.append(_line(f"Treaty required: {label(bx.treaty_required).lower()}"
                                 + ("; a bilateral extradition treaty exists." if has_extradition_treaty else "."),
                                 "yes" if has_extradition_treaty or bx.treaty_required == "no" else bx.treaty_required,
                                 b, "extradition", src))
        extradition.append(_line(f"UNTOC accepted as legal basis: {label(bx.untoc_as_basis).lower()}.", bx.untoc_as_basis,
                                 b, "extradition", src))
        extradition.append(_line(f"Provisional arrest: {label(bx.provisional_arrest).lower()}.", bx.provisional_arrest, b, "extradition", src))

    evidence = []
    if be.status != "unknown":
        evidence.append(_line(f"Video-link testimony in {B.name}: {label(be.video_link_testimony).lower()}.",
                              be.video_link_testimony, b, "evidence", list(be.sources)))
    else:
        evidence.append(_line(f"{B.name}'s evidence rules are not yet verified.", "unknown", b, "evidence", []))
    if ae.status != "unknown":
        evidence.append(_line(f"Evidence obtained abroad admissible in {A.name}: {label(ae.foreign_evidence_admissible).lower()}.",
                              ae.foreign_evidence_admissible, a, "evidence", list(ae.sources)))
        evidence.append(_line(f"Video-link testimony in {A.name} (a victim testifying from home): "
                              f"{label(ae.video_link_testimony).lower()}.", ae.video_link_testimony, a, "evidence", list(ae.sources)))
    else:
        evidence.append(_line(f"{A.name}'s evidence rules are not yet verified.", "unknown", a, "evidence", []))

    warnings = []
    for country in (A, B):
        for name, title, _ in PROFILE_SECTIONS:
            prov: Provenance = provenance(getattr(country, name), today)
            if not prov.known or prov.stale:
                warnings.append(Warning(country.name, title, prov.status, prov.stale))

    return Pathway(
        requesting=A,
        requested=B,
        bases=legal_bases(ds, a, b),
        send_to=central_authorities(B) if B.authorities.status != "unknown" else [],
        send_to_sources=list(B.authorities.sources),
        request_lines=request_lines,
        gaps=gaps,
        dual_criminality=dual,
        victims=victims,
        extradition=extradition,
        evidence=evidence,
        warnings=warnings,
    )


def pairs(ds: Dataset) -> list[tuple[str, str]]:
    """Ordered pairs of ASEAN member states with a record: the pair pages built statically."""
    members = [c.id for c in ds.countries.values() if c.region == "asean"]
    return [(a, b) for a in members for b in members if a != b]
