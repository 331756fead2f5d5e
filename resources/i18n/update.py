"""Developer tool: refresh the zh_CN translation from the source and compile it.

    python resources/i18n/update.py            # lupdate ui/ + main.py -> showroom_zh_CN.ts, then lrelease -> .qm
                                               # (and app/cli/messages.json, cli_messages.py)
    python resources/i18n/update.py --check    # exit 1 if the .ts misses or leaves unfinished any string

Existing translations are kept by lupdate; new strings arrive as `unfinished` and must be
translated in the .ts (Qt Linguist, or any editor) before committing. Not used by the app.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TS = HERE / "showroom_zh_CN.ts"
QM = HERE / "showroom_zh_CN.qm"


def _tool(name: str) -> str:
    exe = Path(sys.executable).parent / name
    return str(exe) if exe.exists() else (shutil.which(name) or name)


def sources() -> list[str]:
    files = sorted(p for p in (ROOT / "ui").rglob("*.py") if "__pycache__" not in p.parts)
    return [str(p.relative_to(ROOT)) for p in files] + ["main.py"]


def lupdate(ts: Path) -> None:
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            *sources(),
            "-no-obsolete",
            "-locations",
            "none",
            "-source-language",
            "en",
            "-target-language",
            "zh_CN",
            "-ts",
            str(ts),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True)


def problems(ts: Path) -> list[str]:
    """Sources present in the code but missing or unfinished in the committed .ts."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "fresh.ts"
        shutil.copyfile(ts, fresh)
        lupdate(fresh)
        out = []
        for ctx in ET.parse(fresh).getroot().iter("context"):
            name = ctx.findtext("name")
            for msg in ctx.iter("message"):
                tr = msg.find("translation")
                if (
                    tr is None
                    or tr.get("type") in ("unfinished", "obsolete", "vanished")
                    or not (tr.text or tr.findall("numerusform"))
                ):
                    out.append(f"{name}: {msg.findtext('source')!r}")
        return out


def main(argv: list[str]) -> int:
    if "--check" in argv:
        missing = problems(TS)
        for line in missing:
            print("untranslated:", line)
        return 1 if missing else 0
    lupdate(TS)
    lrelease(TS, QM)
    missing = problems(TS)
    print(f"{TS.name}: {len(missing)} untranslated")
    _cli_messages()
    return 0


def _cli_messages() -> None:
    """The command line's copy of the error messages follows the .ts (cli_messages.py)."""
    sys.path.insert(0, str(HERE))
    import cli_messages

    cli_messages.main([])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
