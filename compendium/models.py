"""The schema: pydantic models for country and treaty records (the only schema there is)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

import pycountry
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    WithJsonSchema,
    model_validator,
)

# --- shared vocabularies -----------------------------------------------------------------------

Answer = Literal["yes", "no", "partly", "unknown"]
"""A coded reading of the law: `partly` where it applies only in some cases; `unknown` when not sourced."""

Status = Literal["verified", "needs_review", "unknown"]
"""How far a section can be trusted: `unknown` means nothing in it is sourced yet."""

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"']+$")


def _iso_code(value: str) -> str:
    if pycountry.countries.get(alpha_2=value) is None or value != value.upper():
        raise ValueError(f"expected an ISO 3166-1 alpha-2 code in capitals (e.g. TH), got {value!r}")
    return value


def _slug(value: str) -> str:
    if not _SLUG.match(value):
        raise ValueError(f"expected lower-case words joined by hyphens (e.g. mla-th-us), got {value!r}")
    return value


def _web_url(value: str) -> str:
    # Data arrives through pull requests: only plain web links may reach a page.
    if not _SAFE_URL.match(value):
        raise ValueError(f"expected an http(s) URL, got {value!r}")
    return value


# Each check also states itself as JSON Schema, so editors' IDEs flag what `compendium validate` rejects.
_ISO_CODES = sorted(c.alpha_2 for c in pycountry.countries)
CountryCode = Annotated[str, AfterValidator(_iso_code), WithJsonSchema({"type": "string", "pattern": "^[A-Z]{2}$", "enum": _ISO_CODES})]
Slug = Annotated[str, AfterValidator(_slug), WithJsonSchema({"type": "string", "pattern": _SLUG.pattern})]
WebUrl = Annotated[str, AfterValidator(_web_url), WithJsonSchema({"type": "string", "pattern": _SAFE_URL.pattern})]
_NOT_BLANK = {"pattern": r"\S"}  # the models strip spaces before counting, so blank text is empty text
Text = Annotated[str, Field(min_length=1, max_length=4000, json_schema_extra=_NOT_BLANK)]
ShortText = Annotated[str, Field(min_length=1, max_length=300, json_schema_extra=_NOT_BLANK)]
Languages = list[ShortText] | Literal["unknown"]


def is_unknown(value: object) -> bool:
    """Whether a field holds no fact yet: `unknown`, nothing, or an empty or `[unknown]` list."""
    return value is None or value == "unknown" or value == [] or value == ["unknown"]


class Record(BaseModel):
    """Base for every model: unknown keys are errors, values are never coerced silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# --- provenance ---------------------------------------------------------------------------------


class Source(Record):
    """Where a fact comes from."""

    title: ShortText = Field(description="Title of the document or page, as published.")
    url: WebUrl | None = Field(
        default=None, description="Public http(s) address of the source; omit only for sources that are not online."
    )
    accessed: dt.date = Field(description="Date the source was last read (YYYY-MM-DD).")
    pinpoint: ShortText | None = Field(
        default=None, description="Where in the source: article, section, page or table row (e.g. 'section 4')."
    )
    note: Text | None = Field(default=None, description="Anything a reader must know about this source, e.g. a disagreement.")


class Section(Record):
    """Every factual section carries its provenance and how far it can be trusted."""

    status: Status = Field(
        description="`verified` (checked against the sources), `needs_review` (sourced but not yet re-checked "
        "by a second editor) or `unknown` (no sourced content yet; the site says 'not yet verified')."
    )
    last_verified: dt.date | None = Field(
        default=None, description="Date the section was last checked against its sources; required unless status is unknown."
    )
    sources: list[Source] = Field(default_factory=list, description="Sources for every fact in the section.")
    notes: Text | None = Field(default=None, description="Editor's notes in plain words, e.g. caveats or disagreements.")


PROVENANCE_FIELDS = frozenset(Section.model_fields)
"""Fields every section has; any other field of a section is content (a fact)."""


# --- identity -----------------------------------------------------------------------------------

LegalSystem = Literal["common_law", "civil_law", "mixed", "islamic_law_and_common_law", "socialist_civil_law", "unknown"]


class Identity(Section):
    """Who the state is and which languages it works in."""

    official_name: ShortText | None = Field(default=None, description="The state's official name in English.")
    local_name: ShortText | None = Field(default=None, description="The state's official name in its own language and script.")
    legal_system: LegalSystem = Field(default="unknown", description="The legal tradition the state's criminal law follows.")
    official_languages: Languages = Field(default="unknown", description="Official language(s) of the state.")
    request_languages: Languages = Field(
        default="unknown", description="Languages in which incoming requests for assistance are accepted."
    )


