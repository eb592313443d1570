"""The offline bundle (the built site as one reproducible zip, with its SHA-256 beside it), and the atomic
swap that puts every build output in place: written beside its target, then exchanged with it in one step."""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import os
import shutil
import sys
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


def write(site_dir: Path, out_zip: Path, folder: str) -> tuple[Path, Path]:
    """Zip `site_dir` under a top folder (so unzipping makes one folder), then write `<zip>.sha256`."""
    out_zip.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out_zip, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for n, path in enumerate(sorted(p for p in site_dir.rglob("*") if p.is_file())):
            info = zipfile.ZipInfo(f"{folder}/{path.relative_to(site_dir).as_posix()}", date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
            if n == 0:
                pause_at("zipping")
    digest = hashlib.sha256(out_zip.read_bytes()).hexdigest()
    checksum = out_zip.with_name(out_zip.name + ".sha256")
    checksum.write_text(f"{digest}  {out_zip.name}\n", encoding="utf-8")  # the format `sha256sum -c` reads
    return out_zip, checksum


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
