"""`compendium diff REV`: what changed in the data since a git revision, in plain words, and which pages change.

Records are compared as validated model dumps (or, for a record that does not validate, as parsed YAML), field
by field and generically; list items are matched by a natural key (institution, id, state, title, name), so a
reorder is not a change.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycountry
from pydantic import BaseModel

from . import exports, fmt, loader, render, views
from .dataset import load
from .fields import field_name, models_in
from .models import PROVENANCE_FIELDS, Section
from .problems import DataError
from .vocabulary import PROFILE_SECTIONS

NATURAL_KEYS = ("institution", "id", "state", "title", "name", "number")
SECTION_TITLES = {name: title for name, title, _ in PROFILE_SECTIONS}
MISSING = object()
SEP = " › "


@dataclass(frozen=True)
class Record:
    """One data file as compared: its display name, its dump and the model that describes it."""

    rel: str  # e.g. countries/kh.yml
    title: str
    data: dict[str, Any]
    model: type[BaseModel]
    valid: bool


@dataclass(frozen=True)
class Change:
    subject: str  # the state (or the treaty) a reader would look up
    file: str
    path: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class Report:
    rev: str
    changes: list[Change]
    stale: list[str]  # facts changed without moving last_verified
    pages: list[str] | None  # None when a side does not validate
    note: str | None = None


def read(data_dir: Path) -> dict[str, Record]:
    """Every record under `data_dir`, by path relative to it; unreadable files are left out."""
    out: dict[str, Record] = {}
    for path in fmt.data_files(data_dir):
        model = fmt.model_for(path)
        src, problems = loader.read(path, data_dir.parent)
        if problems or model is None:
            continue
        record, problems = loader.validate(src, model)
        data = record.model_dump(mode="json", by_alias=True) if record else src.data
        title = str(data.get("name") or data.get("short_name") or data.get("id") or path.stem)
        out[path.relative_to(data_dir).as_posix()] = Record(path.relative_to(data_dir).as_posix(), title, data, model,
                                                            record is not None)
    return out


def checkout(rev: str, data_dir: Path, into: Path) -> Path:
    """Extract the data folder as it was at `rev` into `into`; returns the extracted data folder."""
    data_dir = data_dir.resolve()
    top = Path(_git(data_dir, "rev-parse", "--show-toplevel").decode().strip())
    prefix = data_dir.relative_to(top).as_posix()
    target = into / prefix
    listed = _git(top, "ls-tree", "-r", "--name-only", rev, "--", prefix).decode().split()
    if listed:
        with tarfile.open(fileobj=io.BytesIO(_git(top, "archive", "--format=tar", rev, "--", prefix))) as tar:
            tar.extractall(into, filter="data")
    target.mkdir(parents=True, exist_ok=True)
    return target


def _git(cwd: Path, *args: str) -> bytes:
    result = subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, check=False, timeout=60)
    if result.returncode != 0:
        raise ValueError(result.stderr.decode(errors="replace").strip() or f"git {args[0]} failed")
    return result.stdout


def show(value: Any) -> str:
    """A value as a reviewer reads it: '—' for nothing, lists joined, long text shortened."""
    if value is MISSING or value is None or value == []:
        return "—"
    if isinstance(value, list):
        return ", ".join(show(v) for v in value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {show(v)}" for k, v in value.items()) + "}"
    text = " ".join(str(value).split())
    return text if len(text) <= 90 else text[:89] + "…"


def state_name(code: str, names: dict[str, str]) -> str:
    entry = pycountry.countries.get(alpha_2=code)
    return names.get(code) or (getattr(entry, "common_name", None) or entry.name if entry else code)


def _natural_key(items: list[Any]) -> str | None:
    dicts = [i for i in items if isinstance(i, dict)]
    if not dicts or len(dicts) != len(items):
        return None
    for key in NATURAL_KEYS:
        values = [d.get(key) for d in dicts]
        if all(v is not None for v in values) and len(set(map(str, values))) == len(values):
            return key
    return None


def _sub(model: type[BaseModel] | None, key: str) -> type[BaseModel] | None:
    name = field_name(model, key) if model else None
    found = models_in(model.model_fields[name].annotation) if model and name else []
    return found[0] if found else None


def _label(key: str, depth: int) -> str:
    return SECTION_TITLES.get(key, key) if depth == 0 else key


def walk(old: Any, new: Any, model: type[BaseModel] | None, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], str]]:
    """(path, what changed) for every difference between two dumps of the same kind of record."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*new, *(k for k in old if k not in new)]:
            a, b = old.get(key, MISSING), new.get(key, MISSING)
            if a != b:
                label = _label(key, len(path))
                # 'Central authority and contacts › Ministry of Justice', not '… › authorities › Ministry of Justice'
                inner = path if path and path[-1] == SECTION_TITLES.get(key) else (*path, label)
                yield from walk(a, b, _sub(model, key), inner)
        return
    if isinstance(old, list) and isinstance(new, list):
        key = _natural_key(old) if old else None
        if key and key == (_natural_key(new) if new else key):
            before, after = {str(i[key]): i for i in old}, {str(i[key]): i for i in new}
            for name in [*after, *(n for n in before if n not in after)]:
                label = _item_label(key, name)
                if name not in before:
                    yield (*path, label), _summary(after[name], key, "added")
                elif name not in after:
                    yield (*path, label), _summary(before[name], key, "removed")
                elif before[name] != after[name]:
                    yield from walk(before[name], after[name], model, (*path, label))
            return
        if all(not isinstance(v, (dict, list)) for v in [*old, *new]):
            if sorted(map(str, old)) == sorted(map(str, new)):
                return  # reordered only
            added = [v for v in new if v not in old]
            removed = [v for v in old if v not in new]
            parts = ([f"added {show(added)}"] if added else []) + ([f"removed {show(removed)}"] if removed else [])
            yield path, "; ".join(parts)
            return
    if old is MISSING and isinstance(new, dict) and model is not None:
        yield path, "added"
        return
    yield path, f"{show(old)} → {show(new)}"


