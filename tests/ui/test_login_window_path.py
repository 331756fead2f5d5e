"""The login window at 1366×768 shows which database it opens (issue #17.7): a long path is cut
in the middle (its drive and its file name stay), never at the end, and the whole path is in
the tooltip."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtGui import QFontMetrics

from tests.factories import isolated_data_dir, make_store  # noqa: F401
from ui.shell import workers
from ui.shell.login_window import LoginWindow
from ui.shell.startup import load_backend

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


@pytest.fixture()
def far_away_database(db_url, uow, tmp_path):
    if not db_url.startswith("sqlite"):
        pytest.skip("a path is a SQLite matter")
    make_store(uow)
    folder = tmp_path.joinpath("门店资料", "二〇二六年度经营数据备份与归档", "浦江汽车销售服务有限公司闵行展厅")
    folder.mkdir(parents=True)
    target = folder / "showroom-database.sqlite"
    shutil.copyfile(db_url.removeprefix("sqlite:///"), target)
    workers.use_synchronous_executor(True)
    backend = load_backend(f"sqlite:///{target}", demo=False)
    yield backend
    backend.database.dispose()
    workers.use_synchronous_executor(False)


def test_a_long_database_path_is_cut_in_the_middle_with_the_whole_in_the_tooltip(qtbot, far_away_database):
    w = LoginWindow()
    qtbot.addWidget(w)
    w.resize(420, 480)
    w.show()
    w.on_backend_ready(far_away_database)
    label = w.database_label
    full = label.toolTip()
    assert full.endswith("showroom-database.sqlite") and "门店资料" in full
    shown = label.text()
    assert "…" in shown and shown != full
    assert shown.endswith("sqlite") and shown.startswith(full[:4])  # both ends kept
    assert QFontMetrics(label.font()).horizontalAdvance(shown) <= label.width()
    w.resize(2400, 480)  # room enough: the whole path again
    qtbot.waitUntil(lambda: label.text() == full, timeout=2000)
