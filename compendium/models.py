"""The schema: pydantic models for country and treaty records (the only schema there is)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

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

SourceKind = Literal[
    "official_legislation",
    "government",
    "court",
    "intergovernmental",
    "academic",
    "ngo_or_press",
    "secondary_copy",
]
"""What a source is: the law's own publisher outranks anyone's description of it."""

OFFICIAL_KINDS: tuple[str, ...] = ("official_legislation", "government", "court", "intergovernmental")
"""Kinds that speak with the authority of the state, a court or an intergovernmental body."""


class Source(Record):
    """Where a fact comes from."""

    title: ShortText = Field(description="Title of the document or page, as published.")
    kind: SourceKind = Field(
        description="What the source is: `official_legislation` (official legislation database or gazette), "
        "`government` (a government or the institution's own page or publication), `court` (a judgment or court "
        "publication), `intergovernmental` (UN, ASEAN, INTERPOL, depositary records…), `academic`, `ngo_or_press`, "
        "or `secondary_copy` (a copy or description on an unofficial site: document mirrors, wikis, blogs)."
    )
    url: WebUrl | None = Field(
        default=None, description="Public http(s) address of the source; omit only for sources that are not online."
    )
    accessed: dt.date = Field(description="Date the source was last read (YYYY-MM-DD).")
    pinpoint: ShortText | None = Field(
        default=None, description="Where in the source: article, section, page or table row (e.g. 'section 4')."
    )
    note: Text | None = Field(
        default=None,
        description="Anything a reader must know about this source, e.g. which faithful copy of an official text was read.",
    )

    @property
    def official(self) -> bool:
        return self.kind in OFFICIAL_KINDS


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
    notes: Text | None = Field(
        default=None, description="Editor's notes in plain words: caveats, disagreements, what was searched and not found."
    )


PROVENANCE_FIELDS = frozenset(Section.model_fields)
"""Fields every section has; any other field of a section is content (a fact)."""


class Provision(Record):
    """A pinpointed provision of a law listed under legislation."""

    law: Slug = Field(description="The `id` of a law in this record's legislation section.")
    article: ShortText = Field(description="Article or section, e.g. 'section 6'.")


SourceNumber = Annotated[int, Field(ge=1, le=500)]


class Coded(Record):
    """A coded reading of the law (yes, no, partly…) with what it rests on.

    A known answer names the section's sources that say so (`sources: [2]`, numbered from 1 as listed, each with a
    pinpoint), and where the law decides it, the provision. A bare `unknown` is accepted for an answer not yet read.
    """

    answer: str = "unknown"
    provision: Provision | None = Field(default=None, description="The article of a law under legislation that decides it.")
    sources: list[SourceNumber] = Field(
        default_factory=list,
        description="Numbers (from 1, in the order listed) of this section's sources that say so; each needs a pinpoint.",
    )
    scope: Text | None = Field(default=None, description="Conditions and limits of the answer, in plain words.")
    note: Text | None = Field(
        default=None, description="Caveats; for `unknown`, what was searched and not found."
    )

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        # Editors may write a bare `unknown`; any other answer needs its sources, so the editor's schema
        # offers the object form or that one word.
        return {"anyOf": [handler(core_schema), {"const": "unknown", "description": "Not yet read or not sourced."}]}

    @model_validator(mode="before")
    @classmethod
    def _bare_answer(cls, value: object) -> object:
        # `unknown` alone is the common case while a question is open; other answers need their sources,
        # which the rule `coded-answer-sourced` asks for with a located message.
        return {"answer": value} if isinstance(value, str) else value

    @property
    def known(self) -> bool:
        return self.answer != "unknown"


class CodedAnswer(Coded):
    answer: Answer = Field(default="unknown", description="`yes`, `no`, `partly` (only in some cases) or `unknown`.")


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
    asean_member_since: dt.date | None = Field(default=None, description="Date the state was admitted to ASEAN.")


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
# Forced criminality (e.g. forced online scamming) is a purpose like the others, placed right after the classic
# ones: it decides whether a scam-compound case is trafficking on both sides.
Purpose = Literal[
    "sexual_exploitation",
    "forced_labour_or_services",
    "slavery_or_similar_practices",
    "servitude",
    "removal_of_organs",
    "forced_criminality",
    "forced_marriage",
    "forced_begging",
    "child_soldiers",
    "illegal_adoption",
    "pornography",
]
PersonsCovered = Literal["all_persons", "women_and_children", "unknown"]


class ElementAnswer(Coded):
    """Whether the state's trafficking offences cover one element, and the article that says so."""

    answer: Answer = Field(
        default="unknown",
        description="`yes` (with the article that covers it, wherever it is), `partly`, `no` (only when every "
        "article creating a trafficking offence has been read: `read_in_full: true`) or `unknown`.",
    )


