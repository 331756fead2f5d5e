#!/usr/bin/env python3
"""Check a Showroom evidence pack (issue #20.5) against its manifest — standard library only, so
an auditor can run it anywhere Python 3.9+ is:

    python verify_evidence_pack.py PACK.zip

Every file listed in manifest.json must be in the ZIP with exactly that size and SHA-256, and
the ZIP must hold no file the manifest does not list. Prints one line per problem and a
verdict; exit code 0 when the pack is intact, 1 when anything differs, 2 when the file is not a
readable pack.
"""

from __future__ import annotations

import hashlib
import json
import sys
import zipfile

MANIFEST = "manifest.json"


def _trailing(path: str) -> list[str]:
    """A pack ends with its ZIP directory and no comment: anything after it was added later."""
    with open(path, "rb") as f:
        f.seek(0, 2)
        size = f.tell()
        f.seek(max(0, size - 22))
        tail = f.read()
    return [] if tail[:4] == b"PK\x05\x06" and tail[-2:] == b"\x00\x00" else ["bytes appended after the end of the ZIP"]


def problems(path: str) -> list[str]:
    """What is wrong with the pack at `path` (empty: intact). Raises ValueError if unreadable."""
    try:
        with zipfile.ZipFile(path) as z:
            names = [i.filename for i in z.infolist() if not i.is_dir()]
            if MANIFEST not in names:
                raise ValueError("it has no manifest.json")
            manifest = json.loads(z.read(MANIFEST).decode("utf-8"))
            listed = {f["path"]: f for f in manifest["files"]}
            found = []
            for name in sorted(set(names) - {MANIFEST}):
                if name not in listed:
                    found.append(f"extra file not in the manifest: {name}")
                    continue
                data = z.read(name)
                want = listed[name]
                if len(data) != want["size"]:
                    found.append(f"size differs: {name} has {len(data)} bytes, the manifest says {want['size']}")
                elif hashlib.sha256(data).hexdigest() != want["sha256"]:
                    found.append(f"SHA-256 differs: {name} was changed after the pack was built")
            found += [f"missing file listed in the manifest: {p}" for p in sorted(set(listed) - set(names))]
            if len(names) != len(set(names)):
                found.append("the ZIP holds the same name twice")
            return found + _trailing(path)
    except (OSError, zipfile.BadZipFile, KeyError, TypeError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ValueError(f"it is not a readable evidence pack ({e})") from None


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: verify_evidence_pack.py PACK.zip", file=sys.stderr)
        return 2
    try:
        found = problems(args[0])
    except ValueError as e:
        print(f"{args[0]}: {e}.", file=sys.stderr)
        return 2
    for line in found:
        print(line)
    if found:
        print(f"{args[0]}: NOT intact ({len(found)} problem(s)).")
        return 1
    print(f"{args[0]}: intact: every file matches the manifest.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
