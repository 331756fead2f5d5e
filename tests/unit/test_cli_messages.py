"""The admin command line's sentences are the GUI's (issue #17.6): app/cli/messages.json is made
from ui/shell/errors*.py and showroom_zh_CN.ts by resources/i18n/cli_messages.py, and must be
rebuilt whenever a message or its translation changes. The language follows $SHOWROOM_LANG,
then the locale."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from app.cli.messages import cli_language

ROOT = Path(__file__).resolve().parents[2]


def _generator():
    spec = importlib.util.spec_from_file_location("cli_messages", ROOT / "resources" / "i18n" / "cli_messages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_messages_json_is_up_to_date_with_the_gui_and_its_translation():
    committed = (ROOT / "app" / "cli" / "messages.json").read_text(encoding="utf-8")
    assert committed == _generator().render(), "run: python resources/i18n/cli_messages.py"


def test_every_gui_error_has_a_chinese_sentence():
    data = json.loads((ROOT / "app" / "cli" / "messages.json").read_text(encoding="utf-8"))
    for section in ("errors", "fields"):
        untranslated = [c for c, text in data["zh_CN"][section].items() if text == data["en"][section][c]]
        assert not untranslated, untranslated


@pytest.mark.parametrize(
    "env, lang",
    [
        ({}, "en"),
        ({"SHOWROOM_LANG": "zh_CN"}, "zh_CN"),
        ({"SHOWROOM_LANG": "en", "LANG": "zh_CN.UTF-8"}, "en"),  # the setting beats the locale
        ({"LANG": "zh_CN.UTF-8"}, "zh_CN"),
        ({"LC_ALL": "C.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),  # LC_ALL overrides LANG
        ({"LC_MESSAGES": "zh_TW.UTF-8"}, "zh_CN"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
    ],
)
def test_the_language_follows_the_setting_then_the_locale(env, lang, monkeypatch):
    monkeypatch.setattr("sys.platform", "linux")  # the Windows display language is not asked here
    assert cli_language(env) == lang
