"""Developer tool: write app/cli/messages.json, the admin command line's error sentences in
English and Chinese, from the GUI's own tables and their translations (issue #17.6).

    python resources/i18n/cli_messages.py            # rewrite app/cli/messages.json
    python resources/i18n/cli_messages.py --check    # exit 1 if it is out of date

The sentences come from ui/shell/errors.py (with the features' errors modules it gathers) and
ui/shell/labels.py, the Chinese from showroom_zh_CN.ts. app/ may not import ui/ or Qt, so the
command line reads this data file instead; tests/unit/test_cli_messages.py fails while it is
stale. Run it after update.py whenever an error message or its translation changes. Not used
by the app.
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TS = HERE / "showroom_zh_CN.ts"
OUT = ROOT / "app" / "cli" / "messages.json"


def translations(ts: Path = TS) -> dict[tuple[str, str], str]:
    """(context, English source) -> Chinese, for every finished translation in the .ts."""
    out: dict[tuple[str, str], str] = {}
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is not None and tr.text and tr.get("type") is None:
                out[(name, msg.findtext("source") or "")] = tr.text
    return out


def _tables() -> dict[str, tuple[str, dict[str, str]]]:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from ui.shell.errors import ERROR_MESSAGES, FIELD_MESSAGES
    from ui.shell.labels import FIELD, VEHICLE_STATUS

    return {
        "errors": ("Errors", ERROR_MESSAGES),
        "fields": ("Errors", FIELD_MESSAGES),
        "field_labels": ("Labels", FIELD),
        "vehicle_status": ("Labels", VEHICLE_STATUS),
    }


def build() -> dict:
    zh = translations()
    out: dict[str, dict] = {"en": {}, "zh_CN": {}}
    for section, (context, table) in _tables().items():
        out["en"][section] = {code: text for code, text in sorted(table.items())}
        # An untranslated text (update.py --check refuses those) would stay English.
        out["zh_CN"][section] = {code: zh.get((context, text), text) for code, text in sorted(table.items())}
    return out


def render() -> str:
    return json.dumps(build(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT.relative_to(ROOT)} is out of date: run python resources/i18n/cli_messages.py")
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