class Elements(Record):
    """The definition's elements; an element not listed is unknown, never 'no'."""

    acts: dict[Act, ElementAnswer] = Field(default_factory=dict, description="Acts: recruitment, transportation…")
    means: dict[Means, ElementAnswer] = Field(default_factory=dict, description="Means: threat, force, deception…")
    purposes: dict[Purpose, ElementAnswer] = Field(
        default_factory=dict, description="Purposes of exploitation, forced criminality included."
    )


class CodedPersons(Coded):
    answer: PersonsCovered = Field(default="unknown", description="Whether the offences protect all persons.")


class TraffickingDefinition(Section):
    """How the state's law defines trafficking in persons, element by element."""

    provision: Provision | None = Field(default=None, description="Where the core definition is.")
    summary: Text | None = Field(default=None, description="The definition in plain words (the editor's own).")
    articles_read: list[Provision] = Field(
        default_factory=list, description="The articles read to code the elements, e.g. 'arts. 8-19'."
    )
    read_in_full: bool = Field(
        default=False,
        description="True only when every article that creates a trafficking offence, in its current version, has "
        "been read: only then may an element be coded `no`.",
    )
    elements: Elements = Field(default_factory=Elements, description="Acts, means and purposes, each with its article.")
    other_acts: list[ShortText] = Field(default_factory=list, description="Further acts the law names.")
    other_means: list[ShortText] = Field(default_factory=list, description="Further means the law names.")
    other_purposes: list[ShortText] = Field(default_factory=list, description="Further purposes the law names.")
    child_age: int | None = Field(default=None, ge=1, le=25, description="Age under which a person counts as a child.")
    means_required_for_children: CodedAnswer = Field(
        default_factory=CodedAnswer, description="Whether means must be proven when the victim is a child."
    )
    consent_irrelevant: CodedAnswer = Field(default_factory=CodedAnswer, description="Whether the victim's consent is irrelevant.")
    persons_covered: CodedPersons = Field(default_factory=CodedPersons, description="Whether the law protects all persons.")


class NonPunishment(Section):
    """Whether victims are protected from liability for what they were compelled to do."""

    provision_exists: CodedAnswer = Field(
        default_factory=CodedAnswer,
        description="Whether the law protects trafficking victims from punishment for offences they were compelled "
        "to commit; `scope` says which offences (immigration, prostitution, all offences) and on what conditions.",
    )
    covers_forced_criminality: CodedAnswer = Field(
        default_factory=CodedAnswer,
        description="Whether that protection reaches crimes victims were forced to commit, such as online fraud.",
    )
    guidelines: Text | None = Field(
        default=None, description="National guidelines or instructions to prosecutors on non-punishment, if any."
    )


# --- cooperation --------------------------------------------------------------------------------

LegalBasis = Literal["bilateral_treaty", "multilateral_convention", "reciprocity", "domestic_law", "unknown"]
DualCriminality = Literal["required", "not_required", "coercive_measures_only", "discretionary", "unknown"]
NationalsExtradition = Literal["allowed", "not_allowed", "discretionary", "unknown"]


class CodedDualCriminality(Coded):
    answer: DualCriminality = Field(default="unknown", description="Whether conduct must be an offence in both states.")


class CodedNationals(Coded):
    answer: NationalsExtradition = Field(default="unknown", description="Whether the state extradites its own nationals.")


class MutualLegalAssistance(Section):
    """How the state gives and asks for mutual legal assistance."""

    law: Slug | None = Field(default=None, description="The `id` of the MLA law in this record's legislation section.")
    legal_bases: list[LegalBasis] = Field(default_factory=lambda: ["unknown"], description="Legal bases the state accepts.")
    dual_criminality: CodedDualCriminality = Field(
        default_factory=CodedDualCriminality, description="Whether conduct must be an offence in both states."
    )
    refusal_grounds: list[ShortText] = Field(default_factory=list, description="Grounds on which a request may or must be refused.")
    languages: Languages = Field(default="unknown", description="Language(s) the request or its translation must be in.")
    certification: Text | None = Field(default=None, description="Certification or authentication the request or evidence needs.")
    urgent_channels: Text | None = Field(default=None, description="How urgent requests may be sent ahead of the formal one.")
    timelines: Text | None = Field(default=None, description="Published typical time frames.")