def _summary(item: dict[str, Any], key: str, what: str) -> str:
    """'added (consent ratification, consent_date 2016-03-24)': an added or removed item's first few facts."""
    facts = [f"{k} {show(v)}" for k, v in item.items() if k != key and v not in (None, [], "unknown")
             and not isinstance(v, (dict, list))][:3]
    return f"{what} ({', '.join(facts)})" if facts else what


def _item_label(key: str, value: str) -> str:
    if key == "state":
        return f"state:{value}"  # resolved to the state's name when grouping
    return value


def _changes(rel: str, old: Record | None, new: Record | None, names: dict[str, str]) -> Iterator[Change]:
    rec = new or old
    assert rec is not None
    subject = rec.title
    if old is None or new is None:
        yield Change(subject, rel, (), "new record" if old is None else "record removed")
        return
    for path, text in walk(old.data, new.data, rec.model):
        state = next((p for p in path if p.startswith("state:")), None)
        if state:  # a treaty fact about one state: the reader looks it up under the state
            code = state.removeprefix("state:")
            rest = tuple(p for p in path if p != state and p != "parties")
            yield Change(state_name(code, names), rel, (subject, *rest), text)
        else:
            yield Change(subject, rel, path, text)


def _section_models(model: type[BaseModel], data: dict[str, Any]) -> Iterator[tuple[tuple[str, ...], type[Section], str]]:
    if issubclass(model, Section):
        yield (), model, ""
    for key in data:
        sub = _sub(model, key)
        if sub is not None and issubclass(sub, Section):
            yield (key,), sub, key


def _facts(section: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in section.items() if k not in PROVENANCE_FIELDS}


def _stale(old: Record, new: Record) -> Iterator[str]:
    """Sections whose facts changed while `last_verified` stayed: the change must say when it was checked."""
    for loc, _, key in _section_models(new.model, new.data):
        a = old.data.get(key, MISSING) if loc else old.data
        b = new.data.get(key) if loc else new.data
        if not isinstance(a, dict) or not isinstance(b, dict) or b.get("status") == "unknown":
            continue
        if _facts(a) != _facts(b) and a.get("last_verified") == b.get("last_verified"):
            where = SEP.join([new.title, SECTION_TITLES.get(key, key)] if key else [new.title])
            yield (f"{where} (`data/{new.rel}`): facts changed but `last_verified` is still {show(b.get('last_verified'))}; "
                   "set it to the day the sources were checked")


def _pages(old_dir: Path, new_dir: Path) -> list[str]:
    datasets = [load(data) for data in (old_dir, new_dir)]
    # one date for both sides (the newer data's), so only the data may make a page differ
    today = max(views.build_date(ds) for ds in datasets)
    rel = exports.Release("unversioned", today)
    rendered = []
    for ds in datasets:
        out = {p.src_uri: p.markdown for p in render.pages(ds, today, rel)} | exports.files(ds, today, rel)
        rendered.append(out)
    before, after = rendered
    return sorted(render.html_target(uri) for uri in before.keys() | after.keys() if before.get(uri) != after.get(uri))


def compare(rev: str, data_dir: Path) -> Report:
    """The change in `data_dir` between git revision `rev` and the working tree."""
    with tempfile.TemporaryDirectory() as tmp:
        old_dir = checkout(rev, data_dir, Path(tmp))
        old, new = read(old_dir), read(data_dir)
        names = {r.data.get("id"): r.title for r in [*old.values(), *new.values()] if r.rel.startswith("countries/")}
        changes = [c for rel in sorted(old.keys() | new.keys()) for c in _changes(rel, old.get(rel), new.get(rel), names)]
        stale = [s for rel in sorted(old.keys() & new.keys()) for s in _stale(old[rel], new[rel])]
        pages, note = None, None
        try:
            pages = _pages(old_dir, data_dir) if changes else []
        except DataError as exc:
            note = f"not listed: the data has {len(exc.problems)} error(s) on one side (run `compendium validate`)"
    return Report(rev, changes, stale, pages, note)


def markdown(report: Report) -> str:
    """The report as Markdown for a pull-request comment."""
    lines = [f"## Data changes since `{report.rev}`", ""]
    if not report.changes:
        lines.append("No change to the data.")
        return "\n".join(lines) + "\n"
    subjects: dict[str, list[Change]] = {}
    for change in report.changes:
        subjects.setdefault(change.subject, []).append(change)
    for subject, changes in subjects.items():
        files = sorted({c.file for c in changes})
        lines.append(f"**{subject}** ({', '.join(f'`data/{f}`' for f in files)})")
        lines.extend(f"- {SEP.join([subject, *c.path])}: {c.text}" if c.path else f"- {subject}: {c.text}" for c in changes)
        lines.append("")
    if report.stale:
        lines.append("**Freshness**")
        lines.extend(f"- ⚠ {s}" for s in report.stale)
        lines.append("")
    if report.pages is not None:
        lines.append(f"**Pages that change** ({len(report.pages)})")
        lines.extend(f"- `{p}`" for p in report.pages)
    elif report.note:
        lines.append(f"**Pages that change**: {report.note}")
    return "\n".join(lines).rstrip() + "\n"
