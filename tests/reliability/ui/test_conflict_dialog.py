"""No lost updates, seen by the user (issue #8.2): when another terminal saved the store's
details first, the conflict dialog names who and when and lists each field that differs as
yours / theirs; Reload and re-apply keeps their change and puts the user's edit back, and the
next save keeps both."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.store.store import get_store, update_store
from db.models import Role
from tests.factories import isolated_data_dir, make_store  # noqa: F401
from ui.store.admin_page import AdminPage

pytestmark = pytest.mark.usefixtures("isolated_data_dir", "sync_ops")


def test_conflict_dialog_lists_the_differing_fields_and_reapplies_mine(qtbot, make_ctx, uow):
    make_store(uow)
    page = AdminPage(make_ctx(Role.ADMIN))
    qtbot.addWidget(page)
    page.show()
    tab = page.tabs["store"]
    other = make_ctx(Role.ADMIN, full_name="王店长")
    s = get_store(uow())
    update_store(
        uow(),
        actor=other.actor,
        expected_version=s.version,
        legal_name="别的终端改的名字",
        address=s.address,
        sales_hotline=s.sales_hotline,
        complaint_phone=s.complaint_phone,
        website=s.website,
    )
    address = tab.edits["address"]
    address.selectAll()
    qtbot.keyClicks(address, "No. 2 Xindi Road, Pudong")  # the user types (textEdited)
    tab.save()

    box = next(b for b in tab.findChildren(QMessageBox, "conflict_box") if b.isVisible())
    # The store row has no "updated by" column; when the audit log (issue #9) names the
    # actor the box shows the name too (see the channel test below). Here: when.
    assert "Saved " in box.text() and any(ch.isdigit() for ch in box.text().split("Saved ")[-1])
    details = box.informativeText()
    assert "Legal name: “上海测试汽车销售服务有限公司” / “别的终端改的名字”" in details
    assert f"Address: “No. 2 Xindi Road, Pudong” / “{s.address}”" in details
    assert get_store(uow()).address == s.address  # nothing overwritten

    reapply = next(b for b in box.buttons() if b.objectName() == "reapply_button")
    qtbot.mouseClick(reapply, Qt.MouseButton.LeftButton)
    assert tab.edits["legal_name"].text() == "别的终端改的名字"  # theirs, which I had not edited
    assert address.text() == "No. 2 Xindi Road, Pudong"  # mine, put back
    tab.save()
    after = get_store(uow())
    assert (after.legal_name, after.address) == ("别的终端改的名字", "No. 2 Xindi Road, Pudong")


def test_conflict_dialog_names_who_saved_first(qtbot, make_ctx, uow):
    from app.reception.setup import list_channels, update_channel
    from tests.factories import reception_defaults
    from ui.reception.channel_dialog import ChannelDialog

    make_store(uow)
    reception_defaults(uow)
    me, other = make_ctx(Role.ADMIN), make_ctx(Role.ADMIN, full_name="王店长")
    channel = next(c for c in list_channels(uow(), actor=me.actor) if c.code == "walk_by")
    dialog = ChannelDialog(me, channel)
    qtbot.addWidget(dialog)
    dialog.show()
    update_channel(
        uow(),
        actor=other.actor,
        channel_id=channel.id,
        expected_version=channel.version,
        name="路过进店（新）",
        name_en=channel.name_en,
        active=True,
        sort_order=channel.sort_order,
    )
    dialog.name_en.selectAll()
    qtbot.keyClicks(dialog.name_en, "Passing by")
    dialog.save()
    box = next(b for b in dialog.findChildren(QMessageBox, "conflict_box") if b.isVisible())
    assert "王店长" in box.text()
    assert f"Chinese name: “{channel.name}” / “路过进店（新）”" in box.informativeText()
    assert f"English name: “Passing by” / “{channel.name_en}”" in box.informativeText()
