"""Stale sections: listed by `compendium coverage`, flagged on the page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from compendium import freshness, render
from compendium.cli import main
from compendium.dataset import load


def test_months_before_keeps_the_calendar() -> None:
    assert freshness.months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert freshness.months_before(dt.date(2026, 6, 1), 12) == dt.date(2025, 6, 1)


def test_sections_older_than_the_threshold_are_listed(data_copy: Path) -> None:
    ds = load(data_copy)
    assert list(freshness.stale(ds, dt.date(2026, 6, 1))) == []
    late = list(freshness.stale(ds, dt.date(2027, 3, 1)))
    assert {(s.record, s.section) for s in late} >= {("Fixtureland North", "Central authority and contacts"),
                                                     ("Fixture UNTOC", "treaty record")}
    assert all(s.last_verified == dt.date(2026, 1, 15) for s in late)
    assert not any(s.record == "Fixtureland South" for s in late)  # nothing sourced, nothing to re-check
    assert len(list(freshness.stale(ds, dt.date(2026, 6, 1), months=3))) == len(late)


def test_coverage_command_lists_stale_sections(data_copy: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2027, 6, 1, tzinfo=dt.UTC).timestamp())))
    assert main(["--data", str(data_copy), "coverage"]) == 0
    out = capsys.readouterr().out
    assert "Sections not re-checked for over 12 months" in out
    assert "data/countries/th.yml: Fixtureland North › Identity and languages, last checked 2026-01-15" in out


def test_stale_sections_carry_a_visible_banner(data_copy: Path) -> None:
    page = {p.src_uri: p.markdown for p in render.pages(load(data_copy), dt.date(2027, 6, 1))}["countries/th/index.md"]
    assert "stale: not re-checked for over a year" in page