# --- authorities --------------------------------------------------------------------------------

AuthorityRole = Literal[
    "mla_central_authority",
    "extradition_authority",
    "interpol_ncb",
    "aseanapol",
    "financial_intelligence_unit",
    "anti_trafficking_body",
    "police_cooperation",
    "prosecution",
]
Channel = Literal["diplomatic", "direct", "email_advance_copy", "interpol", "web_form", "unknown"]


class Authority(Record):
    """An institution to contact. Institutional contacts only: never a private person's details."""

    institution: ShortText = Field(description="Name of the institution, as it names itself.")
    unit: ShortText | None = Field(default=None, description="Department or unit within the institution that handles the matter.")
    roles: list[AuthorityRole] = Field(min_length=1, description="What the institution does in international cooperation.")
    address: Text | None = Field(default=None, description="Official postal address.")
    phone: ShortText | None = Field(default=None, description="Official switchboard or unit number, never a personal mobile.")
    email: EmailStr | None = Field(default=None, description="Official institutional e-mail address.")
    website: WebUrl | None = Field(default=None, description="Official web page or web form.")
    languages: Languages = Field(default="unknown", description="Languages the institution works in.")
    channels: list[Channel] = Field(
        default_factory=lambda: ["unknown"], description="Channels the institution accepts for requests."
    )
    notes: Text | None = Field(default=None, description="Practical notes, e.g. urgent requests by e-mail copy first.")


class Authorities(Section):
    """Whom to contact."""

    authorities: list[Authority] = Field(default_factory=list, description="The institutions, central authority first.")


# --- legislation --------------------------------------------------------------------------------

LawTopic = Literal[
    "trafficking",
    "mla",
    "extradition",
    "evidence",
    "electronic_evidence",
    "witness_protection",
    "anti_money_laundering",
    "cybercrime",
    "criminal_procedure",
    "penal_code",
    "immigration",
    "labour",
    "child_protection",
]


class Amendment(Record):
    """A later law that changed this one."""

    title: ShortText = Field(description="Official title of the amending law.")
    number: ShortText | None = Field(default=None, description="Its official number, if it has one.")
    year: int = Field(ge=1800, le=2100, description="Year the amendment was enacted.")


class Law(Record):
    """A law as the state names it."""

    id: Slug = Field(description="Short identifier used to refer to this law within the record, e.g. `atip-act-2008`.")
    title: ShortText = Field(description="Official title in English, as the state publishes it.")
    local_title: ShortText | None = Field(default=None, description="Official title in the state's own language and script.")
    number: ShortText | None = Field(default=None, description="Official number, e.g. 'Republic Act No. 9208'.")
    year: int = Field(ge=1800, le=2100, description="Year of enactment.")
    topics: list[LawTopic] = Field(min_length=1, description="What the law governs.")
    amendments: list[Amendment] = Field(default_factory=list, description="Amendments, oldest first.")
    url: WebUrl | None = Field(default=None, description="Official or most authoritative public text.")
    version_note: Text | None = Field(
        default=None, description="Which version the record's statements refer to, e.g. 'as amended in 2019'."
    )


class Legislation(Section):
    """The laws that matter for cooperation in trafficking cases."""

    laws: list[Law] = Field(default_factory=list, description="The laws, trafficking law first.")


# --- trafficking definition ---------------------------------------------------------------------

Act = Literal["recruitment", "transportation", "transfer", "harbouring", "receipt"]
Means = Literal[
    "threat",
    "force",
    "coercion",
    "abduction",
    "fraud",
    "deception",
    "abuse_of_power",
    "abuse_of_vulnerability",
    "payments_to_person_in_control",
]
# Forced criminality is not in this list: it is coded on its own (`forced_criminality`), yes/no/partly/unknown,
# because the words of a definition rarely settle it and it decides dual criminality in scam-compound cases.
Purpose = Literal[
    "sexual_exploitation",
    "forced_labour_or_services",
    "slavery_or_similar_practices",
    "servitude",
    "removal_of_organs",
    "forced_marriage",
    "forced_begging",
    "child_soldiers",
    "illegal_adoption",
    "pornography",
]
PersonsCovered = Literal["all_persons", "women_and_children", "unknown"]


class Provision(Record):
    """A pinpointed provision of a law listed under legislation."""

    law: Slug = Field(description="The `id` of a law in this record's legislation section.")
    article: ShortText = Field(description="Article or section, e.g. 'section 6'.")


