"""The repository stands alone and says how to use it: set-up, licences, citation, no references outside it."""

from __future__ import annotations

import re
import subprocess

import yaml
from conftest import ROOT


def _tracked() -> list[str]:
    out = subprocess.run(["git", "-C", str(ROOT), "ls-files"], capture_output=True, text=True, check=True).stdout
    return [line for line in out.splitlines() if (ROOT / line).is_file()]


def test_nothing_points_outside_the_repository() -> None:
    outside = re.compile(r"\.\./shared|(?<![\w/])DESIGN\.md|DOMAIN\.md")
    offenders = [path for path in _tracked() if not path.startswith("data/") and path.endswith((".md", ".py", ".yml", ".toml", ".j2"))
                 and outside.search((ROOT / path).read_text(encoding="utf-8"))]
    assert offenders == []


def test_readme_setup_starts_with_a_virtual_environment() -> None:
    readme = (ROOT / "README.md").read_text()
    setup = readme[readme.index("## Set-up"):]
    first_block = re.search(r"```sh\n(.+?)\n```", setup, re.S).group(1)
    assert first_block == "python3 -m venv .venv && . .venv/bin/activate"
    assert setup.index(first_block) < setup.index("<!-- build-command -->") < setup.index("<!-- test-command -->")


def test_licences_and_citation_are_present() -> None:
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
    assert "CC BY 4.0" in (ROOT / "LICENSE-DATA.md").read_text()
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert citation["cff-version"] == "1.2.0" and citation["license"] == "CC-BY-4.0" and citation["authors"]
    assert (ROOT / "CHANGELOG.md").read_text().startswith("# Changelog")


def test_review_workflow_runs_every_check_and_posts_the_diff() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/pr.yml").read_text())
    steps = workflow["jobs"]["review"]["steps"]
    commands = "\n".join(step.get("run", "") for step in steps)
    for command in ("compendium validate", "compendium fmt --check", "python -m pytest", "compendium build",
                    'compendium diff "origin/${{ github.base_ref }}"', "gh pr comment"):
        assert command in commands, command
    assert any(step.get("uses", "").startswith("actions/upload-artifact") for step in steps)
    template = (ROOT / ".github/pull_request_template.md").read_text()
    assert all(heading in template for heading in ("## What changed", "## Sources", "## Who checked"))
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"]
    assert [h["entry"] for h in hooks] == ["compendium validate", "compendium fmt --check"]
    assert "compendium diff" in (ROOT / "CONTRIBUTING.md").read_text()
