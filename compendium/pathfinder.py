"""The pathfinder: for a requesting and a requested state, the route to take and what stands in the way."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from .dataset import Dataset
from .models import Authority, Country, Declaration, InformalChannel, Participation, Source, Treaty
from .views import (
    RECORDED,
    ElementRow,
    Finding,
    KeyPoint,
    Notes,
    Provenance,
    central_authorities,
    coded_point,
    contact_text,
    country_finding,
    definition_elements,
    fact_point,
    finding,
    forced_criminality,
    laws_of,
    participation_text,
    provenance,
    request_languages,
)
from .vocabulary import PROFILE_SECTIONS, label

MEASURES = {"mla": "To obtain evidence (mutual legal assistance)", "extradition": "To extradite"}

# The order in which bases are recommended, strongest first. A basis both states are bound by beats any below it:
# a bilateral treaty is made for the pair; the ASEAN MLAT binds the members with one procedure; UNTOC (with the
# Trafficking Protocol, Protocol art. 1) binds almost every state; the requested state's own law is the fallback.
ROUTE_ORDER = (
    ("bilateral_treaty", "A bilateral treaty between the two states"),
    ("asean_mlat", "The ASEAN Treaty on Mutual Legal Assistance in Criminal Matters (members only)"),
    ("regional", "Another regional treaty both are bound by"),
    ("untoc", "UNTOC, and for trafficking offences the Trafficking Protocol through it (Protocol art. 1)"),
    ("domestic_law", "The requested state's own law (with reciprocity where it asks for it)"),
)
_RANK = {kind: i for i, (kind, _) in enumerate(ROUTE_ORDER)}


@dataclass(frozen=True)
class DeclarationView:
    state: str
    treaty: str
    declaration: Declaration
    sources: list[Source]


@dataclass(frozen=True)
class Route:
    """One legal basis for one measure, with what it allows and how sure the data is."""

    kind: str  # a key of ROUTE_ORDER, or `other` for treaties that cover only some offences
    title: str
    certain: bool  # both states recorded as bound (or the requested state's law recorded)
    status: str  # the status of each state, in words
    channel: str | None  # how the request travels under this basis
    cite: str | None  # the article(s) to cite
    declarations: list[DeclarationView]
    caveats: list[str]
    href: str
    sources: list[Source]
    treaty: str | None = None  # the treaty's id, for a basis that is a treaty
    # what the pair page cites for this basis: the sources of each state's status under it and of the declarations
    # shown (a bilateral treaty's own sources where its record names none), or for the requested state's own law the
    # sources of its rule; a multilateral treaty's page lists all its sources
    cited: list[Source] = field(default_factory=list)
    refs: tuple[int, ...] = ()  # the numbers of `cited` in the notes of the route section


@dataclass(frozen=True)
class Routes:
    measure: str
    heading: str
    recommended: Route | None
    routes: list[Route]
    others: list[Route]  # shared instruments that serve only for the offences they cover (corruption, cybercrime)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Line:
    """A sentence of the outlook with the coded answer behind it (for colour, provision and sources)."""

    text: str
    finding: Finding
    href: str


@dataclass(frozen=True)
class Difference:
    """An element the two definitions answer differently: a point to check, not a failure."""

    group: str
    element: str
    requesting: Finding
    requested: Finding

    @property
    def warning(self) -> bool:
        """Only a recorded 'no' in the requested state is a warning (for persons covered, women and children
        only); unknown never is."""
        return self.requested.tone == "no" and self.requesting.tone != "no"


@dataclass(frozen=True)
class SharedChannel:
    """An informal channel of one kind that both states have, with each side's contact."""

    kind: str
    requesting: list[InformalChannel]
    requested: list[InformalChannel]
    usable_in_court: Finding  # the requested state's rule
    advance_copy: Finding

    @property
    def carries(self) -> list[str]:
        """What the requested state's channels of this kind can carry, once each."""
        return list(dict.fromkeys(item for channel in self.requested for item in channel.carries))