class Extradition(Section):
    """How the state extradites and asks for extradition."""

    law: Slug | None = Field(default=None, description="The `id` of the extradition law in this record's legislation section.")
    treaty_required: CodedAnswer = Field(default_factory=CodedAnswer, description="Whether extradition requires a treaty.")
    untoc_as_basis: CodedAnswer = Field(
        default_factory=CodedAnswer, description="Whether UNTOC may serve as the legal basis (art. 16(4))."
    )
    nationals: CodedNationals = Field(default_factory=CodedNationals, description="Whether the state extradites its own nationals.")
    dual_criminality: CodedDualCriminality = Field(
        default_factory=CodedDualCriminality, description="Whether conduct must be an offence in both states."
    )
    simplified_procedure: CodedAnswer = Field(
        default_factory=CodedAnswer, description="Whether a simplified (consent) procedure exists."
    )
    provisional_arrest: CodedAnswer = Field(
        default_factory=CodedAnswer, description="Whether provisional arrest before the request is possible."
    )


class Evidence(Section):
    """What happens to evidence and witnesses across the border."""

    foreign_evidence_admissible: CodedAnswer = Field(
        default_factory=CodedAnswer, description="Whether evidence obtained abroad through MLA is admissible at trial."
    )
    video_link_testimony: CodedAnswer = Field(default_factory=CodedAnswer, description="Whether witnesses may testify by video link.")
    depositions_abroad: CodedAnswer = Field(
        default_factory=CodedAnswer, description="Whether depositions taken abroad can be used."
    )
    electronic_evidence: Text | None = Field(default=None, description="Rules on electronic evidence, in plain words.")
    victim_witness_protection: list[ShortText] = Field(
        default_factory=list, description="Protections for victim-witnesses (closed hearings, pre-recorded testimony…)."
    )


ChannelKind = Literal[
    "interpol",
    "aseanapol",
    "liaison_officers",
    "financial_intelligence",
    "prosecutors_network",
    "police_agreement",
    "border_liaison",
    "police",
    "other",
]
Carries = Literal["intelligence", "locating_persons", "rescue", "evidence", "financial_intelligence", "advance_copy"]


class InformalChannel(Record):
    """A channel usable before or beside a formal request."""

    name: ShortText = Field(description="Name of the channel or network.")
    kind: ChannelKind = Field(description="What kind of channel it is.")
    contact: ShortText | None = Field(
        default=None, description="The institution to contact (institutional only), e.g. 'INTERPOL NCB Bangkok'."
    )
    carries: list[Carries] = Field(default_factory=list, description="What the channel can carry, as sourced.")
    usable_in_court: CodedAnswer = Field(
        default_factory=CodedAnswer,
        description="Whether what it carries can later be used in court; `scope` gives the condition (e.g. only "
        "once confirmed by a formal request).",
    )
    advance_copy_accepted: CodedAnswer = Field(
        default_factory=CodedAnswer, description="Whether an advance copy of a formal request is accepted through it."
    )
    description: Text | None = Field(default=None, description="What it can be used for, in plain words.")


class InformalCooperation(Section):
    """Channels for informal and law-enforcement cooperation."""

    police_act_without_formal_request: CodedAnswer = Field(
        default_factory=CodedAnswer,
        description="Whether police can act on a foreign police request without a formal letter of request; "
        "`scope` says on what basis and for what.",
    )
    channels: list[InformalChannel] = Field(default_factory=list, description="The channels.")


class ElectronicEvidence(Section):
    """Getting and keeping electronic evidence: platforms, providers, wallets."""

    law: Slug | None = Field(default=None, description="The `id` of the law that governs it (e.g. a cybercrime act).")
    point_of_contact_24_7: ShortText | None = Field(
        default=None, description="The 24/7 point of contact for urgent preservation (institution, not a person)."
    )
    preservation_on_foreign_request: CodedAnswer = Field(
        default_factory=CodedAnswer, description="Whether data can be preserved on a foreign request; `scope`: basis and how."
    )
    preservation_period: ShortText | None = Field(default=None, description="How long data is preserved, and renewals.")
    retention_periods: Text | None = Field(default=None, description="How long providers must keep data, by kind of data.")
    disclosure_ordered_by: ShortText | None = Field(default=None, description="Who orders disclosure (court, prosecutor, police).")
    emergency_disclosure: CodedAnswer = Field(
        default_factory=CodedAnswer, description="Whether providers may disclose in an emergency without an order."
    )
    direct_requests_to_foreign_providers: CodedAnswer = Field(
        default_factory=CodedAnswer, description="Whether the state's authorities may ask foreign providers directly."
    )
    virtual_asset_freezing_authority: ShortText | None = Field(
        default=None, description="The authority that can freeze virtual assets (crypto wallets)."
    )


