"""Test drives page and the guided drive (issue #6), offscreen with pytest-qt: a consultant
takes a walk-in customer from booking through the signed agreement to departure and return;
the page warns about too few routes and fleet papers expiring within 30 days."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QPushButton

from app.core.clock import utcnow
from app.test_drives import fleet_setup as setup
from app.test_drives import booking as test_drives
from db.models import StaffUser
from tests.factories import isolated_data_dir, on_duty  # noqa: F401
from tests.integration.test_test_drives import ID_NUMBER, add_fleet_car, make_world, route_input
from ui.shell.context import AppContext

pytestmark = pytest.mark.usefixtures("isolated_data_dir", "sync_ops")


@pytest.fixture()
def world(uow):
    w = make_world(uow)
    now = utcnow()
    on_duty(uow, w.desk, [w.consultant], now=now)  # today, for the escort rule (4.2.4.4)
    # and tomorrow: a drive booked "in an hour" after 23:00 in Shanghai is on the next store day
    on_duty(uow, w.desk, [w.consultant], now=now + dt.timedelta(days=1))
    # The fixed-date fleet papers of make_world may be past today: renew them for a year.
    later = dt.date.today() + dt.timedelta(days=365)
    car = setup.list_fleet(uow(), actor=w.manager)[0]
    from tests.integration.test_test_drives import fleet_input

    setup.save_fleet_car(
        uow(),
        actor=w.manager,
        car_id=car.id,
        expected_version=car.version,
        data=fleet_input(
            car.vehicle_id, compulsory_insurance_until=later, commercial_insurance_until=later, inspection_until=later
        ),
    )
    return w


def _sign(monkeypatch):
    from tests.factories import signature_capture
    from ui.widgets import signature_dialog

    def ask(parent, name, role, document=""):
        cap = signature_capture(name, str(role), 5)
        return signature_dialog.SignatureCapture(
            name,
            signature_dialog.SignerRole(role),
            utcnow(),
            tuple(tuple(tuple(p) for p in s) for s in cap.strokes),
            cap.png,
        )

    monkeypatch.setattr(signature_dialog.SignatureDialog, "ask", staticmethod(ask))


def test_a_consultant_takes_a_walk_in_from_booking_to_return(qtbot, database, world, monkeypatch):
    from ui.test_drives.drives_page import TestDrivesPage

    _sign(monkeypatch)
    ctx = AppContext(database, world.consultant)
    page = TestDrivesPage(ctx)
    qtbot.addWidget(page)
    dialog = page.new_drive()
    qtbot.addWidget(dialog)

    # 1 booking: a walk-in takes the next free time of the car on the chosen route
    dialog.customer_name.setText("李先生")
    assert dialog.car.count() == 1 and dialog.route.count() == 2
    qtbot.mouseClick(dialog.findChild(type(dialog.start_button), "book"), Qt.MouseButton.LeftButton)
    assert dialog.drive is not None and dialog.drive.walk_in
    assert dialog.pages.currentIndex() == 1

    # 2 ID and licence: nothing is taken before the separate consent
    dialog.id_number.setText(ID_NUMBER)
    dialog.record_qualification()
    assert "id_consent" in dialog.errors.shown()
    dialog.record_consent()
    dialog.id_number.setText(ID_NUMBER)
    dialog.licence_class.setCurrentText("C1")
    dialog.record_qualification()
    assert dialog.drive.qualified and dialog.id_number.text() == ""
    assert dialog.masked.text().count("**************002X") == 2  # ID and licence, masked

    # 3 escort: only qualified staff on duty are offered
    assert dialog.escort.count() == 1
    dialog.assign_escort()
    assert dialog.drive.escort_name == "王磊"

    # 4 route/time confirmed by the customer and the pre-departure check
    dialog.confirm_terms()
    for box in dialog.check_boxes.values():
        box.setChecked(True)
    dialog.odometer_out.setValue(1500)
    dialog.record_check()
    assert dialog.drive.check_complete

    # 5 weather, 6 agreement signed on the pad by customer and escort
    dialog.weather.setCurrentIndex(dialog.weather.findData("fine"))
    dialog.record_weather()
    dialog.sign_agreement()
    assert dialog.drive.agreement_number.startswith("TD-")
    assert "✓" in dialog.steps.item(5).text()

    # 7 start: nothing blocks any more
    dialog.go("start")
    assert dialog.blockers.item(0).text() == dialog.tr("Nothing: the drive may start.")
    dialog.start_drive()
    assert dialog.drive.status == "out" and dialog.pages.currentIndex() == 7

    # 8 return
    dialog.odometer_in.setValue(1490)
    assert dialog.odometer_in.value() == 1500  # never below the odometer at departure
    dialog.odometer_in.setValue(1509)
    dialog.damage.setCurrentIndex(dialog.damage.findData(False))
    dialog.feedback.setPlainText("加速很好")
    dialog.record_return()
    assert dialog.drive.status == "returned" and dialog.drive.odometer_in == 1509
    assert all("✓" in dialog.steps.item(i).text() for i in range(8))
    assert page.drive_model.rowCount() == 1  # the page refreshed from the change signal


def test_start_lists_what_is_missing_and_the_service_refuses(qtbot, database, world):
    from ui.test_drives.drive_dialog import TestDriveDialog

    d = test_drives.book_test_drive(
        world.uow(),
        actor=world.desk,
        car_id=world.car_id,
        route_id=world.route_id,
        customer_name="张女士",
        walk_in=True,
    )
    dialog = TestDriveDialog(AppContext(database, world.consultant), d.id)
    qtbot.addWidget(dialog)
    dialog.go("start")
    texts = [dialog.blockers.item(i).text() for i in range(dialog.blockers.count())]
    assert any("agreement" in t for t in texts) and any("escort" in t for t in texts)
    dialog.start_drive()
    assert dialog.drive.status == "booked"


def test_managers_see_route_and_fleet_warnings(qtbot, database, world, uow):
    from ui.test_drives.drives_page import TestDrivesPage

    route = next(r for r in setup.list_routes(uow(), actor=world.manager) if r.id == world.route2_id)
    setup.save_route(
        uow(),
        actor=world.manager,
        route_id=route.id,
        expected_version=route.version,
        data=route_input("外环高速线", active=False, filing_date=dt.date(2026, 1, 15)),
    )
    soon = dt.date.today() + dt.timedelta(days=10)
    add_fleet_car(
        uow,
        world.manager,
        plate="沪B23456",
        commercial_insurance_until=soon,
        compulsory_insurance_until=dt.date.today() + dt.timedelta(days=300),
        inspection_until=dt.date.today() + dt.timedelta(days=300),
    )
    page = TestDrivesPage(AppContext(database, world.manager))
    qtbot.addWidget(page)
    text = page.warning.text()
    assert page.warning.isVisibleTo(page)
    assert "4.2.4.3" in text and "沪B23456" in text and soon.isoformat() in text
    assert page.fleet_model.rowCount() == 2 and page.route_model.rowCount() == 2
    assert page.tabs.count() == 3


def test_an_escort_without_three_years_is_not_offered(qtbot, database, world, uow):
    from ui.test_drives.drive_dialog import TestDriveDialog

    with uow() as u:
        u.session.get(StaffUser, world.consultant.user_id).licence_first_issued = dt.date.today()
        u.commit()
    dialog = TestDriveDialog(AppContext(database, world.manager))
    qtbot.addWidget(dialog)
    names = [dialog.escort.itemText(i) for i in range(dialog.escort.count())]
    assert names == []  # the manager has no licence date on record either


def test_from_the_live_queue_a_consultant_starts_a_test_drive_for_the_visitor(qtbot, database, world, uow):
    from app.reception.visits import start_visit
    from tests.factories import walk_in
    from ui.reception.queue_page import QueuePage

    visit = walk_in(uow, world.desk, now=utcnow(), name="赵女士", mobile="13800001111").visit
    visit = start_visit(uow(), actor=world.consultant, visit_id=visit.id, expected_version=visit.version)
    page = QueuePage(AppContext(database, world.consultant))
    qtbot.addWidget(page)
    assert page.test_drive_button.isVisibleTo(page)
    page.select_visit(visit.id)
    assert page.test_drive_button.isEnabled()
    dialog = page.test_drive_selected()
    qtbot.addWidget(dialog)
    # PIPL (docs/privacy.md): the name on record is offered masked, never put in the field
    assert dialog.customer_name.text() == "" and "赵**" in dialog.customer_name.placeholderText()
    assert "赵女士" not in dialog.customer_name.placeholderText()
    dialog.book()
    assert dialog.drive.visit_id == visit.id and dialog.drive.customer_id is not None
    assert dialog.drive.customer_name == "赵女士"  # booked under the name on record, for the agreement
    assert dialog.customer_name.text() == "赵**" and "赵女士" not in dialog.summary.text()


def test_the_desk_books_and_moves_a_drive_but_does_not_conduct_it(qtbot, database, world):
    from ui.test_drives.drive_dialog import TestDriveDialog

    dialog = TestDriveDialog(AppContext(database, world.desk))
    qtbot.addWidget(dialog)
    dialog.customer_name.setText("孙先生")
    dialog.book()
    first = dialog.drive.planned_start
    assert dialog.book_button.text() == dialog.tr("Move booking")
    assert not dialog.pages.widget(1).isEnabled()  # qualification: the consultant's step
    dialog.walk_in.setChecked(False)
    dialog.start_at.setDateTime(dialog.start_at.dateTime().addSecs(3 * 3600))
    dialog.book()
    assert dialog.drive.planned_start != first and dialog.drive.status == "booked"


def test_withdrawing_the_consent_erases_the_numbers_pipl(qtbot, database, world):
    from ui.test_drives.drive_dialog import TestDriveDialog

    d = test_drives.book_test_drive(
        world.uow(),
        actor=world.desk,
        car_id=world.car_id,
        route_id=world.route_id,
        customer_name="钱先生",
        walk_in=True,
    )
    dialog = TestDriveDialog(AppContext(database, world.consultant), d.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.go("qualification")
    withdraw = dialog.qualification_form.withdraw_button
    assert not withdraw.isVisible()
    dialog.record_consent()
    dialog.id_number.setText(ID_NUMBER)
    dialog.record_qualification()
    assert dialog.drive.qualified and "002X" in dialog.masked.text()
    dialog.go("qualification")
    assert withdraw.isVisible()
    qtbot.mouseClick(withdraw, Qt.MouseButton.LeftButton)
    assert not dialog.drive.id_consent and not dialog.drive.qualified
    assert dialog.drive.id_number_masked is None and "002X" not in dialog.masked.text()


def test_the_calendar_shows_each_car_by_half_hour_and_books_a_free_slot(qtbot, database, world):
    from PySide6.QtCore import QDate

    from app.core.clock import from_store_time, store_today
    from ui.test_drives.drives_page import TestDrivesPage

    day = store_today() + dt.timedelta(days=1)  # tomorrow: every slot is in the future
    at_ten = from_store_time(dt.datetime.combine(day, dt.time(10, 0)))
    test_drives.book_test_drive(
        world.uow(),
        actor=world.desk,
        car_id=world.car_id,
        route_id=world.route_id,
        customer_name="周女士",
        planned_start=at_ten,
        minutes=60,
    )
    page = TestDrivesPage(AppContext(database, world.desk))
    qtbot.addWidget(page)
    page.day.setDate(QDate(day.year, day.month, day.day))
    cal = page.calendar_model
    assert cal.rowCount() == 1 and cal.headerData(0, Qt.Orientation.Horizontal) == "09:00"
    ten = [cal.headerData(c, Qt.Orientation.Horizontal) for c in range(cal.columnCount())].index("10:00")
    # PIPL (docs/privacy.md): the calendar names the customer masked, also on hover
    assert cal.index(0, ten).data() == "周**" and cal.index(0, ten + 1).data() == ""
    assert "周女士" not in cal.index(0, ten).data(Qt.ItemDataRole.ToolTipRole)
    assert cal.index(0, ten + 2).data() is None  # 11:00 is free
    dialog = page.calendar_clicked(cal.index(0, ten + 2))
    qtbot.addWidget(dialog)
    assert dialog.car.currentData() == world.car_id and not dialog.walk_in.isChecked()
    dialog.customer_name.setText("吴先生")
    dialog.book()
    assert dialog.drive.planned_start == at_ten + dt.timedelta(hours=1)
    assert cal.index(0, ten + 2).data() == "吴**"  # the page refreshed from the change


def test_managers_add_a_route_and_a_car_with_errors_beside_the_fields(qtbot, database, world, uow):
    from ui.test_drives.drives_page import TestDrivesPage

    page = TestDrivesPage(AppContext(database, world.manager))
    qtbot.addWidget(page)
    dialog = page.add_route()
    qtbot.addWidget(dialog)
    dialog.name.setText("新江湾线")
    dialog.save()
    assert "filing_ref" in dialog.errors.shown()  # 4.2.4.3: a route must be filed first
    dialog.filing_ref.setText("沪公交杨备2026-003")
    dialog.save()
    assert dialog.result_dto is not None and page.route_model.rowCount() == 3

    from app.inventory import vehicles
    from tests.factories import vehicle_input

    vehicles.add_vehicle(uow(), actor=world.manager, data=vehicle_input(status="test_drive_fleet", powertrain="BEV"))
    page.add_car()
    car_dialog = page.car_dialog
    qtbot.addWidget(car_dialog)
    assert car_dialog.vehicle.count() == 1
    car_dialog.plate.setText("沪A1234")
    save = car_dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    # Every bad field at once: the plate, and the next maintenance due date, which starts blank
    # and is required (4.2.4.8: a test car is maintained).
    assert {"plate", "maintenance_due"} <= set(car_dialog.errors.shown())
    assert car_dialog.maintenance_due.text() == "—"
    car_dialog.plate.setText("沪AD54321")
    qtbot.keyClicks(car_dialog.maintenance_due, "20290630")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert car_dialog.result_dto.plate == "沪AD54321" and page.fleet_model.rowCount() == 2
    assert car_dialog.result_dto.maintenance_due == dt.date(2029, 6, 30)


def test_a_car_without_a_maintenance_due_date_is_named_until_the_manager_enters_it(qtbot, database, world, uow):
    # 4.2.4.8 (migration 0016): a car registered before the due date was asked for is unfit,
    # and the page says which car and why; entering the date in "Edit papers" clears it.
    from sqlalchemy import text

    from ui.test_drives.drives_page import TestDrivesPage
    from ui.test_drives.models import FleetTableModel

    with uow() as u:
        u.session.execute(text("UPDATE test_drive_car SET maintenance_due = NULL, version = version + 1"))
        u.commit()
    page = TestDrivesPage(AppContext(database, world.manager))
    qtbot.addWidget(page)
    assert "沪A12345" in page.warning.text() and "maintenance due date" in page.warning.text()
    model = page.fleet_model
    assert model.index(0, FleetTableModel.Col.MAINTENANCE).data() == "—"
    assert model.index(0, FleetTableModel.Col.STATE).data() == "Cannot be booked"
    page.tabs.setCurrentIndex(2)
    page.fleet.selectRow(0)
    qtbot.mouseClick(page.findChild(QPushButton, "edit_car"), Qt.MouseButton.LeftButton)
    dialog = page.car_dialog
    qtbot.addWidget(dialog)
    due = dt.date.today() + dt.timedelta(days=90)
    qtbot.keyClicks(dialog.maintenance_due, due.strftime("%Y%m%d"))
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert dialog.result_dto.maintenance_due == due and dialog.result_dto.bookable
    assert "沪A12345" not in page.warning.text()
    assert model.index(0, FleetTableModel.Col.MAINTENANCE).data() == due.isoformat()
