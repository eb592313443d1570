"""Canonical layout of the data files: keys in the models' order, one indentation, comments kept.

ruamel.yaml earns its place here: the records carry editors' comments (caveats, reminders to check a source) that a PyYAML
round trip would drop. A comment stays attached to the line it follows, so it moves with that key.
"""

from __future__ import annotations

import io
from pathlib import Path

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from .fields import field_name, keys, models_in
from .models import Country, Section, Treaty

# A section opens with how far it can be trusted and its caveats, and closes with its sources; a record that is
# itself a section (a treaty) says first what it is, then the same.
LEAD, TAIL = ("status", "last_verified", "notes"), ("sources",)
MODELS: dict[str, type[BaseModel]] = {"countries": Country, "treaties": Treaty}
WIDTH = 4096  # never fold a value: folding splits links and leaves trailing spaces; long text reads best as `>-`


def _yaml() -> YAML:
    yaml = YAML()  # round trip: comments, quotes and block or flow style as the editor wrote them
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = WIDTH
    yaml.preserve_quotes = True
    return yaml


def key_order(model: type[BaseModel]) -> list[str]:
    """The canonical order of a model's keys."""
    own = keys(model)
    if not issubclass(model, Section):
        return own
    content = [k for k in own if k not in LEAD + TAIL]
    return [*content, *LEAD, *TAIL] if "id" in own else [*LEAD, *content, *TAIL]


def _reorder(node: object, model: type[BaseModel] | None) -> None:
    if isinstance(node, CommentedSeq):
        for item in node:
            _reorder(item, model)
    if not isinstance(node, CommentedMap) or model is None:
        return
    order = key_order(model)
    rank = {k: i for i, k in enumerate(order)}
    for key in sorted(node, key=lambda k: rank.get(k, len(order))):  # unknown keys keep their place, last
        node.move_to_end(key)
    for key, value in node.items():
        name = field_name(model, key) if isinstance(key, str) else None
        found = models_in(model.model_fields[name].annotation) if name else []
        _reorder(value, found[0] if found else None)


def model_for(path: Path) -> type[BaseModel] | None:
    """Country for `…/countries/*.yml`, Treaty for `…/treaties/*.yml`."""
    return MODELS.get(path.parent.name)


def format_text(text: str, model: type[BaseModel]) -> str:
    """The canonical form of a record's text. Raises ruamel's YAMLError if the text is not YAML."""
    yaml = _yaml()
    data = yaml.load(text)
    _reorder(data, model)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def data_files(data_dir: Path) -> list[Path]:
    """Every record file under the data folder."""
    return sorted(p for folder in MODELS for p in (data_dir / folder).glob("*.yml"))


def run(paths: list[Path], check: bool) -> tuple[list[Path], list[str]]:
    """Format (or with `check`, only compare) the files: (files that change or would change, files not formatted)."""
    changed, skipped = [], []
    for path in paths:
        model = model_for(path)
        if model is None:
            skipped.append(f"{path}: not under countries/ or treaties/")
            continue
        text = path.read_text(encoding="utf-8")
        try:
            formatted = format_text(text, model)
        except YAMLError as exc:
            skipped.append(f"{path}: not valid YAML, run `compendium validate` ({str(exc).splitlines()[0]})")
            continue
        if formatted != text:
            changed.append(path)
            if not check:
                path.write_text(formatted, encoding="utf-8")
    return changed, skipped
