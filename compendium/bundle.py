"""The offline bundle: the built site as one reproducible zip, with its SHA-256 beside it."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

_EPOCH = (1980, 1, 1, 0, 0, 0)  # fixed entry times: the same site gives the same bytes


def write(site_dir: Path, out_zip: Path, folder: str) -> tuple[Path, Path]:
    """Zip `site_dir` under a top folder (so unzipping makes one folder), then write `<zip>.sha256`."""
    out_zip.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out_zip, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{folder}/{path.relative_to(site_dir).as_posix()}", date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    digest = hashlib.sha256(out_zip.read_bytes()).hexdigest()
    checksum = out_zip.with_name(out_zip.name + ".sha256")
    checksum.write_text(f"{digest}  {out_zip.name}\n", encoding="utf-8")  # the format `sha256sum -c` reads
    return out_zip, checksum
