"""Load the one stylesheet (resources/style/showroom.qss) with its tokens, once per process
(issue #17.7: one look, spacing and type sizes from ui/widgets/style_tokens.py).

It is loaded before the login window, so it stays light: plain string replacement, no
pathlib or string.Template imports (bench/run.py times the first window)."""

from __future__ import annotations

import os

from PySide6.QtWidgets import QApplication

from ui.widgets import style_tokens

QSS_FILE = os.path.join(
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "resources", "style", "showroom.qss"
)


def stylesheet() -> str:
    """The sheet with every ${token} filled in; an unknown token is an error, not a blank."""
    with open(QSS_FILE, encoding="utf-8") as f:
        text = f.read()
    for name, value in style_tokens.tokens().items():
        text = text.replace("${" + name + "}", value)
    if "${" in text:
        raise ValueError(f"unknown style token in {QSS_FILE}: {text[text.index('${') :][:40]}")
    return text


def apply_style(app: QApplication) -> None:
    """Give the application its stylesheet unless it already has it (a language switch or a
    second window never reloads it)."""
    if app.property("showroom_style"):
        return
    app.setStyleSheet(stylesheet())
    app.setProperty("showroom_style", True)