@dataclass(frozen=True)
class Step:
    """One section of the pair page in the order an officer works: what the data says, and what to do where it is silent."""

    lines: list[Line]
    missing: str | None  # what to do instead when the data is missing


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
    mla: Routes
    extradition_routes: Routes
    send_to: list[Authority]
    send_to_sources: list[Source]
    request_lines: list[Line]
    differences: list[Difference]
    dual_criminality: list[Line]
    victims: list[Line]
    extradition: list[Line]
    evidence: list[Line]
    act_today: Step
    shared_channels: list[SharedChannel]
    contacts: list[tuple[str, Authority]]  # (state name, authority) for police, INTERPOL, FIU contacts of both states
    preserve: Step
    victims_return: Step
    assets: Step
    joint: Step
    warnings: list[Warning] = field(default_factory=list)
    key_points: list[KeyPoint] = field(default_factory=list)
    # the numbered source notes closing each section of the page, by the section's anchor (NOTE_SECTIONS); the
    # findings above carry their numbers in these lists as `refs`
    notes: dict[str, list[Source]] = field(default_factory=dict)

    @property
    def has_mla_basis(self) -> bool:
        return self.mla.recommended is not None

    @property
    def warnings_in_definitions(self) -> list[Difference]:
        return [d for d in self.differences if d.warning]


def _href(code: str, anchor: str) -> str:
    return f"countries/{code.lower()}/index.md#{anchor}"


def _covers(ds: Dataset, treaty: Treaty, measure: str) -> bool:
    # A protocol brings its parent's cooperation articles with it (UNTOC art. 37, Protocol art. 1): it is not a
    # basis of its own, so it is folded into its parent's route below rather than listed.
    return measure in treaty.scope


def _kind(treaty: Treaty) -> str:
    if treaty.kind == "bilateral":
        return "bilateral_treaty"
    if treaty.id == "asean-mlat":
        return "asean_mlat"
    if treaty.kind == "regional":
        return "regional"
    if {"organized_crime", "trafficking"} & set(treaty.scope):
        return "untoc"
    return "other"


def _status_words(ds: Dataset, code: str, p: Participation) -> str:
    return f"{ds.state_name(code)}: {participation_text(p)[1].lower()}"


def _declarations(treaty: Treaty, code: str, p: Participation) -> list[DeclarationView]:
    return [DeclarationView(code, treaty.short_name, d, [treaty.sources[n - 1] for n in d.sources if n <= len(treaty.sources)])
            for d in p.declarations]


def _cite(treaty: Treaty, measure: str) -> str | None:
    use = f"{measure}_basis"
    articles = [a.number for a in treaty.key_articles if use in a.uses]
    return ("art. " + ", ".join(articles)) if articles else None


def _treaty_route(ds: Dataset, treaty: Treaty, measure: str, a: str, b: str, pa: Participation, pb: Participation) -> Route | None:
    if pa.status in ("not_party", "signatory") or pb.status in ("not_party", "signatory"):
        return None  # one of them is not bound: not a basis between them
    kind = _kind(treaty)
    certain = pa.bound and pb.bound
    caveats: list[str] = []
    if not certain:
        unverified = [ds.state_name(x) for x, p in ((a, pa), (b, pb)) if not p.bound]
        caveats.append(f"Status not yet verified for {' and '.join(unverified)}.")
    cite = _cite(treaty, measure)
    if kind == "untoc":
        protocol = next((t for t in ds.treaties.values() if t.supplements == treaty.id and "trafficking" in t.scope), None)
        if protocol is not None:
            qa, qb = ds.participation(protocol.id, a), ds.participation(protocol.id, b)
            if qa is not None and qb is not None and qa.bound and qb.bound:
                caveats.append(f"Both are parties to the {protocol.short_name}: trafficking offences established under it "
                               "count as Convention offences (Protocol art. 1(2)-(3)); cite the Convention's article "
                               "together with the Protocol.")
            else:
                caveats.append(f"Not both recorded as parties to the {protocol.short_name}: rely on the Convention for "
                               "serious crime involving an organized criminal group.")
    if measure == "extradition" and kind == "untoc" and b in ds.countries:
        basis = country_finding(ds.country(b), "extradition", "untoc_as_basis")
        if basis.value == "no":
            certain = False
            caveats.append(f"{ds.state_name(b)} is recorded as not accepting the Convention as a basis for extradition.")
        elif basis.value == "partly":
            caveats.append(f"{ds.state_name(b)} accepts the Convention as a basis for extradition only in part"
                           + (f": {basis.scope}" if basis.scope else "; see its profile."))
        elif not basis.known:
            caveats.append(f"Whether {ds.state_name(b)} accepts the Convention as a basis for extradition (art. 16(4)-(5)) "
                           "is not yet verified.")
    dates = ", ".join(x for x in [f"signed {treaty.adopted}" if treaty.adopted else "",
                                  f"in force {treaty.entry_into_force}" if treaty.entry_into_force else ""] if x)
    status = dates if kind == "bilateral_treaty" else "; ".join((_status_words(ds, a, pa), _status_words(ds, b, pb)))
    declarations = _declarations(treaty, b, pb)
    numbers = [n for n in (*pa.sources, *pb.sources) if n <= len(treaty.sources)]
    cited = [treaty.sources[n - 1] for n in dict.fromkeys(numbers)]
    if not cited and treaty.kind == "bilateral":
        cited = list(treaty.sources)  # a bilateral treaty's record speaks of the two of them only
    cited += [s for d in declarations for s in d.sources]
    return Route(kind, treaty.short_name, certain, status or "dates not recorded", label(treaty.transmission) if
                 treaty.transmission != "unknown" else None, cite, declarations, caveats,
                 f"treaties/{treaty.id}/index.md", list(treaty.sources), treaty.id, cited)


