"""The admin command line's error sentences, in Chinese or English (issue #17.6).

The sentences are the GUI's own (ui/shell/errors*.py, the features' errors modules, and
their zh_CN translations in resources/i18n/showroom_zh_CN.ts), copied into messages.json
beside this module by the developer script resources/i18n/cli_messages.py, because app/
never imports ui/ or Qt. One table for both front ends: an error code reads the same in a
terminal as on screen.

The language: $SHOWROOM_LANG (zh_CN or en) if set, else the locale ($LC_ALL, $LC_MESSAGES,
$LANG; on Windows the user's display language); Chinese for a Chinese locale, English
otherwise. Loads the standard library only.
"""

from __future__ import annotations

import json
import os
import sys
from functools import cache
from pathlib import Path
from typing import Mapping

DATA = Path(__file__).with_name("messages.json")
ZH, EN = "zh_CN", "en"


def _normalise(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip().lower()
    if value.startswith(("zh", "chinese")):
        return ZH
    return EN


def _windows_language() -> str | None:
    try:
        import ctypes

        langid = ctypes.windll.kernel32.GetUserDefaultUILanguage()  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return None
    return ZH if langid & 0x3FF == 0x04 else EN  # LANG_CHINESE is primary language 0x04


def cli_language(environ: Mapping[str, str] | None = None) -> str:
    """zh_CN or en for this run's messages."""
    env = os.environ if environ is None else environ
    chosen = _normalise(env.get("SHOWROOM_LANG"))
    if chosen:
        return chosen
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):  # the first one set wins, as in C
        if env.get(var):
            return _normalise(env[var]) or EN
    if sys.platform == "win32":
        return _windows_language() or EN
    return EN


@cache
def table(lang: str) -> dict[str, dict[str, str]]:
    """The sections of messages.json for one language: errors, fields, field_labels,
    vehicle_status."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    return data.get(lang) or data[EN]


def fill(template: str, params: Mapping) -> str:
    """str.format with lists joined; a template whose parameters are missing stays as written
    (a sentence with a {placeholder} beats a traceback)."""
    joined = {k: ", ".join(map(str, v)) if isinstance(v, list | tuple) else v for k, v in params.items()}
    try:
        return template.format(**joined)
    except (KeyError, IndexError, ValueError):
        return template


def sentence(code: str, params: Mapping, lang: str) -> str | None:
    """The sentence for an error code, or None when neither table knows it."""
    t = table(lang)
    template = t["errors"].get(code) or t["fields"].get(code)
    return fill(template, params) if template else None


def unexpected(lang: str) -> str:
    return table(lang)["errors"]["unexpected"]


def field_label(field: str, lang: str) -> str:
    return table(lang)["field_labels"].get(field, field)


def status_word(status: str, lang: str) -> str:
    return table(lang)["vehicle_status"].get(status, status)


def say(en: str, zh: str, **params) -> str:
    """One of the command line's own sentences (about files, options and accounts: no error
    code of the services) in the run's language; both wordings sit where it is said."""
    return fill(zh if cli_language() == ZH else en, params)
