"""The request builder's view: what the requested state needs for one measure, and the draft letter's parts.

Everything here is derived from both records; the browser only puts the officer's own facts into the letter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import get_args

from .dataset import Dataset
from .models import Article, Authority, Country, Measure, Treaty
from .pathfinder import Route, routes
from .views import Finding, central_authorities, country_finding, finding, laws_of
from .vocabulary import label

MEASURES: tuple[str, ...] = get_args(Measure)
EXTRADITION_MEASURES = ("extradition", "provisional_arrest")  # asked for on an extradition basis, not an MLA one
CONFIRM = "confirm"  # an item the data does not settle: confirm with the central authority, never guess

# Measures that compel someone (search, seizure, production, freezing, arrest): where dual criminality is
# required only for coercive measures, it is required for these.
COERCIVE = {"bank_records", "search_and_seizure", "production_of_stored_data", "freezing", "provisional_arrest",
            "extradition", "documents_and_records"}
# What the officer is asked to describe for each measure (the draft's "assistance requested").
DETAILS = {
    "statement": "Who should be heard, where they can be found, and the questions to put",
    "video_link_testimony": "The witness, the hearing (court, date, time zone) and the technical contact",
    "documents_and_records": "The records sought, who holds them, and the period they cover",
    "bank_records": "The bank, account holders and numbers, the period, and the records sought",
    "search_and_seizure": "The premises or things to search, what to seize, and why it is there",
    "preservation_of_data": "The provider or platform, the account identifiers (user name, URL, wallet address), the data and the period",
    "production_of_stored_data": "The provider, the account identifiers, the data sought (subscriber, traffic, content) and the period",
    "freezing": "The assets (accounts, wallets, property), where they are, their value, and their link to the offence",
    "provisional_arrest": "The person (identity, nationality, likely location), the warrant, and why it is urgent",
    "extradition": "The person, the warrant or judgment, the offence and the penalty, and the documents enclosed",
}


@dataclass(frozen=True)
class Item:
    """One line of the checklist: what is needed, whether the data settles it, and on what."""

    topic: str
    text: str
    status: str  # "data" (settled by the records) or CONFIRM
    origin: str  # whose rule: the requested state's law, a treaty article, or the compendium's data
    finding: Finding | None = None


@dataclass(frozen=True)
class Checklist:
    measure: str
    route: Route | None
    items: list[Item]

    @property
    def concept(self) -> str:
        """The concept whose term heads the letter's legal basis: extradition, or mutual legal assistance."""
        return "extradition" if self.measure in EXTRADITION_MEASURES else "mutual_legal_assistance"

    @property
    def to_confirm(self) -> int:
        return sum(i.status == CONFIRM for i in self.items)


def _articles(treaty: Treaty | None, use: str) -> list[Article]:
    return [a for a in treaty.key_articles if use in a.uses] if treaty else []


def _content_articles(ds: Dataset, treaty: Treaty | None, a: str, b: str) -> list[tuple[Treaty, Article]]:
    """The articles on the contents of a request of the recommended treaty and, where both are parties, of UNTOC
    (art. 18(15)), whose list applies between almost all states."""
    out = [(treaty, art) for art in _articles(treaty, "content_of_request")] if treaty else []
    untoc = ds.treaties.get("untoc")
    pa, pb = ds.participation("untoc", a), ds.participation("untoc", b)
    if untoc is not None and untoc is not treaty and pa is not None and pb is not None and pa.bound and pb.bound:
        out += [(untoc, art) for art in _articles(untoc, "content_of_request") if art.number.startswith("18")]
    return out


def _item_from(topic: str, what: str, f: Finding, origin: str) -> Item:
    if not f.known:
        return Item(topic, f"{what}: not recorded — confirm with the central authority.", CONFIRM, origin, f)
    text = f"{what}: {f.text.lower()}" + (f". {f.scope}" if f.scope else ".")
    return Item(topic, text, "data", origin, f)


