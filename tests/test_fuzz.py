"""Property: whatever an editor types, validation answers with located problems, never with a traceback."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import yaml
from conftest import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compendium.dataset import load
from compendium.problems import DataError

FILES = ["countries/th.yml", "countries/kh.yml", "treaties/untoc.yml", "treaties/mla-kh-th.yml"]
ORIGINAL = {rel: yaml.safe_load((FIXTURES / "valid" / rel).read_text()) for rel in FILES}

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False), st.text(max_size=40),
                    st.dates(dt.date(1700, 1, 1), dt.date(2200, 1, 1)), st.sampled_from(["unknown", "yes", "TH", "mla", "", " "]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner, max_size=3),
                      max_leaves=6)


def _paths(node: object, loc: tuple = ()) -> list[tuple]:
    found = [loc]
    if isinstance(node, dict):
        for key, item in node.items():
            found += _paths(item, (*loc, key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found += _paths(item, (*loc, index))
    return found


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, str]:
    """One fixture file with a few edits: a value replaced, a key dropped or renamed, or raw lines shuffled."""
    rel = draw(st.sampled_from(FILES))
    data = yaml.safe_load(yaml.safe_dump(ORIGINAL[rel]))
    for _ in range(draw(st.integers(1, 3))):
        loc = draw(st.sampled_from(_paths(data)[1:]))
        parent = data
        for part in loc[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "drop", "rename"]))
        if action == "replace" or isinstance(parent, list):
            parent[loc[-1]] = draw(values)
        elif action == "drop":
            del parent[loc[-1]]
        else:
            parent[draw(st.text(min_size=1, max_size=12))] = parent.pop(loc[-1])
        if not _paths(data)[1:]:
            break
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    lines = text.splitlines(keepends=True)
    # Raw edits: a line lost, doubled, or text typed in. No digits are typed: an impossible date (2026-0-15) is
    # the reader's own concern and test.
    if draw(st.booleans()) and lines:
        i = draw(st.integers(0, len(lines) - 1))
        edit = draw(st.sampled_from(["delete", "double", "insert"]))
        if edit == "delete":
            del lines[i]
        elif edit == "double":
            lines.insert(i, lines[i])
        else:
            typed = draw(st.text(st.characters(blacklist_categories=("Nd", "Cs")), min_size=1, max_size=4))
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + typed + lines[i][at:]
    return rel, "".join(lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_records_give_problems_not_tracebacks(case: tuple[str, str]) -> None:
    rel, text = case
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(FIXTURES / "valid", data)
        (data / rel).write_text(text, encoding="utf-8")
        try:
            load(data, today=dt.date(2026, 6, 1))
        except DataError as exc:
            assert exc.problems
            for problem in exc.problems:
                assert problem.path.startswith("data/") and problem.line >= 1 and problem.column >= 1
                assert problem.message and problem.rule
                str(problem)
