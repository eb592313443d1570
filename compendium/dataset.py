"""The validated whole: load every record, check every rule, fail once; lookups for what comes after."""

from __future__ import annotations

import datetime as dt
import os
import stat
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry

from . import loader, rules, workers
from .models import Country, Participation, Treaty
from .problems import DataError, Problem


@dataclass(frozen=True)
class Dataset:
    """Validated, cross-checked records. Nothing downstream reads YAML."""

    countries: dict[str, Country]  # by ISO code, ASEAN members first then partners, each alphabetical by name
    treaties: dict[str, Treaty]  # by id
    # Lookups built once: views ask them for every state and pair, and scanning party lists each time made
    # the comparison and pathfinder pages grow with states × treaties × parties.
    _by_state: dict[str, list[tuple[Treaty, Participation]]] = field(default_factory=dict, repr=False)
    _between: dict[frozenset[str], list[Treaty]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for treaty in self.treaties.values():
            for party in treaty.parties:
                self._by_state.setdefault(party.state, []).append((treaty, party))
            if treaty.kind == "bilateral":
                self._between.setdefault(frozenset(p.state for p in treaty.parties), []).append(treaty)

    def country(self, code: str) -> Country:
        return self.countries[code.upper()]

    def treaty(self, treaty_id: str) -> Treaty:
        return self.treaties[treaty_id]

    def participation(self, treaty_id: str, code: str) -> Participation | None:
        for treaty, party in self._by_state.get(code, []):
            if treaty.id == treaty_id:
                return party
        return None

    def treaties_of(self, code: str) -> list[tuple[Treaty, Participation]]:
        """Every treaty the state appears in, with its status."""
        return list(self._by_state.get(code, []))

    def bilateral_between(self, a: str, b: str) -> list[Treaty]:
        """Bilateral treaties between two states."""
        return list(self._between.get(frozenset((a, b)), []))

    def state_name(self, code: str) -> str:
        """The record's name for a profiled state, else the ISO name (partners often have no record)."""
        if code in self.countries:
            return self.countries[code].name
        entry = pycountry.countries.get(alpha_2=code)
        return getattr(entry, "common_name", None) or entry.name if entry else code


PARALLEL_FROM = 64  # files; below this a second process costs more than it saves


def _read_files(paths: list[Path], root: Path, parallel_from: int = PARALLEL_FROM) -> list[tuple[loader.Source, list[Problem]]]:
    """Parse YAML files, on both cores when there are many: parsing is most of validation's time."""
    if len(paths) < parallel_from or (os.cpu_count() or 1) < 2:
        return [loader.read(path, root) for path in paths]
    with ProcessPoolExecutor(max_workers=2, mp_context=workers.context()) as pool:
        return list(pool.map(loader.read, paths, [root] * len(paths), chunksize=32))


RECORD_SUFFIX = ".yml"


def _record_paths(folder: Path, root: Path, problems: list[Problem]) -> list[Path]:
    """The folder's records. Every other entry is a problem, never skipped in silence: a record saved as
    `th.yaml` would otherwise vanish from the site while validation said all was well."""
    display = str(folder.relative_to(root)) if folder.is_relative_to(root) else str(folder)
    if folder.is_symlink() or not folder.is_dir():
        what = "is a symbolic link (links are not followed)" if folder.is_symlink() else "is missing"
        problems.append(Problem(display, 1, 1, "", f"the data folder {what}; records go in {display}/*{RECORD_SUFFIX}",
                                "data-folder"))
        return []
    paths = []
    for entry in sorted(folder.iterdir()):
        if entry.suffix == RECORD_SUFFIX:
            paths.append(entry)  # loader.read refuses links, folders and devices with a located problem
        else:
            stem = entry.name.split(".")[0] or entry.name
            problems.append(Problem(str(entry.relative_to(root)), 1, 1, "",
                                    f"only {RECORD_SUFFIX} records belong in {display}/: rename it to {stem}{RECORD_SUFFIX} "
                                    "if it is one, or move it out", "file-name"))
    if not paths:
        problems.append(Problem(display, 1, 1, "", f"no records in the data folder (expected {display}/*{RECORD_SUFFIX})",
                                "data-folder"))
    return paths


# Records already read in this process, by file and exact content. `compendium serve` loads the data again after
# every edit: an unchanged file then costs one read and gives back the very same record object, so rendering can
# tell by identity which pages an edit touches.
_READ: dict[tuple[str, str, str], tuple[bytes, loader.Source, list[Problem], object]] = {}


def _content(path: Path) -> bytes | None:
    """A plain file's bytes, or None where the loader must look itself (links, devices, oversized files)."""
    try:
        info = path.lstat()
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode) or info.st_size > loader.MAX_FILE_BYTES:
        return None
    try:
        return path.read_bytes()
    except OSError:
        return None


