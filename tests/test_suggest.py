"""'Did you mean …?': misspelt keys, words outside a vocabulary and state codes get the likely intended value."""

from __future__ import annotations

from pathlib import Path

import pytest

from compendium.dataset import load
from compendium.problems import DataError


def _hints(data: Path, rel: str, old: str, new: str) -> list[str | None]:
    path = data / rel
    assert old in path.read_text()
    path.write_text(path.read_text().replace(old, new, 1))
    with pytest.raises(DataError) as info:
        load(data)
    return [p.hint for p in info.value.problems]


@pytest.mark.parametrize(("rel", "old", "new", "hint"), [
    ("countries/th.yml", "      unit: International", "      unti: International", "did you mean `unit`?"),
    ("countries/th.yml", "region: asean", "regoin: asean", "did you mean `region`?"),
    ("countries/th.yml", "dual_criminality: {answer: required", "dual_criminality: {answer: requierd", "did you mean `required`?"),
    ("countries/th.yml", "channels: [diplomatic, direct]", "channels: [diplomatic, Direct]", "did you mean `direct`?"),
    ("countries/th.yml", "id: TH", "id: th", "did you mean `TH`?"),
    ("treaties/untoc.yml", "{state: KH,", "{state: Cambodia,", "did you mean `KH`?"),
    ("treaties/untoc.yml", "{state: KH,", "{state: KHM,", "did you mean `KH`?"),
    ("treaties/untoc.yml", "kind: multilateral", "kind: multilaterall", "did you mean `multilateral`?"),
    ("countries/th.yml", "id: mla-act-1992", "id: MLA Act 1992", "did you mean `mla-act-1992`?"),
])
def test_did_you_mean(data_copy: Path, rel: str, old: str, new: str, hint: str) -> None:
    assert hint in _hints(data_copy, rel, old, new)


def test_no_guess_when_nothing_is_close(data_copy: Path) -> None:
    assert _hints(data_copy, "countries/th.yml", "dual_criminality: {answer: required", "dual_criminality: {answer: maybe") == [None]
