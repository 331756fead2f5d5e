"""Administration, Backup tab (issue #8.5): the administrator backs up now and sees the new
backup listed; the number of daily backups to keep is saved, a bad one refused."""

from __future__ import annotations

import pytest

from app.store import backup
from db.models import Role
from tests.factories import isolated_data_dir, make_store  # noqa: F401
from ui.store.admin_page import AdminPage

pytestmark = pytest.mark.usefixtures("isolated_data_dir", "sync_ops")


def test_back_up_now_lists_the_backup_and_keep_is_saved(qtbot, make_ctx, uow):
    make_store(uow)
    page = AdminPage(make_ctx(Role.ADMIN))
    qtbot.addWidget(page)
    assert "backup" in page.tab_keys()
    tab = page.tabs["backup"]
    assert tab.model.rowCount() == 0
    tab.backup_button.click()
    assert tab.model.rowCount() == 1
    assert "Backup written to" in tab.status.text()
    assert tab.model.rows()[0].path.exists()
    tab.keep.setValue(5)
    tab.save_keep_button.click()
    assert backup.load_settings().keep == 5
    assert "5" in tab.status.text()


def test_only_the_administrator_sees_backups(qtbot, make_ctx):
    page = AdminPage(make_ctx(Role.SALES_MANAGER))
    qtbot.addWidget(page)
    assert "backup" not in page.tab_keys()