def _domestic_route(ds: Dataset, measure: str, b: str) -> tuple[Route | None, list[str]]:
    B = ds.country(b)
    laws = laws_of(B)
    notes: list[str] = []
    if measure == "mla":
        section, anchor = B.mutual_legal_assistance, "mutual-legal-assistance"
        law = laws.get(section.law) if section.law else None
        caveats = []
        if "reciprocity" in section.legal_bases:
            caveats.append(f"{B.name} assists without a treaty on an undertaking of reciprocity: include one in the request.")
        cas = central_authorities(B) if B.authorities.status != "unknown" else []
        channel = ", ".join(label(c) for c in cas[0].channels if c != "unknown") if cas else None
        # "no treaty needed" only where the record says the state assists on its own law or on reciprocity
        without_treaty = bool({"reciprocity", "domestic_law"} & set(section.legal_bases))
        certain = section.status != "unknown" and law is not None and without_treaty
        if section.status == "unknown" or law is None:
            caveats.append(f"{B.name}'s law on mutual assistance is not yet recorded.")
        elif not without_treaty:
            caveats.append(f"Whether {B.name} assists without a treaty is not recorded: its record lists "
                           f"{', '.join(label(x).lower() for x in section.legal_bases)} as legal bases.")
        title = f"{B.name}'s own law" + (f": {law.title}" if law else "")
        return Route("domestic_law", title, certain, "the requested state's law; no treaty needed", channel or None, None, [],
                     caveats, _href(b, anchor), list(section.sources), cited=list(section.sources)), notes
    section, anchor = B.extradition, "extradition"
    law = laws.get(section.law) if section.law else None
    needed = country_finding(B, "extradition", "treaty_required")
    if needed.value == "yes":
        notes.append(f"{B.name} extradites only under a treaty ({needed.provision or 'see its profile'}): without one of the "
                     "bases above, extradition is not available.")
        return None, notes
    certain = section.status != "unknown" and needed.value == "no"
    caveats = [] if certain else [f"Whether {B.name} extradites without a treaty is not yet verified."]
    title = f"{B.name}'s own law" + (f": {law.title}" if law else "")
    return Route("domestic_law", title, certain, "extradition without a treaty", None, None, [],
                 caveats, _href(b, anchor), list(section.sources), cited=needed.sources or list(section.sources)), notes


def routes(ds: Dataset, a: str, b: str, measure: str) -> Routes:
    """Every basis for one measure, ranked by ROUTE_ORDER, certain ones first within a rank; the first certain
    one is the recommendation."""
    of_b = {t.id: p for t, p in ds.treaties_of(b)}
    ranked: list[Route] = []
    others: list[Route] = []
    for treaty, pa in ds.treaties_of(a):
        if treaty.id not in of_b or not _covers(ds, treaty, measure):
            continue
        route = _treaty_route(ds, treaty, measure, a, b, pa, of_b[treaty.id])
        if route is None:
            continue
        (others if route.kind == "other" else ranked).append(route)
    domestic, notes = _domestic_route(ds, measure, b)
    if domestic:
        ranked.append(domestic)
    ranked.sort(key=lambda r: (_RANK[r.kind], not r.certain, r.title))
    recommended = next((r for r in ranked if r.certain), None)
    return Routes(measure, MEASURES[measure], recommended, ranked, others, notes)


