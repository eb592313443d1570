"""Contributed data is untrusted: every hostile file gives one located line, never a traceback, a hang or a
memory blow-up; nothing is followed outside the repository and no record is skipped in silence."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from compendium import loader
from compendium.dataset import load
from compendium.models import Country
from compendium.problems import DataError

from conftest import ROOT, make_project, edit as _replace

ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(9))


def _errors(data: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        load(data)
    return [str(p) for p in info.value.problems]


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text() + text)


# --- YAML features a record has no use for ------------------------------------------------------------


def test_alias_bomb_is_refused_at_the_parser_in_bounded_time_and_memory(data_copy: Path) -> None:
    (data_copy / "countries/kh.yml").write_text(ALIAS_BOMB)
    assert len(ALIAS_BOMB) < 800
    tracemalloc.start()
    started = time.perf_counter()
    errors = _errors(data_copy)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert errors == ["data/countries/kh.yml:1:4: error: (record): anchor &a refused: a record has no use for anchors [yaml-feature]"]
    assert elapsed < 2 and peak < 20_000_000


def test_anchor_alone_is_refused(data_copy: Path) -> None:
    _replace(data_copy / "countries/kh.yml", "name: Fixtureland South", "name: &n Fixtureland South")
    assert _errors(data_copy) == [
        "data/countries/kh.yml:3:7: error: (record): anchor &n refused: a record has no use for anchors [yaml-feature]"]


def test_merge_key_cannot_bypass_duplicate_keys(data_copy: Path) -> None:
    _replace(data_copy / "countries/kh.yml", "region: asean", "region: asean\n<<: {region: partner}")
    assert _errors(data_copy) == [
        "data/countries/kh.yml:5:1: error: (record): merge key << refused: write each field out in the record [yaml-feature]"]


@pytest.mark.parametrize("tagged", ["!!binary aGVsbG8=", "!!timestamp 2026-11-31", "!!python/name:os.system", "!!set {a}"])
def test_explicit_tags_are_refused(data_copy: Path, tagged: str) -> None:
    _replace(data_copy / "countries/kh.yml", "name: Fixtureland South", f"name: {tagged}")
    (error,) = _errors(data_copy)
    assert error.startswith("data/countries/kh.yml:3:7: error: (record): tag ") and error.endswith("[yaml-feature]")


def test_deep_nesting_is_refused(data_copy: Path) -> None:
    _append(data_copy / "countries/kh.yml", "notes: " + "[" * 200 + "]" * 200 + "\n")
    (error,) = _errors(data_copy)
    assert error.startswith("data/countries/kh.yml:14:") and ("[yaml-depth]" in error or "[yaml-syntax]" in error)


# --- values that used to end in a traceback ---------------------------------------------------------------


def test_impossible_date_is_a_plain_located_error(data_copy: Path) -> None:
    _replace(data_copy / "treaties/untoc.yml", "adopted: 2000-11-15", "adopted: 2026-11-31")
    assert _errors(data_copy) == [
        "data/treaties/untoc.yml:7:10: error: adopted: use YYYY-MM-DD; 2026-11-31 is not a date [schema]"]


def test_dates_are_still_read_as_dates(data_copy: Path) -> None:
    import datetime as dt

    assert load(data_copy).treaty("untoc").adopted == dt.date(2000, 11, 15)


def test_five_thousand_digit_integer_is_located(data_copy: Path) -> None:
    _replace(data_copy / "countries/th.yml", "child_age: 18", "child_age: " + "9" * 5000)
    (error,) = _errors(data_copy)
    assert error.startswith("data/countries/th.yml:57:14: error: (record): cannot read this value: a number of 5000")
    assert len(error) < 200


def test_invalid_utf8_is_located_at_the_byte(data_copy: Path) -> None:
    path = data_copy / "countries/kh.yml"
    path.write_bytes(path.read_bytes().replace(b"Fixtureland South", b"Fixtureland \xff South"))
    assert _errors(data_copy) == [
        "data/countries/kh.yml:3:19: error: (record): not UTF-8: byte 0xff (invalid start byte); save the file as UTF-8 [encoding]"]


def test_nul_byte_is_located(data_copy: Path) -> None:
    _replace(data_copy / "countries/kh.yml", "region: asean", "region: as\x00ean")
    assert _errors(data_copy) == [
        "data/countries/kh.yml:4:11: error: (record): control character U+0000 is not allowed in a record [control-character]"]


@pytest.mark.parametrize("escape", ["\\x1b[2J", "\\0", "\\x85", "\\r", "\\u009b"])
def test_control_characters_written_as_escapes_are_refused_in_any_text_field(data_copy: Path, escape: str) -> None:
    _replace(data_copy / "countries/th.yml", "unit: International Affairs Department",
             f'unit: "International{escape} Affairs"')
    (error,) = _errors(data_copy)
    assert error.startswith("data/countries/th.yml:23:13: error: authorities.authorities[0].unit: control character U+")
    assert error.endswith("is not allowed in text [control-character]")


def test_right_to_left_and_zero_width_marks_are_text_not_errors(data_copy: Path) -> None:
    _replace(data_copy / "countries/kh.yml", "name: Fixtureland South", "name: Fixture\u202eland\u200b South")
    assert load(data_copy).country("KH").name == "Fixture\u202eland\u200b South"


# --- files and folders --------------------------------------------------------------------------------------


def test_symlink_to_dev_zero_is_not_followed(data_copy: Path) -> None:
    (data_copy / "countries/zz.yml").symlink_to("/dev/zero")
    assert _errors(data_copy) == ["data/countries/zz.yml:1:1: error: (record): a symbolic link; records must be plain files "
                                  "in the repository (links are not followed) [file-type]"]


def test_symlink_to_a_record_outside_the_repository_is_not_published(data_copy: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.yml"
    outside.write_text((data_copy / "countries/kh.yml").read_text().replace("KH", "LA").replace("Fixtureland South", "Secret"))
    (data_copy / "countries/la.yml").symlink_to(outside)
    (error,) = _errors(data_copy)
    assert error.startswith("data/countries/la.yml:1:1: error: (record): a symbolic link")


def test_symlink_loop_and_link_to_a_folder_are_located(data_copy: Path) -> None:
    (data_copy / "countries/aa.yml").symlink_to(data_copy / "countries/aa.yml")
    (data_copy / "countries/bb.yml").symlink_to(data_copy / "treaties")
    (data_copy / "countries/cc.yml").mkdir()
    errors = _errors(data_copy)
    assert [e.split(": error: ")[0] for e in errors] == [
        "data/countries/aa.yml:1:1", "data/countries/bb.yml:1:1", "data/countries/cc.yml:1:1"]
    assert "symbolic link" in errors[0] and "symbolic link" in errors[1] and "not a plain file" in errors[2]


def test_symlinked_data_folder_is_not_followed(data_copy: Path, tmp_path: Path) -> None:
    (data_copy / "treaties").rename(tmp_path / "elsewhere")
    (data_copy / "treaties").symlink_to(tmp_path / "elsewhere")
    (error,) = _errors(data_copy)
    assert error.startswith("data/treaties:1:1: error: (record): the data folder is a symbolic link")


def test_record_with_another_extension_is_an_error_not_skipped(data_copy: Path) -> None:
    (data_copy / "countries/th.yml").rename(data_copy / "countries/th.yaml")
    errors = _errors(data_copy)
    assert errors[0] == ("data/countries/th.yaml:1:1: error: (record): only .yml records belong in data/countries/: "
                         "rename it to th.yml if it is one, or move it out [file-name]")


def test_any_other_file_in_a_record_folder_is_an_error(data_copy: Path) -> None:
    (data_copy / "treaties/README.md").write_text("notes\n")
    (error,) = _errors(data_copy)
    assert error.startswith("data/treaties/README.md:1:1: error: (record): only .yml records belong in data/treaties/")


def test_missing_or_empty_data_folder_is_an_error(data_copy: Path, tmp_path: Path) -> None:
    assert _errors(tmp_path / "nowhere") == [
        f"{tmp_path / 'nowhere'}:1:1: error: (record): the data folder is missing [data-folder]"]
    for record in (data_copy / "treaties").iterdir():
        record.unlink()
    assert _errors(data_copy) == [
        "data/treaties:1:1: error: (record): no records in the data folder (expected data/treaties/*.yml) [data-folder]"]


def test_validate_command_fails_without_data(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", ROOT / "tests/fixtures/valid")
    for record in (project / "data/countries").iterdir():
        record.unlink()
    result = subprocess.run([sys.executable, "-m", "compendium.cli", "validate"], cwd=project, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 1 and "ok:" not in result.stdout
    assert result.stderr.splitlines()[0].startswith("data/countries:1:1: error: (record): no records")
    assert "Traceback" not in result.stderr


# --- locating stays linear ----------------------------------------------------------------------------------------


def _locate(tmp_path: Path, count: int) -> tuple[float, list]:
    text = (ROOT / "tests/fixtures/valid/countries/kh.yml").read_text() + "".join(f"x{i:05d}: 1\n" for i in range(count))
    path = tmp_path / f"kh-{count}.yml"
    path.write_text(text)
    assert len(text.encode()) <= loader.MAX_FILE_BYTES
    src, problems = loader.read(path, tmp_path)
    assert problems == []
    started = time.perf_counter()
    record, problems = loader.validate(src, Country)
    assert record is None
    return time.perf_counter() - started, problems


def test_fifty_thousand_problems_in_one_file_are_all_located_in_linear_time(tmp_path: Path) -> None:
    """Every problem of a garbage file is located, and locating grows with the problems, not with their square
    (it once did). Ten times the problems may take at most thirty times as long: quadratic work would take a
    hundred. Absolute times belong to the benchmark, not to a test on a shared machine."""
    small, _ = min((_locate(tmp_path, 5_000) for _ in range(2)), key=lambda r: r[0])
    large, problems = min((_locate(tmp_path, 50_000) for _ in range(2)), key=lambda r: r[0])
    assert len(problems) == 50_000
    assert (problems[-1].line, problems[-1].column, problems[-1].field) == (50_013, 1, "x49999")
    assert large < 30 * small, (small, large)


# --- no input gives a traceback, a hang or unbounded memory -----------------------------------------------------------

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

RECORDS = [(ROOT / "tests/fixtures/valid/countries/th.yml").read_text(),
           (ROOT / "tests/fixtures/valid/treaties/untoc.yml").read_text()]
# Fragments an attacker or a careless edit would splice in: YAML features, odd numbers and dates, markup, controls.
FRAGMENTS = ["&a ", "*a", "<<: ", "!!binary ", "!!timestamp ", "? ", "- ", "[", "]", "{", "}", ": ", "\n  ", "\n- ",
             "2026-11-31", "2026-02-30", "0" * 30, "9" * 5000, "1e99999", ".nan", "0x1F", "1:20:30", "yes", "~", "null",
             '"\\x1b"', '"\\0"', "\x00", "\x85", "\ufeff", "\u202e", "</title><script>alert(1)</script>", "'", '"', "#",
             "%YAML 1.1\n---\n", "---\n", "...\n", "|\n  ", ">-\n  ", "\t", "\r\n", "ด้", "\udcff"]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    text = draw(st.sampled_from(RECORDS))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            piece = draw(st.sampled_from(FRAGMENTS))
        else:
            piece = draw(st.text(max_size=12))
        cut = draw(st.integers(0, 8))
        text = text[:at] + piece + text[at + cut:]
    return text.encode("utf-8", errors="surrogateescape" if draw(st.booleans()) else "replace")


@settings(max_examples=250, deadline=2000, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(raw=mutated())
def test_no_mutated_record_gives_a_traceback_a_hang_or_a_memory_blowup(data_copy: Path, raw: bytes) -> None:
    # one record mutated, the others as in the fixture (the same folder serves every example)
    (data_copy / "countries/th.yml").write_text(RECORDS[0])
    (data_copy / "treaties/untoc.yml").write_text(RECORDS[1])
    (data_copy / ("countries/th.yml" if b"id: TH" in raw else "treaties/untoc.yml")).write_bytes(raw)
    tracemalloc.start()
    try:
        load(data_copy)
    except DataError as exc:
        for problem in exc.problems:
            line = str(problem).split("\n")[0]
            assert line.startswith(("data/countries/", "data/treaties/")), line
            assert ": error: " in line and len(line) < 600, line
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert peak < 50_000_000
