"""Load the one stylesheet (resources/style/showroom.qss) with its tokens, once per process
(issue #17.7: one look, spacing and type sizes from ui/widgets/style_tokens.py)."""

from __future__ import annotations

from pathlib import Path
from string import Template

from PySide6.QtWidgets import QApplication

from ui.widgets import style_tokens

QSS_FILE = Path(__file__).resolve().parents[2] / "resources" / "style" / "showroom.qss"


def stylesheet() -> str:
    """The sheet with every ${token} filled in (an unknown token fails loudly in tests)."""
    return Template(QSS_FILE.read_text(encoding="utf-8")).substitute(style_tokens.tokens())


def apply_style(app: QApplication) -> None:
    """Give the application its stylesheet unless it already has it (a language switch or a
    second window never reloads it)."""
    if app.property("showroom_style"):
        return
    app.setStyleSheet(stylesheet())
    app.setProperty("showroom_style", True)