def differences(ds: Dataset, a: str, b: str) -> list[Difference]:
    """Elements the two definitions answer differently, forced criminality first, then recorded 'no's."""
    A, B = ds.country(a), ds.country(b)
    ra = {(r.group, r.element): r for r in definition_elements(A.trafficking_definition, laws_of(A))}
    rb: dict[tuple[str, str], ElementRow] = {(r.group, r.element): r for r in definition_elements(B.trafficking_definition, laws_of(B))}
    out = [Difference(g, e, ra[(g, e)].finding, rb[(g, e)].finding) for (g, e) in ra
           if ra[(g, e)].answer != rb[(g, e)].answer]
    pa, pb = country_finding(A, "trafficking_definition", "persons_covered"), country_finding(B, "trafficking_definition", "persons_covered")
    if pa.value != pb.value:
        out.append(Difference("persons", "persons_covered", pa, pb))
    out.sort(key=lambda d: (d.element != "forced_criminality", not d.warning))
    return out


def _line(text: str, f: Finding, code: str, anchor: str) -> Line:
    return Line(text, f, _href(code, anchor))


def _answer(f: Finding) -> str:
    return "not yet verified" if not f.known else f.text.lower()


_LAW_ENFORCEMENT_ROLES = ("interpol_ncb", "aseanapol", "police_cooperation", "financial_intelligence_unit")


def shared_channels(A: Country, B: Country) -> list[SharedChannel]:
    """Informal channels of a kind both states are recorded as having (INTERPOL, ASEANAPOL, FIUs…)."""
    if A.informal_cooperation.status == "unknown" or B.informal_cooperation.status == "unknown":
        return []
    laws = laws_of(B)
    out = []
    for kind in dict.fromkeys(ch.kind for ch in B.informal_cooperation.channels):
        mine = [ch for ch in A.informal_cooperation.channels if ch.kind == kind]
        theirs = [ch for ch in B.informal_cooperation.channels if ch.kind == kind]
        if mine and kind != "other":
            out.append(SharedChannel(kind, mine, theirs, finding(theirs[0].usable_in_court, B.informal_cooperation, laws),
                                     finding(theirs[0].advance_copy_accepted, B.informal_cooperation, laws)))
    return out


def _contacts(A: Country, B: Country) -> list[tuple[str, Authority]]:
    out = []
    for country in (B, A):
        if country.authorities.status == "unknown":
            continue
        out += [(country.name, a) for a in country.authorities.authorities if set(a.roles) & set(_LAW_ENFORCEMENT_ROLES)]
    return out


def _step(B: Country, section: str, anchor: str, questions: list[tuple[str, str]], missing: str) -> Step:
    """The requested state's answers to a list of questions; `missing` is said when none is known."""
    lines = [_line(f"{text}: {_answer(f)}." + (f" {f.scope}" if f.scope else ""), f, B.id, anchor)
             for text, name in questions for f in [country_finding(B, section, name)]]
    return Step(lines, None if any(line.finding.known for line in lines) else missing)


def _act_today(ds: Dataset, A: Country, B: Country) -> Step:
    f = country_finding(B, "informal_cooperation", "police_act_without_formal_request")
    lines = [_line(f"{B.name}'s police can act on a foreign police request without a formal letter: {_answer(f)}."
                   + (f" {f.scope}" if f.scope else ""), f, B.id, "informal-cooperation")]
    missing = None if f.known else (
        f"Whether {B.name}'s police act without a formal letter is not recorded. For an urgent rescue or to locate a person, "
        f"go through {A.name}'s INTERPOL National Central Bureau or its police liaison officer covering {B.name}, and "
        "prepare the formal request at the same time.")
    return Step(lines, missing)


