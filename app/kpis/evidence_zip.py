"""The evidence pack's container (issue #20.5): manifest.json and a ZIP whose bytes depend on its
files only.

Determinism: entries in sorted order, every entry dated 1980-01-01 00:00 with the same
attributes and compression, the manifest's JSON with sorted keys. The manifest lists every
other file with its SHA-256 and size, and names its own fields that carry the build's time
(TIMESTAMP_FIELDS): two builds of the same data with the same seed differ there and nowhere
else. scripts/verify_evidence_pack.py checks a pack against its manifest with the standard
library alone.

The ZIP is written next to the target as "<name>.part" and renamed onto it only when complete,
so a cancelled or failed build leaves no partial pack (and an older pack of that name intact).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

from db.private_files import touch_private

MANIFEST = "manifest.json"
FORMAT = "showroom-evidence-pack/1"
STANDARD = "T/CSCA 120031-2023"
TIMESTAMP_FIELDS = ("built_at", "kpi_as_of")
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest a ZIP can say: no build time inside the entries


def software_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("showroom")
    except PackageNotFoundError:  # run from a checkout without installing
        return "dev"


def _iso(moment: dt.datetime) -> str:
    return (moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment).isoformat()


def manifest_bytes(files: dict[str, bytes], head: dict, *, built_at: dt.datetime, kpi_as_of: dt.datetime) -> bytes:
    """manifest.json: `head` (period, seed, ...), the build's times and every file's hash."""
    body = dict(head)
    body.update(
        format=FORMAT,
        standard=STANDARD,
        software_version=software_version(),
        built_at=_iso(built_at),
        kpi_as_of=_iso(kpi_as_of),
        timestamp_fields=list(TIMESTAMP_FIELDS),
        files=[
            {"path": path, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
            for path, data in sorted(files.items())
        ],
    )
    return (json.dumps(body, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def _entry(path: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(path, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # the same on every platform (ZipInfo guesses from the OS otherwise)
    info.external_attr = 0o644 << 16
    return info


def write_zip(out: Path, files: dict[str, bytes], cancelled: Callable[[], bool]) -> None:
    """`files` as a ZIP at `out`, replaced at once; nothing at all if `cancelled()` turns true
    before the rename (it is asked between entries)."""
    out = Path(out)
    part = out.with_name(out.name + ".part")
    try:
        touch_private(part)  # the pack names staff and customers' documents: owner-only
        with zipfile.ZipFile(part, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as z:
            for path in sorted(files):
                if cancelled():
                    raise BuildCancelled()
                z.writestr(_entry(path), files[path])
        if cancelled():
            raise BuildCancelled()
        os.replace(part, out)
    finally:
        part.unlink(missing_ok=True)


class BuildCancelled(Exception):
    """The user stopped the build; no file was written."""