class Victims(Section):
    """Identifying victims, protecting them from deportation, hearing them from abroad, and bringing them home."""

    identification_and_referral: Text | None = Field(
        default=None, description="Who identifies victims and refers them to protection, in plain words."
    )
    screening_before_deportation: CodedAnswer = Field(
        default_factory=CodedAnswer, description="Whether foreigners are screened as possible victims before deportation."
    )
    testimony_from_abroad: CodedAnswer = Field(
        default_factory=CodedAnswer,
        description="Whether a victim who has returned home can give evidence from abroad; `scope`: video link, "
        "embassy, deposition.",
    )
    repatriation: Text | None = Field(default=None, description="Steps for returning victims home, in plain words.")
    repatriation_authority: ShortText | None = Field(default=None, description="The authority that arranges returns.")
    compensation: CodedAnswer = Field(
        default_factory=CodedAnswer, description="Whether victims can obtain compensation or restitution."
    )
    bilateral_agreements: list[ShortText] = Field(
        default_factory=list, description="Bilateral anti-trafficking agreements or MOUs, with partner and year."
    )


class Assets(Section):
    """Following the money: freezing, confiscation, and return to victims."""

    law: Slug | None = Field(default=None, description="The `id` of the law on proceeds of crime.")
    freezing_on_foreign_request: CodedAnswer = Field(
        default_factory=CodedAnswer, description="Whether assets can be frozen on a foreign request."
    )
    conviction_based_confiscation: CodedAnswer = Field(
        default_factory=CodedAnswer, description="Whether confiscation after conviction is possible."
    )
    non_conviction_based_confiscation: CodedAnswer = Field(
        default_factory=CodedAnswer, description="Whether confiscation without a conviction is possible."
    )
    enforces_foreign_orders: CodedAnswer = Field(
        default_factory=CodedAnswer, description="Whether foreign freezing and confiscation orders are enforced."
    )
    asset_sharing: CodedAnswer = Field(default_factory=CodedAnswer, description="Whether confiscated assets can be shared.")
    return_to_victims: CodedAnswer = Field(
        default_factory=CodedAnswer, description="Whether confiscated assets can go to victims."
    )


class JointInvestigations(Section):
    """Working a case together, or handing it over."""

    joint_investigations: CodedAnswer = Field(
        default_factory=CodedAnswer, description="Whether joint investigation teams are possible; `scope`: on what basis."
    )
    parallel_investigations: CodedAnswer = Field(
        default_factory=CodedAnswer, description="Whether coordinated parallel investigations are provided for."
    )
    transfer_of_proceedings: CodedAnswer = Field(
        default_factory=CodedAnswer, description="Whether criminal proceedings can be transferred to or from the state."
    )


# --- requests and the state's own words -----------------------------------------------------------

Measure = Literal[
    "statement",
    "video_link_testimony",
    "documents_and_records",
    "bank_records",
    "search_and_seizure",
    "preservation_of_data",
    "production_of_stored_data",
    "freezing",
    "provisional_arrest",
    "extradition",
]


class Requirement(Record):
    """One thing a request must contain or do, as the state's own rule says."""

    item: ShortText = Field(description="What the request must contain or do, in plain words.")
    provision: Provision | None = Field(default=None, description="The article that requires it.")
    sources: list[SourceNumber] = Field(
        default_factory=list, description="Numbers (from 1) of this section's sources that say so; each needs a pinpoint."
    )


class MeasureRule(Record):
    """What the requested state needs before it takes one measure for a foreign request."""

    available: CodedAnswer = Field(
        default_factory=CodedAnswer, description="Whether the state takes this measure for a foreign request; `scope`: conditions."
    )
    dual_criminality: CodedDualCriminality = Field(
        default_factory=CodedDualCriminality, description="Whether the conduct must be an offence there for this measure."
    )
    authority: ShortText | None = Field(default=None, description="Who decides or executes it (e.g. a court order).")
    requirements: list[Requirement] = Field(default_factory=list, description="What a request for this measure must add.")


