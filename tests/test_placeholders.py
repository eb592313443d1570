"""Template placeholders and example values are refused, each with its file, line and field."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from compendium.dataset import load
from compendium.placeholders import reason
from compendium.problems import DataError


def _problems(data: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        load(data)
    return [str(p) for p in info.value.problems]


def test_template_city_is_located(data_copy: Path) -> None:
    path = data_copy / "treaties/untoc.yml"
    path.write_text(path.read_text().replace("adopted: 2000-11-15", "adopted: 2000-11-15\nplace: City"))
    assert _problems(data_copy) == [
        "data/treaties/untoc.yml:8:8: error: place: expected a sourced fact, got 'City': a placeholder from the record "
        "template [no-placeholders]\n  hint: replace it with the fact as the source states it, or remove the field "
        "(coded answers take `unknown`)"
    ]


def test_every_placeholder_of_the_treaty_template_is_refused(data_copy: Path) -> None:
    # The template's dates are not dates at all; give them real ones to see what would otherwise be published.
    text = re.sub(r"YYYY-MM-DD", "2000-01-01", (ROOT / "docs/contribute/treaty-template.yml").read_text())
    (data_copy / "treaties/mla-th-us.yml").write_text(text)
    flagged = {line.split(": error: ")[1].split(":")[0] for line in _problems(data_copy) if "[no-placeholders]" in line}
    assert flagged == {"place", "url", "key_articles[0].summary", "parties[0].declarations[0].effect", "sources[0].title", "sources[0].url"}


@pytest.mark.parametrize("value", [
    "City", "in your own words", "https://...", "https://treaties.un.org/...", "TODO", "to be checked (TBD)",
    "https://example.org/page", "unit@example.com", "https://www.example.gov/", "+00 0 000 0000", "optional text",
])
def test_placeholders(value: str) -> None:
    assert reason(value)


@pytest.mark.parametrize("value", [
    "Kuala Lumpur", "Optional Protocol to the Convention on the Rights of the Child", "https://www.ag.go.th/",
    "oag@ago.go.th", "+66 2 142 1444", "section 6 (as amended in 2019)", "Cities Act 2001",
])
def test_facts_are_not_placeholders(value: str) -> None:
    assert reason(value) is None


def test_the_real_data_holds_no_placeholder(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    try:
        load(tmp_path / "data")
    except DataError as exc:
        assert not [p for p in exc.problems if p.rule == "no-placeholders"], exc.report()
