"""The offline bundle (the built site as one reproducible zip, with its SHA-256 beside it), and the atomic
swap that puts every build output in place: written beside its target, then exchanged with it in one step."""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import os
import queue
import shutil
import sys
import threading
import time
import zipfile
from pathlib import Path

_EPOCH = (1980, 1, 1, 0, 0, 0)  # fixed entry times: the same site gives the same bytes
ARCHIVE = "asean-ilc-compendium.zip"
FOLDER = "asean-ilc-compendium"  # the one folder the zip unpacks to
STAGING, OLD = ".building", ".old"  # suffixes of the folders beside a target while it is replaced

# Test hook, named stages only: with COMPENDIUM_PAUSE_AT=<stage>, `compendium build` stops at that stage (printing
# "paused at <stage>" to stderr) until it is killed, so tests can kill a build at a known moment.
PAUSE_ENV = "COMPENDIUM_PAUSE_AT"


def pause_at(stage: str) -> None:
    if os.environ.get(PAUSE_ENV) == stage:
        print(f"paused at {stage}", file=sys.stderr, flush=True)
        while True:
            time.sleep(60)


class Writer:
    """Writes the offline bundle while the site is being built. Each page is compressed as soon as MkDocs has
    rendered it (`add`), in a thread of its own: zlib releases the interpreter's lock while it compresses, so on
    two cores the bundle is made beside MkDocs instead of after it (at 200 synthetic states zipping took 6 of the
    build's 150 s when done afterwards). `finish` adds what MkDocs wrote itself (assets, sitemap, search index),
    checks every page in the bundle against the file written, and closes it. Entries come in build order, then
    in path order: the same site gives the same bytes."""

    def __init__(self, out_zip: Path, folder: str) -> None:
        out_zip.parent.mkdir(parents=True, exist_ok=True)
        self.out_zip, self.folder = out_zip, folder
        self._archive = zipfile.ZipFile(out_zip, "w", compression=zipfile.ZIP_DEFLATED)
        self._sizes: dict[str, int] = {}  # path in the site -> bytes written to the bundle
        self._queue: queue.Queue[tuple[str, bytes] | None] = queue.Queue(maxsize=64)  # bounds the pages held
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._drain, name="bundle", daemon=True)
        self._thread.start()

    def add(self, rel: str, data: bytes) -> None:
        """Add the file at `rel` (a path in the site) with exactly the bytes written there."""
        self._queue.put((rel, data))

    def _drain(self) -> None:
        while (item := self._queue.get()) is not None:
            if self._error is None:
                try:
                    self._write(*item)
                except BaseException as exc:  # kept for finish(): a thread's error would otherwise be lost
                    self._error = exc

    def _write(self, rel: str, data: bytes) -> None:
        info = zipfile.ZipInfo(f"{self.folder}/{rel}", date_time=_EPOCH)
        info.compress_type = zipfile.ZIP_DEFLATED  # at zlib's default level: level 9 took twice as long for 1 % less
        info.external_attr = 0o644 << 16
        self._archive.writestr(info, data)
        if not self._sizes:
            pause_at("zipping")
        self._sizes[rel] = len(data)

    def finish(self, site_dir: Path) -> tuple[Path, Path]:
        """Add the rest of `site_dir`, check the pages added before against their files, close the bundle and
        write `<zip>.sha256`."""
        self._queue.put(None)
        self._thread.join()
        if self._error is not None:
            self._archive.close()
            raise self._error
        for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
            rel = path.relative_to(site_dir).as_posix()
            if rel not in self._sizes:
                self._write(rel, path.read_bytes())
            elif path.stat().st_size != self._sizes[rel]:  # something rewrote the page after it was rendered
                self.abandon()
                raise RuntimeError(f"{rel} changed after it was added to the offline bundle")
        missing = [rel for rel in self._sizes if not (site_dir / rel).is_file()]
        if missing:
            self.abandon()
            raise RuntimeError(f"the offline bundle holds {missing[0]}, which the site does not")
        self._archive.close()
        digest = hashlib.sha256(self.out_zip.read_bytes()).hexdigest()
        checksum = self.out_zip.with_name(self.out_zip.name + ".sha256")
        checksum.write_text(f"{digest}  {self.out_zip.name}\n", encoding="utf-8")  # the format `sha256sum -c` reads
        return self.out_zip, checksum

    def abandon(self) -> None:
        """Stop without a bundle (the build failed): the caller removes the staging folder."""
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()
        self._archive.close()


# The bundle written beside the build that `compendium build` runs in this process, if any: the plugin hands it
# each page as MkDocs renders it. None for `mkdocs build`, `serve` and builds without a bundle.
current: Writer | None = None


def write(site_dir: Path, out_zip: Path, folder: str) -> tuple[Path, Path]:
    """Zip a built `site_dir` under a top folder (so unzipping makes one folder), then write `<zip>.sha256`."""
    return Writer(out_zip, folder).finish(site_dir)


def foreign_files(dist: Path) -> list[str]:
    """Entries of the bundle folder that are not the bundle: the folder is replaced whole, so it must hold nothing else."""
    if not dist.is_dir():
        return []
    return sorted(p.name for p in dist.iterdir() if p.name not in (ARCHIVE, ARCHIVE + ".sha256"))


def staging(target: Path) -> Path:
    """An empty place beside `target` (same file system, so the swap is a rename)."""
    path = target.with_name(target.name + STAGING)
    shutil.rmtree(path, ignore_errors=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE): no moment without either. False where the
    system or file system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def swap(new: Path, target: Path) -> None:
    """Put `new` where `target` is. The old target stays whole until the new one is in place."""
    if target.exists() and _exchange(new, target):
        shutil.rmtree(new)  # now the old output
        return
    old = target.with_name(target.name + OLD)
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.rename(target, old)  # a kill from here to the next rename is undone by recover()
    os.rename(new, target)
    shutil.rmtree(old, ignore_errors=True)


def recover(target: Path) -> None:
    """Clean up after a build killed part-way: put back an old output moved aside, remove unfinished ones."""
    old = target.with_name(target.name + OLD)
    if old.exists() and not target.exists():
        os.rename(old, target)
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(target.with_name(target.name + STAGING), ignore_errors=True)