class RequestRequirements(Section):
    """What a letter of request to this state must contain and how it must come, in general and per measure."""

    contents: list[Requirement] = Field(
        default_factory=list, description="What every request must contain under the state's own law."
    )
    certification: CodedAnswer = Field(
        default_factory=CodedAnswer, description="Whether the request or its documents must be certified or authenticated."
    )
    confidentiality: CodedAnswer = Field(
        default_factory=CodedAnswer, description="Whether the state keeps a request confidential when asked."
    )
    advance_copy: CodedAnswer = Field(
        default_factory=CodedAnswer, description="Whether an advance copy (e-mail, fax) is accepted before the original."
    )
    procedure_requested: CodedAnswer = Field(
        default_factory=CodedAnswer,
        description="Whether the state follows a procedure the requesting state asks for (oath, officials present, questions).",
    )
    use_limits: CodedAnswer = Field(
        default_factory=CodedAnswer, description="Whether what is obtained may be used only for the purpose stated (speciality)."
    )
    measures: dict[Measure, MeasureRule] = Field(default_factory=dict, description="Rules per measure; a measure not listed is unknown.")


Concept = Literal[
    "trafficking_in_persons",
    "victim",
    "forced_criminality",
    "non_punishment",
    "mutual_legal_assistance",
    "letter_of_request",
    "central_authority",
    "requesting_state",
    "requested_state",
    "dual_criminality",
    "extradition",
    "provisional_arrest",
    "search_and_seizure",
    "witness_statement",
    "preservation_of_data",
    "confiscation",
]


class LegalTerm(Record):
    """The term the state's own law uses for a concept, in its language and script."""

    concept: Concept = Field(description="The concept, in the compendium's English vocabulary.")
    term: ShortText = Field(description="The term as the law writes it, in its language and script.")
    language: ShortText = Field(description="The language of the term, e.g. 'Thai'.")
    transliteration: ShortText | None = Field(default=None, description="The term in Latin letters, where helpful.")
    provision: Provision | None = Field(default=None, description="The article where the law uses or defines it.")
    sources: list[SourceNumber] = Field(
        default_factory=list, description="Numbers (from 1) of this section's sources where the term is read; each needs a pinpoint."
    )


class LegalTerms(Section):
    """The state's own words for the compendium's key terms: for glossaries, headings of letters, and search."""

    terms: list[LegalTerm] = Field(default_factory=list, description="One entry per concept and language.")


# --- records ------------------------------------------------------------------------------------

Region = Literal["asean", "partner"]


class Country(Record):
    """One state's record: `data/countries/<iso2>.yml`."""

    id: CountryCode = Field(description="ISO 3166-1 alpha-2 code; the file name is its lower-case form.")
    name: ShortText = Field(description="Short name in English, as used in ASEAN documents (e.g. 'Viet Nam').")
    region: Region = Field(description="`asean` for member states, `partner` for states beyond ASEAN.")
    aliases: list[ShortText] = Field(
        default_factory=list, description="Other names readers search for (e.g. 'Burma', 'Laos'), for search only."
    )
    identity: Identity
    authorities: Authorities
    legislation: Legislation
    trafficking_definition: TraffickingDefinition
    non_punishment: NonPunishment
    mutual_legal_assistance: MutualLegalAssistance
    extradition: Extradition
    evidence: Evidence
    informal_cooperation: InformalCooperation
    electronic_evidence: ElectronicEvidence = Field(default_factory=lambda: ElectronicEvidence(status="unknown"))
    victims: Victims = Field(default_factory=lambda: Victims(status="unknown"))
    assets: Assets = Field(default_factory=lambda: Assets(status="unknown"))
    joint_investigations: JointInvestigations = Field(default_factory=lambda: JointInvestigations(status="unknown"))
    request_requirements: RequestRequirements = Field(default_factory=lambda: RequestRequirements(status="unknown"))
    legal_terms: LegalTerms = Field(default_factory=lambda: LegalTerms(status="unknown"))


TreatyKind = Literal["multilateral", "regional", "bilateral"]
TreatyScope = Literal[
    "mla", "extradition", "trafficking", "smuggling", "organized_crime", "corruption", "cybercrime", "transfer_of_prisoners"
]
ParticipationStatus = Literal["party", "signatory", "not_party", "unknown"]
Consent = Literal["ratification", "accession", "acceptance", "approval", "succession"]
DeclarationKind = Literal["declaration", "reservation", "notification", "objection"]
DeclarationTopic = Literal[
    "extradition_basis", "central_authority", "languages", "dispute_settlement", "application", "other"
]
Transmission = Literal["central_authorities", "diplomatic", "central_authorities_or_diplomatic", "unknown"]


