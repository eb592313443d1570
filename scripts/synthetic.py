"""Synthetic, schema-valid data sets for benchmarks: N states with realistic text lengths, lists and treaties.

The values are made up and say so ("Synthetic …"); they never go near data/. Usage:
    python scripts/synthetic.py 200 bench-200/data
"""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import get_args

import pycountry
import yaml

from compendium.models import Act, AuthorityRole, Concept, LawTopic, Means, Measure, Purpose, SourceKind

ASEAN = ["BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "TL", "VN"]
MULTILATERAL = ["untoc", "untoc-tip-protocol", "untoc-smuggling-protocol", "actip", "asean-mlat", "uncac",
                "budapest-convention", "un-cybercrime-convention"]
WORDS = ("request assistance evidence witness testimony authority central prosecutor police court treaty "
         "extradition reciprocity dual criminality victim exploitation labour recruitment transfer harbouring "
         "deception coercion vulnerability ministry justice department international cooperation criminal "
         "procedure code section article provision amendment regulation channel diplomatic urgent translation "
         "certification admissibility video link deposition electronic protection hearing").split()
# A little of each region script, so segmentation runs at realistic cost.
KINDS = get_args(SourceKind)
SCRIPTS = ["พระราชบัญญัติความร่วมมือระหว่างประเทศในเรื่องทางอาญา", "ច្បាប់ស្តីពីការបង្ក្រាបអំពើជួញដូរមនុស្ស",
           "ກົດໝາຍວ່າດ້ວຍການຕ້ານການຄ້າມະນຸດ", "လူကုန်ကူးမှုတားဆီးနှိမ်နင်းရေးဥပဒေ", "Luật Tương trợ tư pháp về hình sự"]


def _text(rng: random.Random, words: int) -> str:
    return "Synthetic. " + " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _sources(rng: random.Random, n: int) -> list[dict]:
    return [{"title": f"Synthetic source {i}: " + _text(rng, 6), "kind": rng.choice(KINDS),
             "url": f"https://fixtureland.org/source/{rng.randrange(10**6)}", "accessed": "2026-11-01",
             "pinpoint": f"section {rng.randrange(1, 99)}"} for i in range(n)]


def _coded(rng: random.Random, answer: str, article: str | None = None) -> dict:
    """A coded answer resting on the section's first source (every synthetic source has a pinpoint)."""
    out: dict = {"answer": answer, "sources": [1]}
    if article:
        out["provision"] = {"law": "law-0", "article": article}
    if rng.random() < 0.3:
        out["scope"] = _text(rng, 15)
    return out


def _elements(rng: random.Random) -> dict:
    return {group: {e: _coded(rng, rng.choice(["yes", "yes", "partly"]), f"section {rng.randrange(4, 12)}")
                    for e in rng.sample(get_args(vocab), k)}
            for group, vocab, k in (("acts", Act, 4), ("means", Means, 6), ("purposes", Purpose, 6))}


def _section(rng: random.Random, **content: object) -> dict:
    return {"status": "needs_review", "last_verified": "2026-11-01", **content, "sources": _sources(rng, rng.randint(2, 6))}


def _codes(n: int) -> list[str]:
    # ASEAN first (region asean), then partner states in ISO order: the realistic shape of the compendium.
    others = [c.alpha_2 for c in pycountry.countries if c.alpha_2 not in ASEAN]
    return (ASEAN + others)[:n]


def country(code: str, rng: random.Random) -> dict:
    name = pycountry.countries.get(alpha_2=code).name
    laws = [{"id": f"law-{i}", "title": f"Synthetic {rng.choice(WORDS)} Act {2000 + i}", "local_title": rng.choice(SCRIPTS),
             "number": f"No. {rng.randrange(1, 200)}", "year": 1990 + i, "topics": [rng.choice(get_args(LawTopic))],
             "amendments": [{"title": f"Synthetic amendment {j}", "year": 2010 + j} for j in range(rng.randint(0, 3))],
             "url": f"https://fixtureland.org/law/{code}/{i}", "version_note": _text(rng, 12)} for i in range(8)]
    authorities = [{"institution": f"Synthetic {rng.choice(WORDS).title()} Office {i}", "unit": _text(rng, 4),
                    "roles": [rng.choice(get_args(AuthorityRole))] if i else ["mla_central_authority", "extradition_authority"],
                    "address": _text(rng, 10), "phone": "+00 2 000 0000", "email": f"unit{i}@fixtureland.org",
                    "website": "https://fixtureland.org/", "languages": ["English"], "channels": ["diplomatic", "direct"],
                    "notes": _text(rng, 40)} for i in range(5)]
    return {
        "id": code, "name": name, "region": "asean" if code in ASEAN else "partner",
        "identity": _section(rng, official_name=name, local_name=rng.choice(SCRIPTS), legal_system="civil_law",
                             official_languages=["English"], request_languages=["English"]),
        "authorities": _section(rng, authorities=authorities),
        "legislation": _section(rng, laws=laws),
        "trafficking_definition": _section(
            rng, provision={"law": "law-0", "article": "section 6"}, summary=_text(rng, 80),
            articles_read=[{"law": "law-0", "article": "sections 4-12"}], elements=_elements(rng), child_age=18,
            means_required_for_children=_coded(rng, "no"), consent_irrelevant=_coded(rng, "yes"),
            persons_covered=_coded(rng, "all_persons")),
        "non_punishment": _section(rng, provision_exists=_coded(rng, rng.choice(["yes", "no"]), "section 41"),
                                   covers_forced_criminality=_coded(rng, rng.choice(["yes", "partly"])), guidelines=_text(rng, 30)),
        "mutual_legal_assistance": _section(
            rng, law="law-1", legal_bases=["bilateral_treaty", "multilateral_convention", "reciprocity"],
            dual_criminality=_coded(rng, rng.choice(["required", "coercive_measures_only"])),
            refusal_grounds=[_text(rng, 8) for _ in range(6)],
            languages=["English"], certification=_text(rng, 20), urgent_channels=_text(rng, 20), timelines=_text(rng, 15)),
        "extradition": _section(rng, law="law-2", treaty_required=_coded(rng, rng.choice(["yes", "no"])),
                                untoc_as_basis=_coded(rng, "yes"), nationals=_coded(rng, rng.choice(["allowed", "not_allowed"])),
                                dual_criminality=_coded(rng, "required"), simplified_procedure=_coded(rng, "yes"),
                                provisional_arrest=_coded(rng, "yes")),
        "evidence": _section(rng, foreign_evidence_admissible=_coded(rng, "yes"),
                             video_link_testimony=_coded(rng, rng.choice(["yes", "no"])), depositions_abroad=_coded(rng, "yes"),
                             electronic_evidence=_text(rng, 40), victim_witness_protection=[_text(rng, 5) for _ in range(4)]),
        "informal_cooperation": _section(rng, police_act_without_formal_request=_coded(rng, "partly"),
                                         channels=[{"name": f"Synthetic channel {i}", "kind": "police", "contact": _text(rng, 4),
                                                    "carries": ["intelligence", "locating_persons"],
                                                    "usable_in_court": _coded(rng, "partly"),
                                                    "description": _text(rng, 25)} for i in range(4)]),
        "electronic_evidence": _section(rng, point_of_contact_24_7=_text(rng, 5),
                                        preservation_on_foreign_request=_coded(rng, "yes"), preservation_period=_text(rng, 4),
                                        retention_periods=_text(rng, 20), disclosure_ordered_by=_text(rng, 4),
                                        emergency_disclosure=_coded(rng, "partly"),
                                        direct_requests_to_foreign_providers=_coded(rng, "no"),
                                        virtual_asset_freezing_authority=_text(rng, 5)),
        "victims": _section(rng, identification_and_referral=_text(rng, 40), screening_before_deportation=_coded(rng, "yes"),
                            testimony_from_abroad=_coded(rng, "partly"), repatriation=_text(rng, 40),
                            repatriation_authority=_text(rng, 5), compensation=_coded(rng, "yes"),
                            bilateral_agreements=[_text(rng, 6) for _ in range(3)]),
        "assets": _section(rng, law="law-3", freezing_on_foreign_request=_coded(rng, "yes"),
                           conviction_based_confiscation=_coded(rng, "yes"), non_conviction_based_confiscation=_coded(rng, "no"),
                           enforces_foreign_orders=_coded(rng, "partly"), asset_sharing=_coded(rng, "yes"),
                           return_to_victims=_coded(rng, "yes")),
        "request_requirements": _section(
            rng, contents=[{"item": _text(rng, 6), "sources": [1]} for _ in range(8)], certification=_coded(rng, "yes"),
            use_limits=_coded(rng, "yes"),
            measures={m: {"available": _coded(rng, "yes"), "authority": _text(rng, 4),
                          "requirements": [{"item": _text(rng, 6), "sources": [1]}]}
                      for m in rng.sample(get_args(Measure), 5)}),
        "legal_terms": _section(rng, terms=[{"concept": c, "term": rng.choice(SCRIPTS)[:30], "language": "Synthetic",
                                              "sources": [1]} for c in rng.sample(get_args(Concept), 8)]),
        "joint_investigations": _section(rng, joint_investigations=_coded(rng, "partly"),
                                         parallel_investigations=_coded(rng, "yes"), transfer_of_proceedings=_coded(rng, "no")),
    }


def treaties(codes: list[str], rng: random.Random) -> dict[str, dict]:
    out = {}
    for tid in MULTILATERAL:
        parties = [{"state": c, "status": "party", "signed": "2001-01-01", "consent": "ratification",
                    "consent_date": "2005-01-01", "in_force": "2005-02-01", "sources": [1]} for c in codes]
        out[tid] = {"id": tid, "title": f"Synthetic instrument {tid}", "short_name": tid.upper(), "kind": "multilateral",
                    "scope": ["mla", "extradition"], "adopted": "2000-11-15", "parties": parties,
                    "key_articles": [{"number": str(i + 1), "topic": _text(rng, 3), "summary": _text(rng, 30)} for i in range(4)],
                    "status": "needs_review", "last_verified": "2026-11-01", "sources": _sources(rng, 2)}
    for a in codes:  # about four bilateral treaties per state
        for b in rng.sample(codes, 4):
            if a == b:
                continue
            pair = sorted([a.lower(), b.lower()])
            kind = rng.choice(["mla", "extradition"])
            tid = f"{kind}-{pair[0]}-{pair[1]}"
            out[tid] = {"id": tid, "title": f"Synthetic {kind} treaty", "short_name": f"{a}–{b} {kind}", "kind": "bilateral",
                        "scope": [kind], "adopted": "2010-05-05",
                        "parties": [{"state": s.upper(), "status": "party", "consent": "ratification",
                                     "consent_date": "2011-01-01"} for s in pair],
                        "status": "needs_review", "last_verified": "2026-11-01", "sources": _sources(rng, 2)}
    return out


def generate(n: int, data_dir: Path, seed: int = 7) -> None:
    rng = random.Random(seed)
    codes = _codes(n)
    if len(codes) < n:  # a record's id is its ISO 3166-1 code: there is no valid data set of more states
        raise SystemExit(f"{n} states asked for; a state is an ISO 3166-1 code and there are {len(codes)}")
    (data_dir / "countries").mkdir(parents=True, exist_ok=True)
    (data_dir / "treaties").mkdir(parents=True, exist_ok=True)
    for code in codes:
        (data_dir / "countries" / f"{code.lower()}.yml").write_text(
            yaml.safe_dump(country(code, rng), allow_unicode=True, sort_keys=False), encoding="utf-8")
    for tid, record in treaties(codes, rng).items():
        (data_dir / "treaties" / f"{tid}.yml").write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False),
                                                          encoding="utf-8")


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))