def _preserve(ds: Dataset, A: Country, B: Country) -> Step:
    ee = B.electronic_evidence
    step = _step(B, "electronic_evidence", "electronic-evidence", [
        (f"{B.name} preserves data on a foreign request", "preservation_on_foreign_request"),
        (f"Providers in {B.name} may disclose in an emergency without an order", "emergency_disclosure"),
    ], f"{B.name}'s rules on preserving data for a foreign request are not recorded. Ask through {A.name}'s INTERPOL "
       f"bureau or 24/7 contact point that the provider or platform keep the data, and follow with a formal request "
       "for its production; data can be deleted within days.")
    lines = list(step.lines)
    for text, value in ((f"{B.name}'s 24/7 point of contact", ee.point_of_contact_24_7),
                        ("Preservation period", ee.preservation_period),
                        (f"Who orders disclosure in {B.name}", ee.disclosure_ordered_by),
                        (f"Who can freeze virtual assets (crypto wallets) in {B.name}", ee.virtual_asset_freezing_authority)):
        if value and ee.status != "unknown":
            lines.append(Line(f"{text}: {value}", Finding(RECORDED, None, list(ee.sources)), _href(B.id, "electronic-evidence")))
    f = country_finding(A, "electronic_evidence", "direct_requests_to_foreign_providers")
    if f.known:
        lines.append(_line(f"{A.name}'s authorities may ask foreign providers directly: {_answer(f)}.", f, A.id, "electronic-evidence"))
    budapest = ds.treaties.get("budapest-convention")
    if budapest is not None:
        pa, pb = ds.participation(budapest.id, A.id), ds.participation(budapest.id, B.id)
        if pa is not None and pb is not None and pa.bound and pb.bound:
            lines.append(Line(f"Both are parties to the {budapest.short_name}: ask for expedited preservation of stored data "
                              "(art. 29) through its 24/7 network (art. 35).", Finding(RECORDED, None, list(budapest.sources)),
                              f"treaties/{budapest.id}/index.md"))
    return Step(lines, step.missing if not any(line.finding.known for line in lines) else None)