class TraffickingDefinition(Section):
    """How the state's law defines trafficking in persons, element by element."""

    provision: Provision | None = Field(default=None, description="Where the definition is.")
    summary: Text | None = Field(default=None, description="The definition in plain words (the editor's own).")
    acts: list[Act] | Literal["unknown"] = Field(
        default="unknown", description="Acts the provision names (a list, possibly empty), or `unknown` if not read."
    )
    other_acts: list[ShortText] = Field(default_factory=list, description="Further acts the provision names.")
    means: list[Means] | Literal["unknown"] = Field(
        default="unknown", description="Means the provision names (a list, possibly empty), or `unknown` if not read."
    )
    other_means: list[ShortText] = Field(default_factory=list, description="Further means the provision names.")
    purposes: list[Purpose] | Literal["unknown"] = Field(
        default="unknown",
        description="Purposes of exploitation the provision names (a complete list, possibly empty), or `unknown` "
        "if the list could not be read in full: a partial list would read as 'no' for the rest.",
    )
    other_purposes: list[ShortText] = Field(default_factory=list, description="Further purposes the provision names.")
    forced_criminality: Answer = Field(
        default="unknown",
        description="Whether exploitation through forced criminal activity (e.g. forced online scamming) is covered.",
    )
    forced_criminality_basis: Text | None = Field(
        default=None, description="Why: the words of the provision or the case law that decide it."
    )
    child_age: int | None = Field(default=None, ge=1, le=25, description="Age under which a person counts as a child.")
    means_required_for_children: Answer = Field(
        default="unknown", description="Whether means must be proven when the victim is a child."
    )
    consent_irrelevant: Answer = Field(default="unknown", description="Whether the victim's consent is irrelevant.")
    persons_covered: PersonsCovered = Field(default="unknown", description="Whether the law protects all persons.")


class NonPunishment(Section):
    """Whether victims are protected from liability for what they were compelled to do."""

    exists: Answer = Field(default="unknown", description="Whether the law has a non-punishment provision.")
    provision: Provision | None = Field(default=None, description="Where the provision is.")
    scope: Text | None = Field(
        default=None, description="What it covers: which offences (immigration, prostitution, all offences), and conditions."
    )


# --- cooperation --------------------------------------------------------------------------------

LegalBasis = Literal["bilateral_treaty", "multilateral_convention", "reciprocity", "domestic_law", "unknown"]
DualCriminality = Literal["required", "not_required", "coercive_measures_only", "discretionary", "unknown"]
NationalsExtradition = Literal["allowed", "not_allowed", "discretionary", "unknown"]


class MutualLegalAssistance(Section):
    """How the state gives and asks for mutual legal assistance."""

    law: Slug | None = Field(default=None, description="The `id` of the MLA law in this record's legislation section.")
    legal_bases: list[LegalBasis] = Field(default_factory=lambda: ["unknown"], description="Legal bases the state accepts.")
    dual_criminality: DualCriminality = Field(default="unknown", description="Whether conduct must be an offence in both states.")
    refusal_grounds: list[ShortText] = Field(default_factory=list, description="Grounds on which a request may or must be refused.")
    request_content: list[ShortText] = Field(default_factory=list, description="What a request must contain.")
    languages: Languages = Field(default="unknown", description="Language(s) the request or its translation must be in.")
    certification: Text | None = Field(default=None, description="Certification or authentication the request or evidence needs.")
    urgent_channels: Text | None = Field(default=None, description="How urgent requests may be sent ahead of the formal one.")
    timelines: Text | None = Field(default=None, description="Published typical time frames.")


class Extradition(Section):
    """How the state extradites and asks for extradition."""

    law: Slug | None = Field(default=None, description="The `id` of the extradition law in this record's legislation section.")
    treaty_required: Answer = Field(default="unknown", description="Whether extradition requires a treaty.")
    untoc_as_basis: Answer = Field(default="unknown", description="Whether UNTOC may serve as the legal basis (art. 16(4)).")
    nationals: NationalsExtradition = Field(default="unknown", description="Whether the state extradites its own nationals.")
    dual_criminality: DualCriminality = Field(default="unknown", description="Whether conduct must be an offence in both states.")
    simplified_procedure: Answer = Field(default="unknown", description="Whether a simplified (consent) procedure exists.")
    provisional_arrest: Answer = Field(default="unknown", description="Whether provisional arrest before the request is possible.")


class Evidence(Section):
    """What happens to evidence and witnesses across the border."""

    foreign_evidence_admissible: Answer = Field(
        default="unknown", description="Whether evidence obtained abroad through MLA is admissible at trial."
    )
    video_link_testimony: Answer = Field(default="unknown", description="Whether witnesses may testify by video link.")
    depositions_abroad: Answer = Field(default="unknown", description="Whether depositions taken abroad can be used.")
    electronic_evidence: Text | None = Field(default=None, description="Rules on electronic evidence, in plain words.")
    victim_witness_protection: list[ShortText] = Field(
        default_factory=list, description="Protections for victim-witnesses (closed hearings, pre-recorded testimony…)."
    )