def checklist(ds: Dataset, a: str, b: str, measure: str) -> Checklist:
    """What `b` requires of a request from `a` for one measure, each item from the data or marked to confirm."""
    B = ds.country(b)
    kind = "extradition" if measure in EXTRADITION_MEASURES else "mla"
    route = routes(ds, a, b, kind).recommended
    treaty = ds.treaties.get(route.treaty) if route and route.treaty else None
    own = f"{B.name}'s law"
    items: list[Item] = []

    # legal basis and channel
    if route:
        items.append(Item("basis", f"Legal basis: {route.title}" + (f", {route.cite}" if route.cite else "") + ".", "data",
                          "recommended route"))
        items.append(Item("channel", f"Channel: {route.channel}." if route.channel else
                          "Channel: not recorded for this basis — confirm with the central authority.",
                          "data" if route.channel else CONFIRM, route.title))
        for d in route.declarations:
            items.append(Item("declaration", f"{B.name}'s {label(d.declaration.kind).lower()} under art. {d.declaration.article}: "
                              f"{d.declaration.effect}", "data", route.title))
    else:
        items.append(Item("basis", "Legal basis: no basis both states are recorded as bound by — confirm with the central "
                          "authority which basis it accepts.", CONFIRM, "recommended route"))
    # addressee
    cas = central_authorities(B) if B.authorities.status != "unknown" else []
    items.append(Item("addressee", "Send to: " + "; ".join(f"{x.institution}" + (f", {x.unit}" if x.unit else "") for x in cas) + "."
                      if cas else "Send to: the central authority is not recorded — confirm through your own central authority.",
                      "data" if cas else CONFIRM, own))
    # contents: the state's own rule first, else the treaty's
    rq, laws = B.request_requirements, laws_of(B)
    if rq.status != "unknown" and rq.contents:
        for r in rq.contents:
            items.append(Item("contents", f"Contents: {r.item}.", "data", own))
    elif content_articles := _content_articles(ds, treaty, a, b):
        for t, art in content_articles:
            items.append(Item("contents", f"Contents ({t.short_name} art. {art.number}): {art.summary}",
                              "data" if art.text_read else CONFIRM, f"{t.short_name}, as {B.name}'s own rule is not recorded"))
    else:
        items.append(Item("contents", "Contents: neither the requested state's rule nor the treaty's is recorded — confirm "
                          "with the central authority (UNTOC art. 18(15) lists the usual contents).", CONFIRM, own))
    # language
    m = B.mutual_legal_assistance
    langs = m.languages if m.status != "unknown" and m.languages != "unknown" else B.identity.request_languages
    if langs != "unknown" and (m.status != "unknown" or B.identity.status != "unknown"):
        items.append(Item("language", f"Language: {', '.join(langs)}; send a translation where yours differs.", "data", own))
    else:
        items.append(Item("language", "Language: not recorded — confirm, and plan a translation into "
                          f"{', '.join(B.identity.official_languages) if B.identity.official_languages != 'unknown' else 'the official language'}.",
                          CONFIRM, own))
    # form of the request
    section = rq if rq.status != "unknown" else None
    for topic, what in (("certification", "Certification or authentication"), ("confidentiality", "Confidentiality kept on request"),
                        ("advance_copy", "Advance copy (e-mail, fax) accepted before the original"),
                        ("procedure_requested", "Procedure you ask for (oath, officials present, questions) followed"),
                        ("use_limits", "Use of what is obtained limited to the stated purpose")):
        f = finding(getattr(rq, topic), rq, laws) if section else Finding("unknown", None, [])
        items.append(_item_from(topic, what, f, own))
    # the measure itself
    rule = rq.measures.get(measure) if section else None
    if rule is not None:
        items.append(_item_from("available", f"{label(measure)} for a foreign request", finding(rule.available, rq, laws), own))
        if rule.authority:
            items.append(Item("authority", f"Decided or executed by: {rule.authority}.", "data", own))
        for r in rule.requirements:
            items.append(Item("measure", f"For this measure: {r.item}.", "data", own))
    else:
        items.append(Item("available", f"{label(measure)}: {B.name}'s rules for this measure are not recorded — confirm "
                          "with the central authority before relying on it.", CONFIRM, own))
    # what the requested state cannot do
    dc = finding(rule.dual_criminality, rq, laws) if rule is not None and rule.dual_criminality.known else \
        country_finding(B, "extradition" if kind == "extradition" else "mutual_legal_assistance", "dual_criminality")
    if dc.value == "required" or (dc.value == "coercive_measures_only" and measure in COERCIVE):
        items.append(Item("limits", f"Dual criminality is required for this measure in {B.name}: describe the conduct so it "
                          f"reads as an offence there.", "data", own, dc))
    elif not dc.known:
        items.append(Item("limits", f"Whether {B.name} requires dual criminality for this measure is not recorded — confirm.",
                          CONFIRM, own))
    if kind == "extradition":
        nationals = country_finding(B, "extradition", "nationals")
        if nationals.value in ("not_allowed", "discretionary"):
            items.append(Item("limits", f"Own nationals: {nationals.text.lower()} — if the person is a national of {B.name}, "
                              "ask whether it will prosecute instead.", "data", own, nationals))
    return Checklist(measure, route, items)


def headings(country: Country) -> dict[str, str]:
    """The requested state's own terms for the letter's headings, where its record has them (one per concept)."""
    if country.legal_terms.status == "unknown":
        return {}
    out: dict[str, str] = {}
    for t in country.legal_terms.terms:
        out.setdefault(t.concept, t.term)
    return out


@dataclass(frozen=True)
class Variant:
    """One set of checklists (a checklist per measure). Requesting states whose routes to the requested state come
    out the same share one: the page holds a handful of variants, not one per requesting state."""

    key: int
    checklists: list[Checklist]


@dataclass(frozen=True)
class Requester:
    """A state that may send this request, the variant of checklists that applies to it, and its pair page."""

    country: Country
    variant: int


@dataclass(frozen=True)
class RequestPage:
    """The request builder of one requested state: it grows with the states that may ask it, in one small line
    each, while the checklists themselves are shared between requesting states with the same routes."""

    requested: Country
    requesters: list[Requester]
    variants: list[Variant]
    addressee: list[Authority]
    headings: dict[str, str]
    details: dict[str, str] = field(default_factory=lambda: dict(DETAILS))


def shown(checklists: list[Checklist]) -> tuple:
    """What the page shows of a set of checklists (routes' titles and articles, every item): equal values render
    the same, whichever state is asking."""
    return tuple((c.measure, c.route.title if c.route else None, c.route.cite if c.route else None,
                  tuple((i.topic, i.text, i.status, i.origin) for i in c.items)) for c in checklists)


def request_page(ds: Dataset, b: str, requesting: list[str]) -> RequestPage:
    """The builder for requests to `b` from each of `requesting` (in that order)."""
    B = ds.country(b)
    variants: list[Variant] = []
    seen: dict[tuple, int] = {}
    requesters: list[Requester] = []
    for a in requesting:
        lists = [checklist(ds, a, b, m) for m in MEASURES]
        key = seen.setdefault(shown(lists), len(variants))
        if key == len(variants):
            variants.append(Variant(key, lists))
        requesters.append(Requester(ds.country(a), key))
    return RequestPage(B, requesters, variants, central_authorities(B) if B.authorities.status != "unknown" else [],
                       headings(B))
