"""The loader: real YAML files, one field broken at a time, exact messages with file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from compendium.dataset import load
from compendium.loader import MAX_FILE_BYTES
from compendium.problems import DataError
from compendium.workers import START_METHOD_ENV
from conftest import edit as _replace


def _errors(data: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        load(data)
    return [str(p) for p in info.value.problems]


def test_valid_fixture_loads(data_copy: Path) -> None:
    ds = load(data_copy)
    assert list(ds.countries) == ["TH", "KH"]  # ASEAN first, then by name
    assert ds.country("th").authorities.authorities[0].email == "central.authority@fixtureland.org"


def test_bad_email_names_file_line_and_field(data_copy: Path) -> None:
    _replace(data_copy / "countries/th.yml", "email: central.authority@fixtureland.org", "email: n/a")
    assert _errors(data_copy) == [
        "data/countries/th.yml:27:14: error: authorities.authorities[0].email: expected an e-mail address, got 'n/a' [schema]"
    ]


def test_word_outside_vocabulary(data_copy: Path) -> None:
    _replace(data_copy / "countries/th.yml", "dual_criminality: {answer: required", "dual_criminality: {answer: maybe")
    (error,) = _errors(data_copy)
    assert error.startswith("data/countries/th.yml:85:30: error: mutual_legal_assistance.dual_criminality.answer: expected 'required',")
    assert error.endswith("got 'maybe' [schema]")


def test_unknown_field_points_at_the_key(data_copy: Path) -> None:
    _replace(data_copy / "countries/th.yml", "      unit: International", "      director: A Person\n      unit: International")
    (error,) = _errors(data_copy)
    assert error.startswith("data/countries/th.yml:23:7: error: authorities.authorities[0].director: unknown field")


def test_missing_section(data_copy: Path) -> None:
    _replace(data_copy / "countries/kh.yml", "evidence: {status: unknown}\n", "")
    assert _errors(data_copy) == ["data/countries/kh.yml:2:1: error: evidence: required field is missing [schema]"]


def test_duplicate_key_rejected(data_copy: Path) -> None:
    _replace(data_copy / "countries/kh.yml", "region: asean", "region: asean\nregion: partner")
    assert _errors(data_copy) == ["data/countries/kh.yml:5:1: error: region: duplicate key (first given at line 4) [duplicate-key]"]


def test_yaml_syntax_error_located(data_copy: Path) -> None:
    _replace(data_copy / "countries/kh.yml", "name: Fixtureland South", "name: [Fixtureland South")
    (error,) = _errors(data_copy)
    assert error.startswith("data/countries/kh.yml:") and "[yaml-syntax]" in error


def test_only_http_links_accepted(data_copy: Path) -> None:
    _replace(data_copy / "countries/th.yml", "url: https://fixtureland.org/one", "url: javascript:alert(1)")
    assert _errors(data_copy) == [
        "data/countries/th.yml:15:12: error: identity.sources[0].url: expected an http(s) URL, got 'javascript:alert(1)' [schema]"
    ]


def test_yes_and_no_stay_words(data_copy: Path) -> None:
    # YAML 1.1 would read `no` as False; the answers must survive typed bare.
    assert load(data_copy).country("TH").trafficking_definition.means_required_for_children.answer == "no"


def test_every_problem_reported_in_one_run(data_copy: Path) -> None:
    _replace(data_copy / "countries/th.yml", "email: central.authority@fixtureland.org", "email: n/a")
    _replace(data_copy / "countries/kh.yml", "region: asean", "region: elsewhere")
    _replace(data_copy / "treaties/untoc.yml", "kind: multilateral", "kind: plurilateral")
    errors = _errors(data_copy)
    assert [e.split(":")[0] for e in errors] == ["data/countries/kh.yml", "data/countries/th.yml", "data/treaties/untoc.yml"]


def test_oversized_file_refused(data_copy: Path) -> None:
    path = data_copy / "countries/kh.yml"
    path.write_text(path.read_text() + "#" * MAX_FILE_BYTES)
    (error,) = _errors(data_copy)
    assert error.startswith("data/countries/kh.yml:1:1: error: (record): file is ") and error.endswith("[file-size]")


def test_files_parse_alike_in_spawned_workers(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from compendium import dataset

    paths = sorted((data_copy / "countries").glob("*.yml"))
    alone = dataset._read_files(paths, data_copy.parent)
    monkeypatch.setenv(START_METHOD_ENV, "spawn")  # as on Windows and macOS
    spawned = dataset._read_files(paths, data_copy.parent, parallel_from=1)
    assert [(s.display, s.data, p) for s, p in spawned] == [(s.display, s.data, p) for s, p in alone]


def test_loading_unchanged_records_again_gives_the_checked_data_set_and_an_edit_is_checked_afresh(data_copy: Path) -> None:
    first = load(data_copy)
    assert load(data_copy) is first  # same records, same day: the rules are not run twice in one build
    _replace(data_copy / "countries/th.yml", "email: central.authority@fixtureland.org",
             "email: central.authority@example.org")  # a placeholder domain: the rules must see it
    assert any("example domain" in error for error in _errors(data_copy))
    _replace(data_copy / "countries/th.yml", "email: central.authority@example.org",
             "email: mla@fixtureland.org")
    second = load(data_copy)
    assert second is not first and second.country("th").authorities.authorities[0].email == "mla@fixtureland.org"
