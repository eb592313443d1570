"""Practitioners' words for the schema's coded values, and the section titles of a profile."""

from __future__ import annotations

LABELS: dict[str, str] = {
    # answers and statuses
    "yes": "Yes",
    "no": "No",
    "partly": "Partly",
    "unknown": "Unknown / not yet verified",
    "verified": "Verified",
    "needs_review": "Sourced, awaiting review",
    # legal systems
    "common_law": "Common law",
    "civil_law": "Civil law",
    "mixed": "Mixed",
    "islamic_law_and_common_law": "Common law with Islamic law",
    "socialist_civil_law": "Socialist civil law",
    # authority roles
    "mla_central_authority": "Central authority for MLA",
    "extradition_authority": "Extradition authority",
    "interpol_ncb": "INTERPOL National Central Bureau",
    "aseanapol": "ASEANAPOL national secretariat",
    "financial_intelligence_unit": "Financial intelligence unit",
    "anti_trafficking_body": "Anti-trafficking coordinating body",
    "police_cooperation": "Police cooperation",
    "prosecution": "Prosecution service",
    # channels
    "diplomatic": "Diplomatic channel",
    "direct": "Direct between central authorities",
    "email_advance_copy": "E-mail advance copy",
    "interpol": "INTERPOL",
    "web_form": "Web form",
    # law topics
    "trafficking": "Trafficking in persons",
    "mla": "Mutual legal assistance",
    "extradition": "Extradition",
    "evidence": "Evidence",
    "electronic_evidence": "Electronic evidence",
    "witness_protection": "Witness protection",
    "anti_money_laundering": "Anti-money-laundering",
    "cybercrime": "Cybercrime",
    "criminal_procedure": "Criminal procedure",
    "penal_code": "Penal code",
    "immigration": "Immigration",
    "labour": "Labour",
    "child_protection": "Child protection",
    "smuggling": "Migrant smuggling",
    "organized_crime": "Organized crime",
    "corruption": "Corruption",
    "transfer_of_prisoners": "Transfer of sentenced persons",
    # elements of the trafficking definition
    "recruitment": "Recruitment",
    "transportation": "Transportation",
    "transfer": "Transfer",
    "harbouring": "Harbouring",
    "receipt": "Receipt",
    "threat": "Threat",
    "force": "Use of force",
    "coercion": "Other coercion",
    "abduction": "Abduction",
    "fraud": "Fraud",
    "deception": "Deception",
    "abuse_of_power": "Abuse of power",
    "abuse_of_vulnerability": "Abuse of a position of vulnerability",
    "payments_to_person_in_control": "Payments or benefits to a person in control",
    "sexual_exploitation": "Sexual exploitation",
    "forced_labour_or_services": "Forced labour or services",
    "slavery_or_similar_practices": "Slavery or similar practices",
    "servitude": "Servitude",
    "removal_of_organs": "Removal of organs",
    "forced_criminality": "Forced criminality",
    "forced_marriage": "Forced marriage",
    "forced_begging": "Forced begging",
    "child_soldiers": "Child soldiers",
    "illegal_adoption": "Illegal adoption",
    "pornography": "Pornography",
    "all_persons": "All persons",
    "women_and_children": "Women and children only",
    # cooperation
    "bilateral_treaty": "Bilateral treaty",
    "multilateral_convention": "Multilateral or regional convention",
    "reciprocity": "Reciprocity",
    "domestic_law": "Domestic law",
    "no_treaty_needed": "Domestic law, no treaty needed",
    "required": "Required",
    "not_required": "Not required",
    "coercive_measures_only": "Only for coercive measures",
    "discretionary": "Discretionary",
    "allowed": "Extradites nationals",
    "not_allowed": "Does not extradite nationals",
    # treaties
    "multilateral": "Multilateral",
    "regional": "Regional (ASEAN)",
    "bilateral": "Bilateral",
    "ratification": "Ratification",
    "accession": "Accession",
    "acceptance": "Acceptance",
    "approval": "Approval",
    "succession": "Succession",
    "signature_only": "Signed, not ratified",
    "not_party": "Not a party",
    # informal channels
    "police": "Police-to-police",
    "financial_intelligence": "Financial intelligence",
    "prosecutors_network": "Prosecutors' network",
    "liaison_officers": "Liaison officers",
    "other": "Other",
    "asean": "ASEAN member state",
    "partner": "Partner state",
}

# The profile's sections, in reading order: (field name in the record, heading, anchor).
PROFILE_SECTIONS: list[tuple[str, str, str]] = [
    ("identity", "Identity and languages", "identity"),
    ("authorities", "Authorities and contacts", "authorities"),
    ("legislation", "Legislation", "legislation"),
    ("trafficking_definition", "Trafficking definition", "trafficking-definition"),
    ("non_punishment", "Non-punishment of victims", "non-punishment"),
    ("mutual_legal_assistance", "Mutual legal assistance", "mutual-legal-assistance"),
    ("extradition", "Extradition", "extradition"),
    ("evidence", "Evidence and victim-witnesses", "evidence"),
    ("informal_cooperation", "Informal and police cooperation", "informal-cooperation"),
]


def label(value: object) -> str:
    """The practitioner's words for a coded value; free text passes through unchanged."""
    if value is None:
        return LABELS["unknown"]
    return LABELS.get(str(value), str(value))
