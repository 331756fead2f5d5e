"""The guided test drive (试乘试驾, T/CSCA 120031-2023 4.2.4; issue #6): one dialog that takes a
customer from booking through qualification, escort, pre-departure check, weather and the
signed agreement to departure and return.

The steps are listed on the left with a tick when done; any step can be opened in any order
(the floor works that way), and the Start page lists whatever still blocks departure, as the
service re-checks every condition itself (app/test_drives/drive_steps.start_drive). ID and
licence numbers are typed once and shown only masked afterwards.
"""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import QDateTime, QTime
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.clock import from_store_time, to_store_time
from app.core.permissions import Action, can
from ui.test_drives.drive_forms import BookingForm
from ui.test_drives.drive_step_actions import STEPS, DriveStepActions
from ui.test_drives.walk_in_box import WalkInOfferBox
from ui.widgets.field_error import FieldErrors
from ui.shell.ops import Op
from ui.shell.workers import run_op
from ui.widgets.store_dates import qdate


class TestDriveDialog(DriveStepActions, QDialog):
    __test__ = False  # not a pytest class

    def __init__(
        self,
        ctx,
        drive_id: int | None = None,
        *,
        visit_id: int | None = None,
        customer_name: str = "",
        name_on_record: str = "",
        car_id: int | None = None,
        planned_start: dt.datetime | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.request_key = uuid.uuid4().hex  # this dialog books one drive, however often clicked
        self._preset_car = car_id  # from a free slot of the calendar
        self.setObjectName("test_drive_dialog")
        self.setWindowTitle(self.tr("Test drive"))
        self.ctx, self.visit_id, self.drive = ctx, visit_id, None
        self.errors = FieldErrors()
        self._build_steps()
        self.steps.currentRowChanged.connect(self._open_step)
        self.customer_name.setText(customer_name)
        if name_on_record:  # a visit's customer: the service books under the name on record
            self.customer_name.setPlaceholderText(
                self.tr("{name} (on record; type a name only to use another)").format(name=name_on_record)
            )
        self.summary = QLabel()
        self.summary.setObjectName("drive_summary")
        self.summary.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addWidget(self.steps)
        body.addWidget(self.pages, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(body, 1)
        layout.addWidget(close)
        self.resize(900, 600)
        self._load_choices()
        if planned_start is not None:
            local = to_store_time(planned_start)
            self.walk_in.setChecked(False)
            self.start_at.setDateTime(QDateTime(qdate(local.date()), QTime(local.hour, local.minute)))
        if drive_id is not None:
            self._reload(drive_id)
        self._show()
        self.steps.setCurrentRow(0)

    def _build_steps(self) -> None:
        """The list of steps on the left and their pages, in the order of 4.2.4."""
        self.steps = QListWidget()
        self.steps.setObjectName("steps")
        self.steps.setMaximumWidth(220)
        self.pages = QStackedWidget()
        self._titles = (
            self.tr("1 Booking"),
            self.tr("2 ID and licence"),
            self.tr("3 Escort"),
            self.tr("4 Route and car check"),
            self.tr("5 Weather"),
            self.tr("6 Agreement"),
            self.tr("7 Start"),
            self.tr("8 Return"),
        )
        builders = (
            self._booking_page,
            self._qualification_page,
            self._escort_page,
            self._departure_page,
            self._weather_page,
            self._agreement_page,
            self._start_page,
            self._return_page,
        )
        for title, build in zip(self._titles, builders):
            self.steps.addItem(title)
            self.pages.addWidget(build())

    # --- plumbing -------------------------------------------------------------------------------
    def _write(self, fn, next_step: str | None = None, after=None) -> None:
        """Save one step through the operation path: the dialog waits for the result, so the
        next step can never be pressed against a version that is not saved yet (issue #16)."""

        def done(drive) -> None:
            self.drive = drive
            if after is not None:
                after()
            self.errors.clear()
            self._show()
            if next_step:
                self.go(next_step)

        Op(self.ctx, self, fn).busy(self).on_success(done).on_failure(
            lambda exc: self.errors.report_failure(
                self, exc, reload=lambda: self._reload(self.drive.id) if self.drive else None
            )
        ).run()

    def _reload(self, drive_id: int) -> None:
        ctx = self.ctx

        def work():
            from app.test_drives.booking import get_test_drive

            return get_test_drive(ctx.uow(), actor=ctx.actor, drive_id=drive_id)

        def loaded(drive) -> None:
            self.drive = drive
            self.booking_form.load(drive)
            self._show()
            self._open_step(self.steps.currentRow())  # e.g. the Start page's checklist

        run_op(self, work, loaded)

    def go(self, step: str) -> None:
        self.steps.setCurrentRow(STEPS.index(step))

    def _open_step(self, row: int) -> None:
        if row < 0:
            return
        self.pages.setCurrentIndex(row)
        if STEPS[row] == "start" and self.drive is not None:
            self.refresh_blockers()

    def _args(self) -> dict:
        return dict(actor=self.ctx.actor, drive_id=self.drive.id, expected_version=self.drive.version)

    def _load_choices(self) -> None:
        ctx = self.ctx

        def work():
            from app.test_drives.fleet_setup import list_fleet, list_routes
            from app.test_drives.booking import eligible_escorts

            return (
                list_fleet(ctx.uow(), actor=ctx.actor, bookable_only=True),
                list_routes(ctx.uow(), actor=ctx.actor, active_only=True),
                eligible_escorts(ctx.uow(), actor=ctx.actor),
            )

        def loaded(result) -> None:
            fleet, routes, escorts = result
            self.car.clear()
            for c in fleet:
                self.car.addItem(f"{c.plate}  {c.description}", c.id)
            self.route.clear()
            for r in routes:
                self.route.addItem(
                    self.tr("{name} ({km} km, {minutes} min)").format(
                        name=r.name, km=f"{r.distance_km:g}", minutes=r.typical_minutes
                    ),
                    r,
                )
            if self._preset_car is not None and self.car.findData(self._preset_car) >= 0:
                self.car.setCurrentIndex(self.car.findData(self._preset_car))
            self.escort.clear()
            for e in escorts:
                self.escort.addItem(e.full_name, e.id)
            self._route_changed()
            if self.drive is not None:  # the drive came back first: show it as booked
                self.booking_form.load(self.drive)

        run_op(self, work, loaded)

    def _show(self) -> None:
        d = self.drive
        done = dict.fromkeys(STEPS, False)
        if d is not None:
            done.update(
                booking=True,
                qualification=d.id_consent and d.qualified,
                escort=d.escort_id is not None,
                departure=d.confirmed and d.check_complete,
                weather=d.weather is not None and (not d.weather_severe or bool(d.weather_override_reason)),
                agreement=d.agreement_number is not None,
                start=d.status in ("out", "returned"),
                **{"return": d.status == "returned"},
            )
            self._show_drive(d)
        for row, key in enumerate(STEPS):
            self.steps.item(row).setText(("✓ " if done[key] else "   ") + self._titles[row])
        booked = d is not None and d.status == "booked"
        # The desk may book (BOOK_TEST_DRIVES); the steps from qualification to return are the
        # accompanying consultant's or a manager's (CONDUCT_TEST_DRIVES, 4.2.4.4).
        conduct = can(self.ctx.actor.roles, Action.CONDUCT_TEST_DRIVES)
        for page in range(1, 7):
            self.pages.widget(page).setEnabled(booked and conduct)
        self.pages.widget(0).setEnabled(d is None or booked)
        self.customer_name.setEnabled(d is None)
        self.book_button.setText(self.tr("Book") if d is None else self.tr("Move booking"))
        # The return page: to record when out; read-only with what was recorded once returned.
        self.pages.widget(7).setEnabled(d is not None and (d.status == "returned" or (d.status == "out" and conduct)))
        self.return_form.load(d)

    def _show_drive(self, d) -> None:
        """The summary line and each page's view of the saved drive."""
        start, end = to_store_time(d.planned_start), to_store_time(d.planned_end)
        self.customer_name.setText(d.customer_name_masked)  # booked: read-only, masked (PIPL)
        self.summary.setText(
            self.tr("{customer} · {car} {plate} · {route} · {start}–{end} · {km} km").format(
                customer=d.customer_name_masked,  # PIPL: masked on screen
                car=d.car_description,
                plate=d.plate,
                route=d.route_name,
                start=start.strftime("%Y-%m-%d %H:%M"),
                end=end.strftime("%H:%M"),
                km=f"{d.planned_km:g}",
            )
        )
        self.masked.setText(
            self.tr("ID: {id} · licence: {licence} ({cls})").format(
                id=d.id_number_masked or "—", licence=d.licence_number_masked or "—", cls=d.licence_class or "—"
            )
        )
        self.consent_state.setText(self.tr("Consent recorded.") if d.id_consent else "")
        may_unmask = can(self.ctx.actor.roles, Action.UNMASK_PERSONAL_DATA)
        self.qualification_form.unmask_id.setVisible(may_unmask and bool(d.id_number_masked))
        self.qualification_form.unmask_licence.setVisible(may_unmask and bool(d.licence_number_masked))
        self.qualification_form.withdraw_button.setVisible(d.id_consent)
        self.terms.setText(
            self.tr("Route {route}, about {km} km, {start}–{end}. Please confirm with the customer.").format(
                route=d.route_name, km=f"{d.planned_km:g}", start=start.strftime("%H:%M"), end=end.strftime("%H:%M")
            )
        )
        self.agreement_state.setText(
            self.tr("Signed agreement {number} is in the archive.").format(number=d.agreement_number)
            if d.agreement_number
            else ""
        )
        self.preview_button.setEnabled(d.agreement_document_id is not None)
        self._show_sign_ready(d)
        self.departure_form.load(d)
        if d.odometer_out is not None and d.status == "out":
            self.odometer_in.setMinimum(d.odometer_out)

    # --- 1 booking ------------------------------------------------------------------------------
    def _booking_page(self) -> QWidget:
        self.booking_form = f = BookingForm(self.errors)
        f.book_button.clicked.connect(self.book)
        self.customer_name, self.car, self.route, self.walk_in = (f.customer_name, f.car, f.route, f.walk_in)
        self.start_at, self.minutes, self.km, self.book_button = (f.start_at, f.minutes, f.km, f.book_button)
        return f

    def _route_changed(self) -> None:
        self.booking_form.route_changed()

    def book(self) -> None:
        """Book the drive; once booked, the same button moves it (new time, car or route).
        A walk-in first asks when its car is free: "now" is booked only when the car is free
        now, a later time only once the user has seen and picked it (issue #17.4)."""
        if not self.walk_in.isChecked():
            q = self.start_at.dateTime()
            local = dt.datetime(q.date().year(), q.date().month(), q.date().day(), q.time().hour(), q.time().minute())
            self._book(self.car.currentData(), from_store_time(local))
            return
        ctx, car_id, minutes, pressed_on = self.ctx, self.car.currentData(), self.minutes.value(), self._state()

        def work():
            from app.test_drives.booking import walk_in_offer

            return walk_in_offer(ctx.uow(), actor=ctx.actor, car_id=car_id, minutes=minutes)

        def offered(offer) -> None:
            if self._state() != pressed_on:  # a second press: the first one has booked meanwhile
                return
            if offer.free_now:
                self._book(offer.car_id, None)
                return
            box = WalkInOfferBox(offer, self)
            box.later.connect(lambda: self._book(offer.car_id, None, latest_start=offer.start))
            box.other_car.connect(self._take_car)
            box.finished.connect(box.deleteLater)
            self.walk_in_box = box
            box.open()

        run_op(self, work, offered, lambda exc: self.errors.report_failure(self, exc))

    def _state(self) -> tuple[int, int] | None:
        return (self.drive.id, self.drive.version) if self.drive is not None else None

    def _take_car(self, car_id: int) -> None:
        """The walk-in takes another car that is free now."""
        i = self.car.findData(car_id)
        if i >= 0:
            self.car.setCurrentIndex(i)
        self._book(car_id, None)

    def _book(self, car_id: int | None, start: dt.datetime | None, latest_start: dt.datetime | None = None) -> None:
        """Book (or move) on this car at `start`; None: a walk-in now, or no later than
        `latest_start` (the time the user picked)."""
        ctx, route, walk_in = self.ctx, self.route.currentData(), start is None
        name, minutes, km, visit_id = self.customer_name.text(), self.minutes.value(), self.km.value(), self.visit_id
        route_id = route.id if route else None
        drive, key = self.drive, self.request_key
        where = dict(planned_start=start, minutes=minutes, car_id=car_id, route_id=route_id, planned_km=km)

        def work():
            from app.test_drives.booking import book_test_drive, reschedule_test_drive

            if drive is not None:
                return reschedule_test_drive(
                    ctx.uow(),
                    actor=ctx.actor,
                    drive_id=drive.id,
                    expected_version=drive.version,
                    walk_in=walk_in,
                    latest_start=latest_start,
                    **where,
                )
            return book_test_drive(
                ctx.uow(),
                actor=ctx.actor,
                customer_name=name,
                visit_id=visit_id,
                walk_in=walk_in,
                request_key=key,
                latest_start=latest_start,
                **where,
            )

        self._write(work, "qualification" if drive is None else None)
