"""Read YAML records safely and turn every syntax or schema problem into a located `Problem`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from . import suggest
from .problems import Problem, field_path

MAX_FILE_BYTES = 512 * 1024  # a state record is a few tens of KiB; anything far larger is a mistake or an attack

# libyaml's C parser is ~8x faster than the pure-Python one (see docs/architecture.md); fall back where it is missing.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _DuplicateKey(Exception):
    def __init__(self, key: str, mark: yaml.Mark, first: yaml.Mark) -> None:
        self.key, self.mark, self.first = key, mark, first


class _StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that refuses duplicate keys (plain safe_load silently keeps the last one)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        # Keys are plain scalars in our records: compare their text instead of constructing them twice.
        seen: dict[str, yaml.Mark] = {}
        for key_node, _ in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(key_node)
            if key in seen:
                raise _DuplicateKey(str(key), key_node.start_mark, seen[key])
            seen[key] = key_node.start_mark
        return super().construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _StrictLoader.construct_mapping)

# YAML 1.1 reads yes/no/on/off as booleans, which would turn the answer `no` into False: keep YAML 1.2's
# booleans (true/false) only, so editors can type the schema's answers bare.
_BOOL = "tag:yaml.org,2002:bool"
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


@dataclass
class Source:
    """A data file as read: its display path, its text and (after parsing) its data."""

    path: Path
    display: str
    text: str
    data: Any = None
    _tree: yaml.Node | None = field(default=None, repr=False)

    def locate(self, loc: tuple[str | int, ...], *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the deepest node on `loc`; composed only when a problem is reported."""
        if self._tree is None:
            self._tree = yaml.compose(self.text, Loader=_BaseLoader)
        node = self._tree
        if node is None:
            return 1, 1
        mark = node.start_mark
        for part in loc:
            child: yaml.Node | None = None
            key_mark = None
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                for k, v in node.value:
                    if k.value == part:
                        child, key_mark = v, k.start_mark
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                child = node.value[part]
            if child is None:
                break
            node = child
            mark = key_mark if (key and part == loc[-1] and key_mark is not None) else child.start_mark
        return mark.line + 1, mark.column + 1

    def problem(self, loc: tuple[str | int, ...], message: str, rule: str, hint: str | None = None, *, key: bool = False) -> Problem:
        line, column = self.locate(loc, key=key)
        return Problem(self.display, line, column, field_path(loc), message, rule, hint)


def read(path: Path, root: Path | None = None) -> tuple[Source, list[Problem]]:
    """Read and parse one YAML file; problems carry the file name and position."""
    display = str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        src = Source(path, display, "")
        return src, [Problem(display, 1, 1, "", f"file is {size} bytes, over the limit of {MAX_FILE_BYTES}", "file-size")]
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        src = Source(path, display, "")
        return src, [Problem(display, 1, 1, "", f"file is not UTF-8 ({exc.reason})", "yaml-syntax")]
    src = Source(path, display, text)
    try:
        src.data = yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a safe loader subclass
    except _DuplicateKey as dup:
        return src, [
            Problem(
                display, dup.mark.line + 1, dup.mark.column + 1, dup.key,
                f"duplicate key (first given at line {dup.first.line + 1})", "duplicate-key",
            )
        ]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return src, [Problem(display, line, col, "", f"YAML syntax: {exc.problem or exc}", "yaml-syntax")]
    except yaml.YAMLError as exc:
        return src, [Problem(display, 1, 1, "", f"YAML: {exc}", "yaml-syntax")]
    if not isinstance(src.data, dict):
        got = type(src.data).__name__ if src.data is not None else "an empty file"
        return src, [Problem(display, 1, 1, "", f"expected a mapping of fields, got {got}", "schema")]
    return src, []


M = TypeVar("M", bound=BaseModel)


def _describe(error: dict[str, Any]) -> str:
    kind, msg, got = error["type"], error["msg"], error.get("input")
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field (not in the schema; check the spelling, or see docs/contribute/country-template.yml)"
    if kind == "literal_error":
        expected = msg.removeprefix("Input should be ")
        return f"expected {expected}, got {got!r}"
    if kind == "value_error" and "email" in msg:
        return f"expected an e-mail address, got {got!r}"
    text = msg[0].lower() + msg[1:] if msg else kind
    text = text.replace("input should be", "expected").replace("value error, ", "")
    if "got " not in text and not isinstance(got, (dict, list)):
        text += f", got {got!r}"
    return text


def validate(src: Source, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Check the parsed data against a pydantic model; every schema error becomes a located problem."""
    try:
        return model.model_validate(src.data), []
    except ValidationError as exc:
        problems, seen = [], set()
        for error in exc.errors(include_url=False):
            # A union (e.g. a list or 'unknown') reports one error per branch: keep the first per field.
            loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and ("[" in p or p.startswith("function-"))))
            if loc in seen:
                continue
            seen.add(loc)
            problems.append(src.problem(loc, _describe(error), "schema", suggest.hint(model, error, loc),
                                        key=error["type"] == "extra_forbidden"))
        return None, problems
