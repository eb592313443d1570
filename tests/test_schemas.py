"""One schema, two consumers: the editors' JSON Schemas and `compendium validate` give the same verdicts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import FIXTURES
from jsonschema import Draft202012Validator, FormatChecker

from compendium.dataset import load
from compendium.problems import DataError
from compendium import exports, loader
from compendium.dataset import load
from compendium.models import Country, Treaty
from compendium.problems import DataError

TH, UNTOC = "countries/th.yml", "treaties/untoc.yml"

# Typical editors' mistakes, each one edit to the valid fixture: (file, text to replace, replacement).
EXPRESSIBLE = {
    "lower-case state code": (TH, "id: TH", "id: th"),
    "unassigned state code": (TH, "id: TH", "id: XX"),
    "state name instead of code": (TH, "id: TH", "id: Thailand"),
    "region outside vocabulary": (TH, "region: asean", "region: elsewhere"),
    "misspelt top-level key": (TH, "region: asean", "regoin: asean"),
    "unknown key in an authority": (TH, "      unit: International", "      director: A Person\n      unit: International"),
    "e-mail without @": (TH, "email: central.authority@fixtureland.org", "email: n/a"),
    "javascript link": (TH, "url: https://fixtureland.org/one", "url: javascript:alert(1)"),
    "link without scheme": (TH, "website: https://fixtureland.org/ca", "website: www.fixture-state.org"),
    "ftp link": (TH, "website: https://fixtureland.org/ca", "website: ftp://fixture-state.org/ca"),
    "law id with capitals and spaces": (TH, "id: mla-act-1992", "id: MLA Act 1992"),
    "provision names a non-slug law": (TH, "provision: {law: trafficking-act-2008,", "provision: {law: Trafficking_Act,"),
    "status outside vocabulary": (TH, "  status: verified", "  status: done"),
    "date in words": (TH, "  last_verified: 2026-01-15\n  official_name", "  last_verified: last week\n  official_name"),
    "year out of range": (TH, "year: 1992", "year: 1692"),
    "child age out of range": (TH, "child_age: 18", "child_age: 40"),
    "empty roles": (TH, "roles: [mla_central_authority, extradition_authority]", "roles: []"),
    "role outside vocabulary": (TH, "roles: [mla_central_authority, extradition_authority]", "roles: [judge]"),
    "yes without its source": (TH, "consent_irrelevant: {answer: yes, sources: [1]}", "consent_irrelevant: yes"),
    "answer outside vocabulary": (TH, "forced_criminality: {answer: yes", "forced_criminality: {answer: maybe"),
    "act outside vocabulary": (TH, "      recruitment: {answer: yes", "      kidnapping: {answer: yes"),
    "element answer as a list": (TH, "forced_criminality: {answer: yes, sources: [1]}", "forced_criminality: [yes]"),
    "empty name": (TH, "name: Fixtureland North", 'name: ""'),
    "blank name": (TH, "name: Fixtureland North", 'name: "   "'),
    "over-long title": (TH, "title: Fixture source one", "title: " + "x" * 301),
    "section missing": (TH, "identity:\n", "identiti:\n"),
    "source without title": (TH, "    - title: Fixture source two\n      kind: ngo_or_press\n      url", "    - kind: ngo_or_press\n      url"),
    "number for text": (TH, "pinpoint: section 1", "pinpoint: 1"),
    "treaty kind outside vocabulary": (UNTOC, "kind: multilateral", "kind: plurilateral"),
    "treaty party with a name, not a code": (UNTOC, "{state: KH,", "{state: Cambodia,"),
    "treaty party alpha-3 code": (UNTOC, "{state: KH,", "{state: KHM,"),
    "treaty without scope": (UNTOC, "scope: [mla, extradition, organized_crime]", "scope: []"),
    "treaty id with capitals": (UNTOC, "id: untoc", "id: UNTOC"),
    "supplements a non-slug": (UNTOC, "adopted: 2000-11-15", "adopted: 2000-11-15\nsupplements: The Convention"),
}

# Mistakes only the models and rules catch: JSON Schema cannot state them (the editor learns of them on validate).
MODELS_ONLY = {
    "consent of a state that is not a party": (UNTOC, "{state: KH, status: unknown}", "{state: KH, status: signatory, consent: ratification}"),
    "template placeholder": (UNTOC, "adopted: 2000-11-15", "adopted: 2000-11-15\nplace: City"),
    "e-mail without a real domain": (TH, "email: central.authority@fixtureland.org", "email: someone@localhost"),
    "file name differs from id": (TH, "id: TH", "id: VN"),
}


def _validators() -> dict[str, Draft202012Validator]:
    schemas = exports.schemas()
    return {path: Draft202012Validator(schemas[name], format_checker=FormatChecker())
            for path, name in ((TH, "country"), (UNTOC, "treaty"))}


def _mutated(data: Path, case: tuple[str, str, str]) -> loader.Source:
    rel, old, new = case
    path = data / rel
    text = path.read_text()
    assert old in text, f"fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1))
    src, problems = loader.read(path, data.parent)
    assert problems == []
    return src


def _json_schema_rejects(src: loader.Source, rel: str) -> bool:
    as_json = json.loads(json.dumps(src.data, default=lambda v: v.isoformat() if isinstance(v, dt.date) else str(v)))
    return any(True for _ in _validators()[rel].iter_errors(as_json))


def _models_reject(src: loader.Source, rel: str) -> bool:
    """The verdict of `compendium validate`: the models, then the rules over the whole data folder."""
    _, problems = loader.validate(src, Country if rel == TH else Treaty)
    if problems:
        return True
    try:
        load(src.path.parent.parent)
    except DataError:
        return True
    return False


def test_valid_records_pass_both() -> None:
    for rel in (TH, UNTOC):
        src, _ = loader.read(FIXTURES / "valid" / rel, FIXTURES)
        assert not _json_schema_rejects(src, rel) and not _models_reject(src, rel)


@pytest.mark.parametrize("mistake", sorted(EXPRESSIBLE))
def test_json_schema_and_models_agree(mistake: str, data_copy: Path) -> None:
    rel = EXPRESSIBLE[mistake][0]
    src = _mutated(data_copy, EXPRESSIBLE[mistake])
    assert (_json_schema_rejects(src, rel), _models_reject(src, rel)) == (True, True)


@pytest.mark.parametrize("mistake", sorted(MODELS_ONLY))
def test_what_json_schema_cannot_state_is_still_caught(mistake: str, data_copy: Path) -> None:
    rel = MODELS_ONLY[mistake][0]
    src = _mutated(data_copy, MODELS_ONLY[mistake])
    assert not _json_schema_rejects(src, rel)
    with pytest.raises(DataError):
        load(data_copy)


def test_corpus_is_large_enough() -> None:
    assert len(EXPRESSIBLE) >= 20


def test_committed_schemas_carry_the_models_patterns() -> None:
    country = json.loads((Path(__file__).parent.parent / "schemas/country.schema.json").read_text())
    assert country["properties"]["id"]["pattern"] == "^[A-Z]{2}$" and "TH" in country["properties"]["id"]["enum"]
    law = country["$defs"]["Law"]["properties"]
    assert law["id"]["pattern"].startswith("^[a-z0-9]") and law["url"]["anyOf"][0]["pattern"].startswith("^https?://")
