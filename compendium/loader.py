"""Read YAML records safely and turn every syntax or schema problem into a located `Problem`.

Records arrive through pull requests, so a file is untrusted input: it is read only if it is a plain file (never
through a symbolic link), up to a size limit, and parsed with the features a record has no use for refused at the
parser (anchors, aliases, merge keys, explicit tags, deep nesting), so no input can make the loader hang, grow
without bound or fail with anything but a located one-line problem.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from . import suggest
from .problems import Problem, field_path

MAX_FILE_BYTES = 512 * 1024  # a state record is a few tens of KiB; anything far larger is a mistake or an attack
MAX_DEPTH = 24  # a record nests about six levels deep; a far deeper tree is a mistake or an attack

# libyaml's C parser is ~8x faster than the pure-Python one (see docs/architecture.md); fall back where it is missing.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Characters no text field may hold: C0 controls (tab and line breaks aside), DEL and C1 controls. Printed raw they
# rewrite a terminal or hide text; NUL ends strings in C. Region scripts, right-to-left and zero-width marks are text.
_CONTROL_IN_FILE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_IN_VALUE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

_STR, _INT, _FLOAT, _BOOL, _NULL = (f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null"))
_MERGE = "tag:yaml.org,2002:merge"
_TAGS = frozenset({_STR, _INT, _FLOAT, _BOOL, _NULL, "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})


class _DuplicateKey(Exception):
    def __init__(self, key: str, mark: yaml.Mark, first: yaml.Mark) -> None:
        self.key, self.mark, self.first = key, mark, first


class _Refused(Exception):
    """Something a record must not contain, at a node's position."""

    def __init__(self, mark: yaml.Mark, message: str, rule: str = "yaml-feature") -> None:
        self.mark, self.message, self.rule = mark, message, rule


class _StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that refuses duplicate keys (plain safe_load silently keeps the last one), merge keys (they
    bypass that check), aliases and explicit tags, and turns a value that cannot be constructed (an over-long
    number) into a located error instead of a traceback. Checked while constructing: no extra walk of the tree."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        # Keys are plain scalars in our records: compare their text instead of constructing them twice.
        seen: dict[str, yaml.Mark] = {}
        for key_node, _ in node.value:
            if key_node.tag == _MERGE:
                raise _Refused(key_node.start_mark, "merge key << refused: write each field out in the record")
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(key_node)
            if key in seen:
                raise _DuplicateKey(str(key), key_node.start_mark, seen[key])
            seen[key] = key_node.start_mark
        return super().construct_mapping(node, deep=deep)

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects:  # only an alias reaches a node twice (the anchor scan comes first)
            raise _Refused(node.start_mark, "alias refused: write the value out in full")
        if node.tag not in _TAGS:
            raise _Refused(node.start_mark, f"tag {node.tag} refused: a record uses plain values only")
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, OverflowError, TypeError) as exc:
            digits = len(node.value) if isinstance(node, yaml.ScalarNode) else 0
            reason = f"a number of {digits} characters is too long" if node.tag == _INT else str(exc)[:100]
            raise _Refused(node.start_mark, f"cannot read this value: {reason}", "yaml-value") from None


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _StrictLoader.construct_mapping)