def _read_all(folder: Path, model: type, root: Path, problems: list[Problem]) -> dict[str, tuple]:
    paths = _record_paths(folder, root, problems)
    contents = {path: _content(path) for path in paths}
    keys = {path: (str(path), str(root), model.__name__) for path in paths}
    cached = {path: hit for path in paths if (hit := _READ.get(keys[path])) is not None and hit[0] == contents[path]}
    fresh = [path for path in paths if path not in cached]
    for path, (src, errs) in zip(fresh, _read_files(fresh, root), strict=True):
        record = None
        if not errs:
            record, errs = loader.validate(src, model)
        if contents[path] is not None:
            _READ[keys[path]] = (contents[path], src, errs, record)
        cached[path] = (contents[path], src, errs, record)
    found: dict[str, tuple] = {}
    for path in paths:
        _, src, errs, record = cached[path]
        if record is not None:
            if record.id in found:
                errs = [src.problem(("id",), f"id {record.id!r} is already used by {found[record.id][1].display}", "unique-id")]
            else:
                found[record.id] = (record, src)
        problems.extend(errs)
    return found


def load(data_dir: Path, today: dt.date | None = None) -> Dataset:
    """Load `data_dir/countries/*.yml` and `data_dir/treaties/*.yml`; raise DataError listing every problem."""
    data_dir = Path(data_dir)
    root = data_dir.resolve().parent
    problems: list[Problem] = []
    if data_dir.is_symlink() or not data_dir.is_dir():
        # Nothing to read is an error, not an empty site: a mistyped --data would otherwise publish nothing.
        what = "a symbolic link (links are not followed)" if data_dir.is_symlink() else "missing"
        raise DataError([Problem(str(data_dir), 1, 1, "", f"the data folder is {what}", "data-folder")])
    countries = _read_all(data_dir.resolve() / "countries", Country, root, problems)
    treaties = _read_all(data_dir.resolve() / "treaties", Treaty, root, problems)
    today = today or dt.date.today()
    # The same records (by identity, see _READ) on the same day passed the rules already: `compendium build`
    # validates, then MkDocs's plugin loads the data again, and the rules took half a second at 200 states.
    pairs = [*countries.values(), *treaties.values()]
    key, records = (today, tuple(src.display for _, src in pairs)), [record for record, _ in pairs]
    last = _LAST_VALID.get("records")
    if not problems and _LAST_VALID.get("key") == key and len(last) == len(records) \
            and all(a is b for a, b in zip(last, records)):
        return _LAST_VALID["dataset"]
    problems += rules.check(rules.Collection(countries, treaties, today))
    if problems:
        raise DataError(problems)
    ordered = sorted(countries.values(), key=lambda pair: (pair[0].region != "asean", pair[0].name))
    dataset = Dataset(
        countries={c.id: c for c, _ in ordered},
        treaties={t.id: t for t, _ in sorted(treaties.values(), key=lambda pair: (pair[0].kind, pair[0].short_name))},
    )
    _LAST_VALID.update(key=key, records=records, dataset=dataset)
    return dataset


# The last data set that passed every rule, with the day, the files and the very records it was made from.
_LAST_VALID: dict[str, Any] = {}
