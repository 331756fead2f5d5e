"""Issue #17 (peak memory ≤ 200 MB with every page visited): PySide6's import hook reads the
whole source of every module imported (to see whether it uses PySide6) and `linecache` would
keep all of it, 11 MB of text once every page is open. Opening a page for the first time
leaves none of its modules' source held (ui/shell/source_lines.py)."""

from __future__ import annotations

import linecache

from PySide6.QtCore import Qt

from db.models import Role
from ui.shell.main_window import MainWindow


def test_opening_a_page_keeps_no_source_lines(qtbot, make_ctx, sync_ops):
    window = MainWindow(make_ctx(Role.SALES_MANAGER))
    qtbot.addWidget(window)
    window.show()
    row = window.module_keys().index("audit")
    item = window.nav.item(row)
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=window.nav.visualItemRect(item).center())
    assert window.current_module() == "audit"
    held = [name for name in linecache.cache if "/ui/" in name or "/app/" in name]
    assert held == []