ChannelKind = Literal["police", "interpol", "aseanapol", "financial_intelligence", "prosecutors_network", "liaison_officers", "other"]


class InformalChannel(Record):
    """A channel usable before or beside a formal request."""

    name: ShortText = Field(description="Name of the channel or network.")
    kind: ChannelKind = Field(description="What kind of channel it is.")
    description: Text | None = Field(default=None, description="What it can be used for, in plain words.")


class InformalCooperation(Section):
    """Channels for informal and law-enforcement cooperation."""

    channels: list[InformalChannel] = Field(default_factory=list, description="The channels.")


# --- records ------------------------------------------------------------------------------------

Region = Literal["asean", "partner"]


class Country(Record):
    """One state's record: `data/countries/<iso2>.yml`."""

    id: CountryCode = Field(description="ISO 3166-1 alpha-2 code; the file name is its lower-case form.")
    name: ShortText = Field(description="Short name in English, as used in ASEAN documents (e.g. 'Viet Nam').")
    region: Region = Field(description="`asean` for member states, `partner` for states beyond ASEAN.")
    identity: Identity
    authorities: Authorities
    legislation: Legislation
    trafficking_definition: TraffickingDefinition
    non_punishment: NonPunishment
    mutual_legal_assistance: MutualLegalAssistance
    extradition: Extradition
    evidence: Evidence
    informal_cooperation: InformalCooperation


TreatyKind = Literal["multilateral", "regional", "bilateral"]
TreatyScope = Literal[
    "mla", "extradition", "trafficking", "smuggling", "organized_crime", "corruption", "cybercrime", "transfer_of_prisoners"
]
Consent = Literal["ratification", "accession", "acceptance", "approval", "succession", "signature_only", "not_party", "unknown"]
BOUND: tuple[str, ...] = ("ratification", "accession", "acceptance", "approval", "succession")
"""Consents that make a state a party bound by the treaty."""


class Participation(Record):
    """One state's status under a treaty."""

    state: CountryCode = Field(description="ISO code of the state.")
    signed: dt.date | None = Field(default=None, description="Date of signature.")
    consent: Consent = Field(description="How the state became bound (or `signature_only`, `not_party`, `unknown`).")
    consent_date: dt.date | None = Field(default=None, description="Date the instrument of ratification, accession… was deposited.")
    in_force: dt.date | None = Field(default=None, description="Date the treaty entered into force for this state.")
    declarations: Text | None = Field(
        default=None, description="Relevant declarations or reservations, in plain words (e.g. on the legal basis for extradition)."
    )

    @model_validator(mode="after")
    def _consent_needs_date(self) -> Participation:
        if self.consent in BOUND and self.consent_date is None:
            raise ValueError(f"consent `{self.consent}` needs a consent_date")
        return self


class Article(Record):
    """A key article of a treaty for practitioners."""

    number: ShortText = Field(description="Article number as the treaty numbers it, e.g. '16(4)'.")
    topic: ShortText = Field(description="What it is about, in a few words.")
    summary: Text = Field(description="What it says, in the editor's own words.")


class Treaty(Section):
    """One instrument: `data/treaties/<id>.yml`."""

    id: Slug = Field(description="Identifier; the file name without `.yml`.")
    title: ShortText = Field(description="Full official title.")
    short_name: ShortText = Field(description="Name practitioners use, e.g. 'UNTOC'.")
    kind: TreatyKind = Field(description="`multilateral` (UN, Council of Europe…), `regional` (ASEAN) or `bilateral`.")
    scope: list[TreatyScope] = Field(min_length=1, description="Forms of cooperation or subjects the treaty covers.")
    adopted: dt.date | None = Field(default=None, description="Date of adoption or signature of the text.")
    place: ShortText | None = Field(default=None, description="Where it was adopted or signed.")
    entry_into_force: dt.date | None = Field(default=None, description="Date of entry into force in general.")
    depositary: ShortText | None = Field(default=None, description="Depositary, for multilateral treaties.")
    url: WebUrl | None = Field(default=None, description="Official text or status page.")
    supplements: Slug | None = Field(default=None, description="The `id` of the treaty this one supplements (e.g. a protocol).")
    key_articles: list[Article] = Field(default_factory=list, description="Articles practitioners cite.")
    parties: list[Participation] = Field(
        default_factory=list, description="States and their status; for a bilateral treaty exactly the two parties."
    )
