"""The Public notices page by clicking (issue #19.5; 4.1.3.5-4.1.3.6): a manager publishes the
complaint-process notice from its starting text, previews its bilingual poster, and sees the
poster marked stale once the store's complaint phone changes (until it is reprinted)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from app.customer_care.api import record_notice_print
from app.store import store
from db.models import Role
from tests.factories import isolated_data_dir, make_store, make_user  # noqa: F401
from ui.customer_care.notices_page import POSTER_COLUMN, POSTER_TONES, NoticesPage

pytestmark = pytest.mark.usefixtures("isolated_data_dir", "sync_ops")
LEFT = Qt.MouseButton.LeftButton


def test_publish_preview_and_a_stale_poster_4_1_3_6(qtbot, make_ctx, uow):
    make_store(uow)
    ctx = make_ctx(Role.SALES_MANAGER)
    page = NoticesPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.mouseClick(page.publish_button, LEFT)
    dialog = page.dialog
    dialog.kind.setCurrentIndex(dialog.kind.findData("complaint_process"))
    assert "{complaint_phone}" in dialog.body_zh.toPlainText()  # the starting text
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert dialog.result_dto.version == 1
    assert page.model.rowCount() == 1 and page.model.row_at(0).poster == "unprinted"
    assert "1" in page.stale.text()

    page.table.selectRow(0)
    qtbot.mouseClick(page.poster_button, LEFT)
    assert page.dialog.objectName() == "pdf_preview_dialog"
    page.dialog.close()

    record_notice_print(uow(), actor=ctx.actor, notice_id=page.model.row_at(0).id)  # printed at the desk
    page.refresh()
    assert page.model.row_at(0).poster == "current"
    s = store.get_store(uow())
    store.update_store(
        uow(), actor=make_user(uow, Role.ADMIN), expected_version=s.version, legal_name=s.legal_name,
        address=s.address, sales_hotline=s.sales_hotline, complaint_phone="021-64009999", website=s.website,
    )  # fmt: skip
    page.refresh()
    assert page.model.row_at(0).poster == "stale"
    index = page.model.index(0, POSTER_COLUMN)
    assert page.model.data(index, Qt.ItemDataRole.BackgroundRole) == QColor(POSTER_TONES["stale"][0])