def pathway(ds: Dataset, a: str, b: str, today: dt.date) -> Pathway:
    """The pair analysis for requesting state `a` and requested state `b`."""
    A, B = ds.country(a), ds.country(b)
    bm = B.mutual_legal_assistance

    def bf(section: str, name: str) -> Finding:
        return country_finding(B, section, name)

    request_lines = []
    sources = list(bm.sources)
    if bm.status != "unknown":
        langs = bm.languages if bm.languages != "unknown" else B.identity.request_languages
        known = langs != "unknown"
        request_lines.append(Line("Language: " + (", ".join(langs) if known else "not yet verified"),
                                  Finding(RECORDED if known else "unknown", None, sources if known else []),
                                  _href(b, "mutual-legal-assistance")))
        rq = B.request_requirements
        if rq.status != "unknown" and rq.contents:
            request_lines.append(Line("Must contain: " + "; ".join(r.item for r in rq.contents),
                                      Finding(RECORDED, None, list(rq.sources)), _href(b, "request-requirements")))
        for title, value in (("Certification", bm.certification), ("Urgent requests", bm.urgent_channels),
                             ("Time frames", bm.timelines)):
            if value:
                request_lines.append(Line(f"{title}: {value}", Finding(RECORDED, None, sources), _href(b, "mutual-legal-assistance")))
    else:
        request_lines.append(Line(f"{B.name}'s requirements for requests are not yet verified: ask its central authority.",
                                  Finding("unknown", None, []), _href(b, "mutual-legal-assistance")))

    diffs = differences(ds, a, b)
    dual = []
    for title, section, anchor in (("Mutual legal assistance", "mutual_legal_assistance", "mutual-legal-assistance"),
                                   ("Extradition", "extradition", "extradition")):
        f = bf(section, "dual_criminality")
        dual.append(_line(f"{title}: dual criminality in {B.name} — {_answer(f)}.", f, b, anchor))

    victims = []
    np_exists = bf("non_punishment", "provision_exists")
    victims.append(_line(f"Non-punishment of victims in {B.name}: {_answer(np_exists)}."
                         + (f" Scope: {np_exists.scope}" if np_exists.scope else ""), np_exists, b, "non-punishment"))
    np_fc = bf("non_punishment", "covers_forced_criminality")
    if np_fc.known:
        victims.append(_line(f"That protection reaches crimes victims were forced to commit (e.g. scams): {_answer(np_fc)}.",
                             np_fc, b, "non-punishment"))
    fc = next(r for r in definition_elements(B.trafficking_definition, laws_of(B)) if r.element == "forced_criminality")
    if fc.answer == "no":
        victims.append(_line(f"{B.name}'s trafficking offences are recorded as not covering forced criminality: people forced "
                             "to commit crimes there (e.g. in scam compounds) risk being treated as offenders unless "
                             "identified as victims of another form of exploitation.", fc.finding, b, "trafficking-definition"))

    extradition = []
    for text, section, name in ((f"{B.name} extradites its own nationals", "extradition", "nationals"),
                                (f"{B.name} requires a treaty to extradite", "extradition", "treaty_required"),
                                (f"{B.name} accepts UNTOC as the legal basis", "extradition", "untoc_as_basis"),
                                ("Provisional arrest before the request", "extradition", "provisional_arrest"),
                                ("Simplified (consent) procedure", "extradition", "simplified_procedure")):
        f = bf(section, name)
        extradition.append(_line(f"{text}: {_answer(f)}.", f, b, "extradition"))

    evidence = []
    f = bf("evidence", "video_link_testimony")
    evidence.append(_line(f"Video-link testimony in {B.name}: {_answer(f)}.", f, b, "evidence"))
    f = country_finding(A, "evidence", "foreign_evidence_admissible")
    evidence.append(_line(f"Evidence obtained abroad admissible in {A.name}: {_answer(f)}.", f, a, "evidence"))
    f = country_finding(A, "evidence", "video_link_testimony")
    evidence.append(_line(f"Video-link testimony in {A.name} (a victim testifying from home): {_answer(f)}.", f, a, "evidence"))

    warnings = []
    for country in (A, B):
        for name, title, _ in PROFILE_SECTIONS:
            prov: Provenance = provenance(getattr(country, name), today)
            if not prov.known or prov.stale:
                warnings.append(Warning(country.name, title, prov.status, prov.stale))

    act_today = _act_today(ds, A, B)
    mla, extradition_routes = routes(ds, a, b, "mla"), routes(ds, a, b, "extradition")
    victims_return = _step(B, "victims", "victims", [
        (f"{B.name} screens foreigners as possible victims before deportation", "screening_before_deportation"),
        (f"A victim back in {A.name} can give evidence from abroad", "testimony_from_abroad"),
        (f"Victims can obtain compensation in {B.name}", "compensation"),
    ], f"{B.name}'s rules on identifying, hearing and returning victims are not recorded. Contact {A.name}'s embassy in "
       f"{B.name} and {B.name}'s anti-trafficking body, and ask the central authority how a victim can testify from home.")
    if B.victims.status != "unknown":
        for text, value in (("Return home", B.victims.repatriation), ("Authority arranging returns", B.victims.repatriation_authority)):
            if value:
                victims_return.lines.append(Line(f"{text}: {value}", Finding(RECORDED, None, list(B.victims.sources)),
                                                 _href(b, "victims")))
    assets = _step(B, "assets", "assets", [
        (f"{B.name} freezes assets on a foreign request", "freezing_on_foreign_request"),
        (f"{B.name} enforces foreign confiscation orders", "enforces_foreign_orders"),
        ("Confiscation without a conviction", "non_conviction_based_confiscation"),
        ("Confiscated assets can be shared", "asset_sharing"),
        ("Confiscated assets can go to victims", "return_to_victims"),
    ], f"{B.name}'s rules on freezing and confiscating for a foreign state are not recorded: ask its central authority, "
       "and its financial intelligence unit through yours, before the money moves.")
    joint = _step(B, "joint_investigations", "joint-investigations", [
        ("Joint investigation teams", "joint_investigations"),
        ("Coordinated parallel investigations", "parallel_investigations"),
        ("Transfer of proceedings", "transfer_of_proceedings"),
    ], f"Whether {B.name} can investigate jointly or take over proceedings is not recorded: raise it with its central "
       "authority or prosecutors' network counterpart.")

    return _with_notes(Pathway(
        requesting=A,
        requested=B,
        mla=mla,
        extradition_routes=extradition_routes,
        send_to=central_authorities(B) if B.authorities.status != "unknown" else [],
        send_to_sources=list(B.authorities.sources),
        request_lines=request_lines,
        differences=diffs,
        dual_criminality=dual,
        victims=victims,
        extradition=extradition,
        evidence=evidence,
        act_today=act_today,
        shared_channels=shared_channels(A, B),
        contacts=_contacts(A, B),
        preserve=_preserve(ds, A, B),
        victims_return=victims_return,
        assets=assets,
        joint=joint,
        warnings=warnings,
        key_points=pair_key_points(A, B, mla, extradition_routes),
    ))


