"""`compendium fmt` and `compendium new`: canonical layout that keeps meaning and comments; a new record that validates."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from compendium import fmt, loader
from compendium.cli import main
from compendium.dataset import load
from compendium.models import Country, Section


def test_fmt_orders_keys_as_the_models_and_keeps_comments(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = data_copy / "countries/kh.yml"
    shuffled = path.read_text().replace("id: KH\nname: Fixtureland South\n", "name: Fixtureland South  # short name\nid: KH\n")
    path.write_text(shuffled)
    assert main(["--data", str(data_copy), "fmt", "--check"]) == 1
    assert f"would reformat {path}" in capsys.readouterr().out
    assert path.read_text() == shuffled  # --check changes nothing
    assert main(["--data", str(data_copy), "fmt"]) == 0
    text = path.read_text()
    assert text.index("id: KH") < text.index("name: Fixtureland South  # short name") < text.index("region:")
    assert text.startswith("# Test fixture, not data")
    assert main(["--data", str(data_copy), "fmt", "--check"]) == 0


def test_section_layout_opens_with_status_and_closes_with_sources() -> None:
    text = "identity:\n  sources: []\n  official_name: X\n  notes: caveat\n  status: verified\n  last_verified: 2026-01-01\n"
    assert fmt.format_text(text, Country) == (
        "identity:\n  status: verified\n  last_verified: 2026-01-01\n  notes: caveat\n  official_name: X\n  sources: []\n")


def test_fmt_keeps_the_meaning_of_every_real_record(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    for path in fmt.data_files(tmp_path / "data"):
        before, _ = loader.validate(loader.read(path, tmp_path)[0], fmt.model_for(path))
        formatted = fmt.format_text(path.read_text(encoding="utf-8"), fmt.model_for(path))
        assert fmt.format_text(formatted, fmt.model_for(path)) == formatted, f"{path.name}: not stable"
        assert formatted.count("#") >= path.read_text(encoding="utf-8").count("\n#"), f"{path.name}: lost a comment"
        path.write_text(formatted, encoding="utf-8")
        after, problems = loader.validate(loader.read(path, tmp_path)[0], fmt.model_for(path))
        assert problems == [] and after == before, path.name


def test_fmt_check_reports_a_broken_file_without_touching_it(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = data_copy / "countries/kh.yml"
    path.write_text("id: [KH\n")
    assert main(["--data", str(data_copy), "fmt", "--check"]) == 1
    assert "not valid YAML" in capsys.readouterr().err and path.read_text() == "id: [KH\n"


def test_new_state_validates_as_it_stands(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(data_copy), "new", "la"]) == 0
    path = data_copy / "countries/la.yml"
    country = load(data_copy).country("LA")
    assert (country.name, country.region) == ("Laos", "asean")  # pycountry's common name; the editor corrects it
    sections = [name for name in Country.model_fields if isinstance(getattr(country, name), Section)]
    assert sections and all(getattr(country, name).status == "unknown" for name in sections)
    assert main(["--data", str(data_copy), "fmt", "--check", str(path)]) == 0
    assert main(["--data", str(data_copy), "new", "LA"]) == 1  # never overwrites
    assert main(["--data", str(data_copy), "new", "JP"]) == 0 and load(data_copy).country("JP").region == "partner"
    assert main(["--data", str(data_copy), "new", "Laos"]) == 1
    assert "did you mean `LA`?" in capsys.readouterr().err
