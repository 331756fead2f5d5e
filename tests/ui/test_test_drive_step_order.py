"""The guided test drive clicked as fast as the floor does (issue #16), offscreen with pytest-qt:

- the signature pads open only once the service says it would accept the signatures
  (T/CSCA 120031-2023 4.2.4.1-4.2.4.5): otherwise what is missing is shown and nobody signs
  for nothing; the Sign button waits for the steps the agreement depends on;
- pressing the next step before the previous write has returned gives no conflict box;
- a double click on Start starts the drive once (request key, issue #16.2).
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from sqlalchemy import func, select

from app.core.clock import utcnow
from app.test_drives import drive_steps as steps
from db.models import Document, StaffUser
from db.request_models import RequestKey
from tests.factories import isolated_data_dir  # noqa: F401
from tests.integration.test_test_drives import NOW, OK, book, qualification, ready_drive
from tests.ui.test_test_drives_page import world  # noqa: F401
from ui.shell import ops, workers
from ui.shell.context import AppContext
from ui.test_drives.drive_dialog import TestDriveDialog

pytestmark = pytest.mark.usefixtures("isolated_data_dir")

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture()
def threaded():
    workers.use_synchronous_executor(False)
    yield
    workers.wait_for_idle()


@pytest.fixture()
def pads(monkeypatch):
    """The signature pads, stubbed: each call is one person signing (recorded)."""
    from tests.factories import signature_capture
    from ui.widgets import signature_dialog

    opened: list[str] = []

    def ask(parent, name, role, document=""):
        opened.append(str(role))
        cap = signature_capture(name, str(role), 5)
        strokes = tuple(tuple(tuple(p) for p in s) for s in cap.strokes)
        return signature_dialog.SignatureCapture(name, signature_dialog.SignerRole(role), utcnow(), strokes, cap.png)

    monkeypatch.setattr(signature_dialog.SignatureDialog, "ask", staticmethod(ask))
    return opened


def _drive_up_to_escort(w, start: dt.datetime):
    """Booked for `start`, consent and qualification recorded, escort assigned (services)."""
    c, u = w.consultant, w.uow
    d = book(w, start, now=utcnow())  # real time: the dialog's checks run at real time
    d = steps.record_id_consent(u(), actor=c, drive_id=d.id, expected_version=d.version, now=NOW)
    d = steps.record_qualification(
        u(), actor=c, drive_id=d.id, expected_version=d.version, data=qualification(), now=NOW
    )
    return steps.assign_escort(u(), actor=c, drive_id=d.id, expected_version=d.version, escort_id=c.user_id)


def _open(qtbot, database, w, drive_id: int) -> TestDriveDialog:
    dialog = TestDriveDialog(AppContext(database, w.consultant), drive_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.drive is not None and dialog.escort.count() > 0, timeout=10_000)
    return dialog


def _boxes(dialog) -> list[str]:
    return [b.text() for b in dialog.findChildren(QMessageBox) if b.isVisible()]


def _documents(uow) -> int:
    with uow() as u:
        return u.session.scalar(select(func.count()).select_from(Document))


def test_4_2_4_1_sign_waits_for_the_saved_steps_and_the_pads_never_open_for_a_refusal(
    qtbot,
    database,
    world,  # noqa: F811
    uow,
    pads,
    sync_ops,
):
    d = _drive_up_to_escort(world, utcnow() + dt.timedelta(hours=1))
    dialog = _open(qtbot, database, world, d.id)
    dialog.go("agreement")
    form = dialog.agreement_form
    # Step 4 (the customer's confirmation of route and time, 4.2.4.5) is not saved yet.
    assert not form.sign_button.isEnabled()
    assert form.sign_blockers.isVisible() and dialog.tr("4 Route and car check") in form.sign_blockers.text()

    dialog.go("departure")
    qtbot.mouseClick(dialog.findChild(QPushButton, "confirm_terms"), LEFT)
    dialog.go("agreement")
    assert form.sign_button.isEnabled() and not form.sign_blockers.isVisible()

    # Meanwhile the escort turns out to have under 3 years of driving (4.2.4.4): the dialog
    # cannot know it, the service can. The pads stay shut and the reason is shown instead.
    with uow() as u:
        u.session.get(StaffUser, world.consultant.user_id).licence_first_issued = dt.date.today()
        u.commit()
    qtbot.mouseClick(form.sign_button, LEFT)
    assert pads == []
    assert "3 years" in form.sign_blockers.text() and form.sign_blockers.isVisible()
    assert dialog.drive.agreement_number is None and _documents(uow) == 0 and _boxes(dialog) == []

    # Put right: the pads open, both sign, the agreement is archived.
    with uow() as u:
        u.session.get(StaffUser, world.consultant.user_id).licence_first_issued = dt.date(2015, 4, 1)
        u.commit()
    qtbot.mouseClick(form.sign_button, LEFT)
    assert pads == ["customer", "escort"]
    assert dialog.drive.agreement_number.startswith("TD-") and not form.sign_blockers.isVisible()


def test_pressing_the_next_step_before_the_write_returns_gives_no_conflict(
    qtbot,
    database,
    world,  # noqa: F811
    uow,
    pads,
    threaded,
):
    d = _drive_up_to_escort(world, utcnow() + dt.timedelta(hours=1))
    dialog = _open(qtbot, database, world, d.id)
    dialog.go("departure")
    confirm = dialog.findChild(QPushButton, "confirm_terms")
    save_check = dialog.findChild(QPushButton, "record_check")
    for box in dialog.check_boxes.values():
        box.setChecked(True)
    dialog.odometer_out.setValue(1500)

    qtbot.mouseClick(confirm, LEFT)
    assert ops.is_busy(dialog)  # the confirmation is on its way...
    qtbot.mouseClick(save_check, LEFT)  # ...and the next step is pressed: dropped, not sent stale
    qtbot.waitUntil(lambda: dialog.drive.confirmed and not ops.is_busy(dialog), timeout=10_000)
    assert _boxes(dialog) == []
    qtbot.mouseClick(save_check, LEFT)  # pressed again once the dialog is back: saved
    qtbot.waitUntil(lambda: dialog.drive.check_complete, timeout=10_000)

    dialog.weather.setCurrentIndex(dialog.weather.findData("fine"))
    qtbot.mouseClick(dialog.findChild(QPushButton, "record_weather"), LEFT)
    qtbot.mouseClick(dialog.agreement_form.sign_button, LEFT)  # before the weather came back
    qtbot.waitUntil(lambda: dialog.drive.weather == "fine" and not ops.is_busy(dialog), timeout=10_000)
    qtbot.mouseClick(dialog.agreement_form.sign_button, LEFT)
    qtbot.waitUntil(lambda: dialog.drive.agreement_number is not None, timeout=10_000)
    workers.wait_for_idle()
    qtbot.wait(100)
    assert _boxes(dialog) == [] and pads == ["customer", "escort"] and _documents(uow) == 1


def test_a_double_click_on_start_starts_the_drive_once(
    qtbot,
    database,
    world,  # noqa: F811
    uow,
    threaded,
):
    drive = ready_drive(world, start=utcnow(), now=utcnow())
    dialog = _open(qtbot, database, world, drive.id)
    dialog.go("start")
    qtbot.waitUntil(lambda: dialog.blockers.count() == 1, timeout=10_000)
    assert dialog.blockers.item(0).text() == dialog.tr("Nothing: the drive may start.")
    qtbot.mouseClick(dialog.start_button, LEFT)
    qtbot.mouseClick(dialog.start_button, LEFT)
    qtbot.waitUntil(lambda: dialog.drive.status == "out", timeout=10_000)
    workers.wait_for_idle()
    qtbot.wait(100)
    assert _boxes(dialog) == [] and dialog.pages.currentIndex() == 7
    with uow() as u:
        keys = u.session.execute(
            select(RequestKey.key, RequestKey.record_id).where(RequestKey.operation == "start_test_drive")
        ).all()
    assert [tuple(k) for k in keys] == [(dialog.start_key, drive.id)]  # one start, with the dialog's key