class Declaration(Record):
    """A declaration, reservation or notification a state made under a treaty, in plain words."""

    article: ShortText = Field(description="The article it is made under, e.g. '16(5)', '18(13)'.")
    kind: DeclarationKind = Field(description="Declaration, reservation, notification or objection.")
    topic: DeclarationTopic = Field(
        description="What it bears on: `extradition_basis` (UNTOC art. 16(5)), `central_authority` (art. 18(13)), "
        "`languages` (art. 18(14)), `dispute_settlement`, `application` (territorial or other), `other`."
    )
    effect: Text = Field(description="What it means for a requesting state, in the editor's own words.")
    sources: list[SourceNumber] = Field(
        default_factory=list, description="Numbers (from 1) of the treaty record's sources that give it."
    )


class Participation(Record):
    """One state's status under a treaty: the status is one fact; dates and consent are further facts, each optional."""

    state: CountryCode = Field(description="ISO code of the state.")
    status: ParticipationStatus = Field(
        description="`party` (bound), `signatory` (signed, not bound), `not_party`, or `unknown`; signature alone does not bind."
    )
    consent: Consent | None = Field(default=None, description="How a party became bound, where known.")
    signed: dt.date | None = Field(default=None, description="Date of signature.")
    consent_date: dt.date | None = Field(default=None, description="Date the instrument of ratification, accession… was deposited.")
    in_force: dt.date | None = Field(default=None, description="Date the treaty entered into force for this state.")
    declarations: list[Declaration] = Field(
        default_factory=list, description="Declarations, reservations and notifications that matter to practitioners."
    )
    sources: list[SourceNumber] = Field(
        default_factory=list, description="Numbers (from 1) of the treaty record's sources that give this status."
    )
    note: Text | None = Field(default=None, description="Caveats on this state's status, in plain words.")

    @property
    def bound(self) -> bool:
        return self.status == "party"


TreatyUse = Literal[
    "scope", "mla_basis", "extradition_basis", "refusal", "central_authorities", "channels", "form_of_request",
    "content_of_request", "language", "urgent_requests", "certification", "costs", "confiscation", "non_punishment",
    "repatriation", "victim_protection", "other",
]


class Article(Record):
    """A key article of a treaty for practitioners."""

    number: ShortText = Field(description="Article number as the treaty numbers it, e.g. '16(4)'.")
    topic: ShortText = Field(description="What it is about, in a few words.")
    summary: Text = Field(description="What it says, in the editor's own words.")
    text_read: bool = Field(
        default=True, description="False when only the article's heading was read: the summary then names the heading only."
    )
    uses: list[TreatyUse] = Field(
        default_factory=list, description="What a practitioner uses it for: cite as the basis, check refusal grounds…"
    )


class Treaty(Section):
    """One instrument: `data/treaties/<id>.yml`."""

    id: Slug = Field(description="Identifier; the file name without `.yml`.")
    title: ShortText = Field(description="Full official title.")
    short_name: ShortText = Field(description="Name practitioners use, e.g. 'UNTOC'.")
    aliases: list[ShortText] = Field(default_factory=list, description="Other names and acronyms readers search for.")
    kind: TreatyKind = Field(description="`multilateral` (UN, Council of Europe…), `regional` (ASEAN) or `bilateral`.")
    scope: list[TreatyScope] = Field(min_length=1, description="Forms of cooperation or subjects the treaty covers.")
    adopted: dt.date | None = Field(default=None, description="Date of adoption or signature of the text.")
    place: ShortText | None = Field(default=None, description="Where it was adopted or signed.")
    entry_into_force: dt.date | None = Field(default=None, description="Date of entry into force in general.")
    depositary: ShortText | None = Field(default=None, description="Depositary, for multilateral treaties.")
    url: WebUrl | None = Field(default=None, description="Official text or status page.")
    supplements: Slug | None = Field(default=None, description="The `id` of the treaty this one supplements (e.g. a protocol).")
    transmission: Transmission = Field(
        default="unknown",
        description="How requests under it travel: directly between central authorities, through diplomatic channels, "
        "or either.",
    )
    key_articles: list[Article] = Field(default_factory=list, description="Articles practitioners cite.")
    parties: list[Participation] = Field(
        default_factory=list, description="States and their status; for a bilateral treaty exactly the two parties."
    )
