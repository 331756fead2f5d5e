"""One way to make a page's action buttons (issue #16.4; issue #17.1's "Verify a PDF file…"
bug): named for tests and screen readers, and calling the slot with NO arguments, so Qt's
`clicked(bool)` can never arrive as the slot's first parameter (a `path`, a `select_id`)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QPushButton


def action_button(
    text: str, name: str, slot: Callable[[], object], *, visible: bool = True, auto_default: bool | None = None
) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setVisible(visible)
    if auto_default is not None:
        button.setAutoDefault(auto_default)
    button.clicked.connect(lambda _checked=False: slot())
    return button
