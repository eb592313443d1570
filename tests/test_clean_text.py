"""The project speaks of the law and its sources only: no words about how the work was organised, no machine paths."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# What a reader or editor must never meet: how research was organised, who "added" a line, paths on someone's
# machine, design notes that live outside the repository.
FORBIDDEN = [
    r"\b(?:first|second|third|this|verification|gap|research) pass\b",
    r"\bresearch notes?\b",
    r"\bhelper\b",
    r"\bsub-?agents?\b",
    r"\b(?:chatgpt|claude|llm|language model)\b",
    r"(?<![\w.])/(?:work|tmp|root|home|Users)/",
    r"\.\./shared\b",
    r"\b(?:DESIGN|DOMAIN|STYLE)\.md\b",
]
PATTERN = re.compile("|".join(FORBIDDEN), re.IGNORECASE)
SCANNED = ["data", "docs", "compendium", "overrides", "schemas", "scripts", "README.md", "BENCHMARKS.md", "mkdocs.yml",
           "pyproject.toml"]


def _files() -> list[Path]:
    out = []
    for name in SCANNED:
        path = ROOT / name
        out += [p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts] if path.is_dir() else [path]
    return sorted(p for p in out if p.suffix in {".yml", ".yaml", ".md", ".py", ".j2", ".json", ".toml", ".html", ".js", ".css"})


def test_scan_reaches_the_data() -> None:
    files = _files()
    assert any(p.parent.name == "countries" for p in files) and any(p.parent.name == "treaties" for p in files)


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_workflow_words_or_machine_paths(path: Path) -> None:
    found = [(n, m.group(0)) for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             for m in PATTERN.finditer(line)]
    assert not found, f"{path.relative_to(ROOT)}: {found} — say it in terms of the law and its sources, or remove it"


def test_the_check_catches_what_it_guards() -> None:
    assert PATTERN.search("Added by the Thailand helper (see /work/research/th.md).")
    assert PATTERN.search("Second pass (2026-11-28): re-read")
    assert not PATTERN.search("relatives and helpers (Art. 34); a search on 2026-11-28 found nothing")
