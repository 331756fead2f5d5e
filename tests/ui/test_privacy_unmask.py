"""The unmask dialog (issue #9 item 2): a purpose first, then the number for a while, logged."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from db.audit_models import AuditEvent
from db.models import Role
from tests.factories import make_store, make_user, reception_defaults
from tests.integration.test_privacy import ID_NUMBER, sealed_drive
from ui.shell.context import AppContext
from ui.privacy.unmask_dialog import UnmaskDialog

pytestmark = pytest.mark.usefixtures("isolated_data_dir")
from tests.factories import isolated_data_dir  # noqa: E402,F401


def test_a_manager_sees_the_number_after_giving_a_purpose(qtbot, uow, database, sync_ops):
    make_store(uow)
    reception_defaults(uow)
    manager = make_user(uow, Role.SALES_MANAGER)
    drive = sealed_drive(uow, manager)
    d = UnmaskDialog(
        AppContext(database, manager),
        table="test_drive",
        record_id=drive,
        column="id_number",
        masked="3101**********0034",
    )
    qtbot.addWidget(d)
    d.show()
    d.reveal()
    assert d.findChild(QLabel, "error_purpose").isVisible()
    assert d.number.text() == "3101**********0034"
    d.purpose.setText("traffic police enquiry")
    d.reveal()
    assert d.number.text() == ID_NUMBER
    d.hide_number()  # what the timer does after SHOW_SECONDS
    assert d.number.text() == "3101**********0034"
    with uow() as u:
        assert u.session.scalar(select(AuditEvent.detail).where(AuditEvent.action == "unmask"))


def test_a_consultant_is_refused(qtbot, uow, database, sync_ops, monkeypatch):
    make_store(uow)
    reception_defaults(uow)
    manager = make_user(uow, Role.SALES_MANAGER)
    drive = sealed_drive(uow, manager)
    shown = []
    monkeypatch.setattr("ui.shell.errors.show_error", lambda parent, exc: shown.append(exc.code))
    d = UnmaskDialog(
        AppContext(database, make_user(uow, Role.CONSULTANT)),
        table="test_drive",
        record_id=drive,
        column="id_number",
        masked="3101**********0034",
    )
    qtbot.addWidget(d)
    d.purpose.setText("curious about it")
    d.reveal()
    assert shown == ["permission_denied"] and d.number.text() == "3101**********0034"