# Implicit types, narrowed from YAML 1.1 to what a record uses. Booleans: YAML 1.2's true/false only, since 1.1
# reads yes/no/on/off as booleans and would turn the answer `no` into False. Numbers: plain decimals (1.1's
# sexagesimal `1:20` and binary forms are surprises). Dates stay text: the model reads them, so an impossible
# date is a plain schema error, not a traceback from the YAML constructor.
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in (_BOOL, _INT, _FLOAT, "tag:yaml.org,2002:timestamp")]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_StrictLoader.add_implicit_resolver(_INT, re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
_StrictLoader.add_implicit_resolver(
    _FLOAT, re.compile(r"^(?:[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."))


def _scan_anchors(text: str) -> _Refused | None:
    """The first anchor or alias in the event stream. Anchors and aliases have no use in a record, and an alias
    bomb of a few hundred bytes expands to gigabytes once constructed: refused before anything is built."""
    for event in yaml.parse(text, Loader=_BaseLoader):
        if isinstance(event, yaml.AliasEvent):
            return _Refused(event.start_mark, f"alias *{event.anchor} refused: write the value out in full")
        if getattr(event, "anchor", None) is not None:
            return _Refused(event.start_mark, f"anchor &{event.anchor} refused: a record has no use for anchors")
    return None


def _positions(root: yaml.Node | None) -> dict[tuple[str | int, ...], tuple[yaml.Mark, yaml.Mark | None]]:
    """Where every value (and its key) starts, by its path: built once per file, so locating any number of
    problems costs one walk of the tree, not one walk per problem."""
    index: dict[tuple[str | int, ...], tuple[yaml.Mark, yaml.Mark | None]] = {}
    if root is None:
        return index
    stack: list[tuple[tuple[str | int, ...], yaml.Node]] = [((), root)]
    index[()] = (root.start_mark, None)
    while stack:
        path, node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    child = (*path, key.value)
                    index.setdefault(child, (value.start_mark, key.start_mark))
                    stack.append((child, value))
        elif isinstance(node, yaml.SequenceNode):
            for i, value in enumerate(node.value):
                index[(*path, i)] = (value.start_mark, None)
                stack.append(((*path, i), value))
    return index


def _inspect(data: Any, escapes: bool) -> tuple[tuple[str | int, ...] | None, list[tuple[tuple[str | int, ...], str]]]:
    """One walk of the parsed data: the first path nested deeper than MAX_DEPTH, and (if the text has escapes,
    the only way one can get past the check of the raw text) every text value or key with a control character."""
    found: list[tuple[tuple[str | int, ...], str]] = []
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if len(path) > MAX_DEPTH:
            return path, found
        if isinstance(value, dict):
            for key, child in value.items():
                if escapes and isinstance(key, str) and (match := _CONTROL_IN_VALUE.search(key)):
                    found.append(((*path, key), match.group()))
                stack.append(((*path, key), child))
        elif isinstance(value, list):
            stack.extend(((*path, i), child) for i, child in enumerate(value))
        elif escapes and isinstance(value, str) and (match := _CONTROL_IN_VALUE.search(value)):
            found.append((path, match.group()))
    return None, found


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


@dataclass
class Source:
    """A data file as read: its display path, its text and (after parsing) its data."""

    path: Path
    display: str
    text: str
    data: Any = None
    _index: dict[tuple[str | int, ...], tuple[yaml.Mark, yaml.Mark | None]] | None = field(default=None, repr=False)

    def locate(self, loc: tuple[str | int, ...], *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the deepest node on `loc` that exists (its key's, with `key`)."""
        if self._index is None:
            # Composed again only when a problem is reported: most files have none, and a tree per file kept
            # for the whole load would cost memory (and pickling, when files are read in parallel).
            self._index = _positions(yaml.compose(self.text, Loader=_BaseLoader)) if self.text else {}
        for end in range(len(loc), -1, -1):
            entry = self._index.get(tuple(loc[:end])) or self._index.get(tuple(str(p) for p in loc[:end]))
            if entry is not None:
                value_mark, key_mark = entry
                mark = key_mark if key and end == len(loc) and key_mark is not None else value_mark
                return mark.line + 1, mark.column + 1
        return 1, 1

    def problem(self, loc: tuple[str | int, ...], message: str, rule: str, hint: str | None = None, *, key: bool = False) -> Problem:
        line, column = self.locate(loc, key=key)
        return Problem(self.display, line, column, field_path(loc), message, rule, hint)


def _read_bytes(path: Path, display: str) -> tuple[bytes | None, Problem | None]:
    """The file's bytes, if it is a plain file within the size limit. Never follows a symbolic link: a link could
    publish a file from outside the repository, or point at /dev/zero."""
    def refuse(message: str, rule: str = "file-type") -> tuple[None, Problem]:
        return None, Problem(display, 1, 1, "", message, rule)

    try:
        info = path.lstat()
    except OSError as exc:
        return refuse(f"cannot read the file ({exc.strerror})")
    if stat.S_ISLNK(info.st_mode):
        return refuse("a symbolic link; records must be plain files in the repository (links are not followed)")
    if not stat.S_ISREG(info.st_mode):
        return refuse("not a plain file (a folder, device or pipe); a record is one .yml file")
    if info.st_size > MAX_FILE_BYTES:
        return refuse(f"file is {info.st_size} bytes, over the limit of {MAX_FILE_BYTES}", "file-size")
    try:
        # O_NOFOLLOW and O_NONBLOCK: if the file is swapped for a link or a pipe after the check, opening fails
        # instead of following it or waiting for a writer; the read is bounded whatever the file has become.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        return refuse(f"cannot read the file ({exc.strerror})")
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return refuse("not a plain file (a folder, device or pipe); a record is one .yml file")
        raw = handle.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        return refuse(f"file is over the limit of {MAX_FILE_BYTES} bytes", "file-size")
    return raw, None


def _decode(raw: bytes, display: str) -> tuple[str | None, Problem | None]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        message = f"not UTF-8: byte 0x{raw[exc.start]:02x} ({exc.reason}); save the file as UTF-8"
        return None, Problem(display, before.count(b"\n") + 1, column, "", message, "encoding")
    if match := _CONTROL_IN_FILE.search(text):
        line, column = _line_col(text, match.start())
        message = f"control character U+{ord(match.group()):04X} is not allowed in a record"
        return None, Problem(display, line, column, "", message, "control-character")
    return text, None


def read(path: Path, root: Path | None = None) -> tuple[Source, list[Problem]]:
    """Read and parse one YAML file; every problem carries the file name and position, one line each."""
    display = str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
    src = Source(path, display, "")
    raw, problem = _read_bytes(path, display)
    if raw is None:
        return src, [problem] if problem else []
    text, problem = _decode(raw, display)
    if text is None:
        return src, [problem] if problem else []
    src.text = text
    try:
        if "&" in text or "*" in text:  # anchors and aliases need one of these; most records have neither
            refused = _scan_anchors(text)
            if refused is not None:
                raise refused
        parser = _StrictLoader(text)
        try:
            src.data = parser.get_single_data()
        finally:
            parser.dispose()
    except RecursionError:  # only the pure-Python parser recurses (libyaml stops at 1,000 levels itself)
        return src, [Problem(display, 1, 1, "", f"nested more than {MAX_DEPTH} levels deep", "yaml-depth")]
    except _Refused as refused:
        return src, [Problem(display, refused.mark.line + 1, refused.mark.column + 1, "", refused.message, refused.rule)]
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
        message = " ".join(str(exc).split())[:200]
        return src, [Problem(display, 1, 1, "", f"YAML: {message}", "yaml-syntax")]
    if not isinstance(src.data, dict):
        got = type(src.data).__name__ if src.data is not None else "an empty file"
        return src, [Problem(display, 1, 1, "", f"expected a mapping of fields, got {got}", "schema")]
    too_deep, found = _inspect(src.data, escapes="\\" in text)
    if too_deep is not None:
        return src, [src.problem(too_deep, f"nested more than {MAX_DEPTH} levels deep", "yaml-depth")]
    if found:
        return src, [src.problem(loc, f"control character U+{ord(ch):04X} is not allowed in text", "control-character")
                     for loc, ch in found]
    return src, []


M = TypeVar("M", bound=BaseModel)


def _shown(value: Any) -> str:
    """A value as quoted in a message: short, whatever the record holds (a value is never rendered whole)."""
    text = repr(value) if not isinstance(value, int) or abs(value) < 10**100 else "a very long number"
    return text if len(text) <= 80 else text[:77] + "…"


MAX_MESSAGE = 240  # characters: a message quotes values, and a value may be thousands of characters long


def _describe(error: dict[str, Any]) -> str:
    text = _explain(error)
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"


def _explain(error: dict[str, Any]) -> str:
    kind, msg, got = error["type"], error["msg"], error.get("input")
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field (not in the schema; check the spelling, or see docs/contribute/country-template.yml)"
    if kind.startswith("date_"):
        return f"use YYYY-MM-DD; {got if isinstance(got, str) and got.isprintable() and len(got) <= 40 else _shown(got)} is not a date"
    if kind == "literal_error":
        expected = msg.removeprefix("Input should be ")
        return f"expected {expected}, got {_shown(got)}"
    if kind == "value_error" and "email" in msg:
        return f"expected an e-mail address, got {_shown(got)}"
    text = msg[0].lower() + msg[1:] if msg else kind
    text = text.replace("input should be", "expected").replace("value error, ", "")
    if "got " not in text and not isinstance(got, (dict, list)):
        text += f", got {_shown(got)}"
    return text


HINTED_PROBLEMS = 200


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
            # Did-you-mean costs a fuzzy match per problem: past the first few hundred a file is not a typo but
            # garbage, and the hints would make locating its problems slow.
            hint = suggest.hint(model, error, loc) if len(problems) < HINTED_PROBLEMS else None
            problems.append(src.problem(loc, _describe(error), "schema", hint, key=error["type"] == "extra_forbidden"))
        return None, problems