def _with_notes(w: Pathway) -> Pathway:
    """The pathway with every answer and basis citing its sources as numbered notes of the section showing it, in
    the order the page shows them: a source cited by several lines of a section is one note."""
    notes: dict[str, Notes] = {}

    def section(anchor: str) -> Notes:
        return notes.setdefault(anchor, Notes())

    def lines(anchor: str, items: list[Line]) -> list[Line]:
        return [replace(line, finding=section(anchor).finding(line.finding)) for line in items]

    def step(anchor: str, st: Step) -> Step:
        return replace(st, lines=lines(anchor, st.lines))

    def bases(r: Routes) -> Routes:
        cited: dict[int, Route] = {}
        for x in [*([r.recommended] if r.recommended else []), *r.routes, *r.others]:
            cited.setdefault(id(x), replace(x, refs=section("route").cite(x.cited)))
        return replace(r, recommended=cited[id(r.recommended)] if r.recommended else None,
                       routes=[cited[id(x)] for x in r.routes], others=[cited[id(x)] for x in r.others])

    mla, extradition_routes = bases(w.mla), bases(w.extradition_routes)
    act_today = step("act-today", w.act_today)
    shared = [replace(ch, usable_in_court=section("act-today").finding(ch.usable_in_court)) for ch in w.shared_channels]
    preserve = step("preserve", w.preserve)
    request_lines = lines("send", w.request_lines)
    diffs = [replace(d, requesting=section("send").finding(d.requesting), requested=section("send").finding(d.requested))
             for d in w.differences]
    dual = lines("send", w.dual_criminality)
    victims, victims_return = lines("victims", w.victims), step("victims", w.victims_return)
    assets = step("assets", w.assets)
    extradition = lines("extradition", w.extradition)
    evidence = lines("evidence", w.evidence)
    joint = step("joint", w.joint)
    return replace(w, mla=mla, extradition_routes=extradition_routes, act_today=act_today, shared_channels=shared,
                   preserve=preserve, request_lines=request_lines, differences=diffs, dual_criminality=dual,
                   victims=victims, victims_return=victims_return, assets=assets, extradition=extradition,
                   evidence=evidence, joint=joint, notes={anchor: n.sources for anchor, n in notes.items()})


def pair_key_points(A: Country, B: Country, mla: Routes, extradition: Routes) -> list[KeyPoint]:
    """What an official of A needs first to ask B, each line linking to the part of the pair page that says more."""
    reach = contact_text(central_authorities(B)) if B.authorities.status != "unknown" else None
    points = [fact_point(f"Send to {B.name}'s central authority", reach, "#send")]
    for found, name in ((mla, "Recommended basis for assistance"), (extradition, "Recommended basis for extradition")):
        chosen = found.recommended
        points.append(fact_point(name, chosen.title if chosen else None, f"#route-{found.measure}"))
    points.append(fact_point("Language of the request", request_languages(B), "#send"))
    points.append(coded_point(f"{B.name}'s trafficking definition covers forced criminality", forced_criminality(B),
                               "#definitions"))
    points.append(coded_point(f"{B.name} does not punish victims for offences they were compelled to commit",
                               country_finding(B, "non_punishment", "provision_exists"), "#victims"))
    return points


def pairs(ds: Dataset) -> list[tuple[str, str]]:
    """Ordered pairs built as pages: every ASEAN member with every other profiled state, both directions
    (partners with each other are not pairs this compendium serves)."""
    members = [c.id for c in ds.countries.values() if c.region == "asean"]
    everyone = list(ds.countries)
    out = [(a, b) for a in members for b in everyone if a != b]
    out += [(b, a) for a in members for b in everyone if b not in members]
    return out
