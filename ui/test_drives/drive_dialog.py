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
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.clock import from_store_time, to_store_time
from app.core.errors import FieldError
from app.core.permissions import Action, can
from ui.shell.errors import field_error_text
from ui.shell.labels import label
from ui.test_drives.labels import WEATHER
from ui.test_drives.drive_forms import BookingForm, DepartureForm, QualificationForm, ReturnForm, qdate
from ui.widgets.field_error import FieldErrors
from ui.shell.ops import Op
from ui.shell.workers import run_op

STEPS = ("booking", "qualification", "escort", "departure", "weather", "agreement", "start", "return")
SEVERE = {"storm", "heavy_rain", "heavy_snow", "dense_fog"}


def _form_page() -> tuple[QWidget, QFormLayout]:
    page = QWidget()
    return page, QFormLayout(page)


class TestDriveDialog(QDialog):
    __test__ = False  # not a pytest class

    def __init__(
        self,
        ctx,
        drive_id: int | None = None,
        *,
        visit_id: int | None = None,
        customer_name: str = "",
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
        self.steps = QListWidget()
        self.steps.setObjectName("steps")
        self.steps.setMaximumWidth(220)
        self.pages = QStackedWidget()
        titles = (
            self.tr("1 Booking"),
            self.tr("2 ID and licence"),
            self.tr("3 Escort"),
            self.tr("4 Route and car check"),
            self.tr("5 Weather"),
            self.tr("6 Agreement"),
            self.tr("7 Start"),
            self.tr("8 Return"),
        )
        self._titles = titles
        for title, build in zip(
            titles,
            (
                self._booking_page,
                self._qualification_page,
                self._escort_page,
                self._departure_page,
                self._weather_page,
                self._agreement_page,
                self._start_page,
                self._return_page,
            ),
        ):
            self.steps.addItem(title)
            self.pages.addWidget(build())
        self.steps.currentRowChanged.connect(self._open_step)
        self.customer_name.setText(customer_name)
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
            self.summary.setText(
                self.tr("{customer} · {car} {plate} · {route} · {start}–{end} · {km} km").format(
                    customer=d.customer_name,
                    car=d.car_description,
                    plate=d.plate,
                    route=d.route_name,
                    start=to_store_time(d.planned_start).strftime("%Y-%m-%d %H:%M"),
                    end=to_store_time(d.planned_end).strftime("%H:%M"),
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
                    route=d.route_name,
                    km=f"{d.planned_km:g}",
                    start=to_store_time(d.planned_start).strftime("%H:%M"),
                    end=to_store_time(d.planned_end).strftime("%H:%M"),
                )
            )
            self.agreement_state.setText(
                self.tr("Signed agreement {number} is in the archive.").format(number=d.agreement_number)
                if d.agreement_number
                else ""
            )
            self.preview_button.setEnabled(d.agreement_document_id is not None)
            if d.odometer_out is not None and d.status == "out":
                self.odometer_in.setMinimum(d.odometer_out)
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
        self.pages.widget(7).setEnabled(d is not None and d.status == "out" and conduct)

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
        """Book the drive; once booked, the same button moves it (new time, car or route)."""
        ctx, route = self.ctx, self.route.currentData()
        walk_in = self.walk_in.isChecked()
        q = self.start_at.dateTime()
        start = (
            None
            if walk_in
            else from_store_time(
                dt.datetime(q.date().year(), q.date().month(), q.date().day(), q.time().hour(), q.time().minute())
            )
        )
        car_id, name = self.car.currentData(), self.customer_name.text()
        minutes, km, visit_id = self.minutes.value(), self.km.value(), self.visit_id
        route_id = route.id if route else None
        drive, key = self.drive, self.request_key

        def work():
            from app.test_drives.booking import book_test_drive, reschedule_test_drive

            if drive is not None:
                return reschedule_test_drive(
                    ctx.uow(),
                    actor=ctx.actor,
                    drive_id=drive.id,
                    expected_version=drive.version,
                    planned_start=start,
                    minutes=minutes,
                    car_id=car_id,
                    route_id=route_id,
                    planned_km=km,
                    walk_in=walk_in,
                )
            return book_test_drive(
                ctx.uow(),
                actor=ctx.actor,
                car_id=car_id,
                route_id=route_id,
                customer_name=name,
                planned_start=start,
                minutes=minutes,
                planned_km=km,
                visit_id=visit_id,
                walk_in=walk_in,
                request_key=key,
            )

        self._write(work, "qualification" if drive is None else None)

    # --- 2 qualification (4.2.4.2) --------------------------------------------------------------
    def _qualification_page(self) -> QWidget:
        self.qualification_form = f = QualificationForm(self.errors)
        f.consent_button.clicked.connect(self.record_consent)
        f.withdraw_button.clicked.connect(self.withdraw_consent)
        f.save_button.clicked.connect(self.record_qualification)
        f.unmask_id.clicked.connect(lambda: self.unmask("id_number"))
        f.unmask_licence.clicked.connect(lambda: self.unmask("licence_number"))
        f.unmask_id.setVisible(False)
        f.unmask_licence.setVisible(False)
        # The dialog's own names for the fields it reads and the tests drive.
        self.id_number, self.licence_class, self.masked = f.id_number, f.licence_class, f.masked
        self.consent_state = f.consent_state
        return f

    def unmask(self, column: str) -> None:
        from ui.privacy.api import UnmaskDialog

        d = self.drive
        masked = d.id_number_masked if column == "id_number" else d.licence_number_masked
        dialog = UnmaskDialog(self.ctx, table="test_drive", record_id=d.id, column=column, masked=masked, parent=self)
        dialog.finished.connect(dialog.deleteLater)
        self.unmask_dialog = dialog
        dialog.open()

    def record_consent(self) -> None:
        ctx, args = self.ctx, self._args()

        def work():
            from app.test_drives.drive_steps import record_id_consent

            return record_id_consent(ctx.uow(), **args)

        self._write(work)

    def withdraw_consent(self) -> None:
        ctx, args = self.ctx, self._args()

        def work():
            from app.test_drives.drive_steps import withdraw_id_consent

            return withdraw_id_consent(ctx.uow(), **args)

        self._write(work)

    def record_qualification(self) -> None:
        ctx, args, data = self.ctx, self._args(), self.qualification_form.data()

        def work():
            from app.test_drives.drive_steps import record_qualification

            return record_qualification(ctx.uow(), data=data, **args)

        self._write(work, "escort", after=self.qualification_form.clear_numbers)

    # --- 3 escort (4.2.4.4) -----------------------------------------------------------------------
    def _escort_page(self) -> QWidget:
        page, form = _form_page()
        note = QLabel(
            self.tr(
                "Only staff on duty today with at least 3 years since their licence "
                "was first issued are listed (T/CSCA 120031 4.2.4.4)."
            )
        )
        note.setWordWrap(True)
        self.escort = QComboBox()
        self.escort.setObjectName("escort_id")
        assign = QPushButton(self.tr("Assign escort"))
        assign.setObjectName("assign_escort")
        assign.clicked.connect(self.assign_escort)
        form.addRow(note)
        form.addRow(self.tr("Escort"), self.errors.wrap("escort_id", self.escort))
        form.addRow("", assign)
        return page

    def assign_escort(self) -> None:
        ctx, args, escort_id = self.ctx, self._args(), self.escort.currentData()

        def work():
            from app.test_drives.drive_steps import assign_escort

            return assign_escort(ctx.uow(), escort_id=escort_id, **args)

        self._write(work, "departure")

    # --- 4 confirmation and pre-departure check (4.2.4.5, 4.2.4.6) --------------------------------
    def _departure_page(self) -> QWidget:
        f = DepartureForm(self.errors)
        f.confirm_button.clicked.connect(self.confirm_terms)
        f.save_button.clicked.connect(self.record_check)
        self.terms, self.check_boxes, self.odometer_out = f.terms, f.check_boxes, f.odometer_out
        return f

    def confirm_terms(self) -> None:
        ctx, args = self.ctx, self._args()

        def work():
            from app.test_drives.drive_steps import confirm_terms

            return confirm_terms(ctx.uow(), **args)

        self._write(work)

    def record_check(self) -> None:
        ctx, args = self.ctx, self._args()
        items = {k: b.isChecked() for k, b in self.check_boxes.items()}
        odometer = self.odometer_out.value()

        def work():
            from app.test_drives.drive_steps import record_check

            return record_check(ctx.uow(), items=items, odometer_out=odometer, **args)

        self._write(work, "weather")

    # --- 5 weather (4.2.4.7) ----------------------------------------------------------------------
    def _weather_page(self) -> QWidget:
        page, form = _form_page()
        self.weather = QComboBox()
        self.weather.setObjectName("weather")
        for key in WEATHER:
            self.weather.addItem(label(WEATHER, key), key)
        self.override_reason = QLineEdit()
        self.override_reason.setObjectName("override_reason")
        self.override_reason.setPlaceholderText(self.tr("Sales manager only: why the drive may go ahead"))
        manager = can(self.ctx.actor.roles, Action.OVERRIDE_TEST_DRIVE_WEATHER)
        self.override_reason.setVisible(manager)
        save = QPushButton(self.tr("Record weather"))
        save.setObjectName("record_weather")
        save.clicked.connect(self.record_weather)
        advice = QLabel(
            self.tr(
                "In storm, heavy rain, heavy snow or dense fog test drives are advised "
                "against; they go ahead only with a sales manager's override."
            )
        )
        advice.setWordWrap(True)
        form.addRow(advice)
        form.addRow(self.tr("Weather"), self.errors.wrap("weather", self.weather))
        if manager:
            form.addRow(self.tr("Override reason"), self.errors.wrap("override_reason", self.override_reason))
        form.addRow("", save)
        return page

    def record_weather(self) -> None:
        ctx, args = self.ctx, self._args()
        weather, reason = self.weather.currentData(), self.override_reason.text()
        if weather not in SEVERE:
            reason = ""

        def work():
            from app.test_drives.drive_steps import record_weather

            return record_weather(ctx.uow(), weather=weather, override_reason=reason, **args)

        self._write(work, "agreement")

    # --- 6 agreement (4.2.4.1) --------------------------------------------------------------------
    def _agreement_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(
            QLabel(
                self.tr(
                    "The customer and the escort sign the bilingual agreement on the pad; it is then "
                    "signed digitally and archived."
                )
            )
        )
        sign = QPushButton(self.tr("Sign agreement…"))
        sign.setObjectName("sign_agreement")
        sign.clicked.connect(self.sign_agreement)
        self.preview_button = QPushButton(self.tr("Show agreement"))
        self.preview_button.setObjectName("preview_agreement")
        self.preview_button.clicked.connect(self.preview_agreement)
        self.agreement_state = QLabel()
        self.agreement_state.setObjectName("agreement_state")
        layout.addWidget(self.errors.wrap("signatures", sign))
        layout.addWidget(self.preview_button)
        layout.addWidget(self.agreement_state)
        layout.addStretch(1)
        return page

    def sign_agreement(self) -> None:
        from app.core.dto import SignatureCapture
        from ui.widgets.signature_dialog import SignatureDialog

        d = self.drive
        captures = []
        for name, role in ((d.customer_name, "customer"), (d.escort_name or "", "escort")):
            cap = SignatureDialog.ask(self, name, role, document=self.tr("Test-drive agreement"))
            if cap is None:
                return
            captures.append(
                SignatureCapture(cap.signer_name, str(cap.role.value), cap.signed_at, cap.strokes_json(), cap.png)
            )
        ctx, args = self.ctx, self._args()

        def work():
            from app.test_drives.drive_steps import sign_agreement

            return sign_agreement(ctx.uow(), signatures=captures, **args)

        self._write(work, "start")

    def preview_agreement(self) -> None:
        from ui.widgets.pdf_preview_dialog import PdfPreviewDialog

        ctx, doc_id = self.ctx, self.drive.agreement_document_id

        def work():
            from app.documents.api import get_document_bytes

            return get_document_bytes(ctx.uow(), actor=ctx.actor, document_id=doc_id)

        def show(pdf: bytes) -> None:
            dialog = PdfPreviewDialog(pdf, self.tr("Test-drive agreement"), self)
            dialog.setObjectName("agreement_preview")
            dialog.open()

        run_op(self, work, show)

    # --- 7 start ----------------------------------------------------------------------------------
    def _start_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.blockers = QListWidget()
        self.blockers.setObjectName("blockers")
        self.start_button = QPushButton(self.tr("Start the test drive"))
        self.start_button.setObjectName("start_drive")
        self.start_button.clicked.connect(self.start_drive)
        layout.addWidget(QLabel(self.tr("Still needed before departure:")))
        layout.addWidget(self.blockers, 1)
        layout.addWidget(self.start_button)
        return page

    def refresh_blockers(self) -> None:
        ctx, drive_id = self.ctx, self.drive.id

        def work():
            from app.test_drives.drive_steps import drive_blockers

            return drive_blockers(ctx.uow(), actor=ctx.actor, drive_id=drive_id)

        run_op(self, work, self._show_blockers)

    def _show_blockers(self, blockers: list[FieldError]) -> None:
        self.blockers.clear()
        for e in blockers:
            self.blockers.addItem(field_error_text(e))
        if not blockers:
            self.blockers.addItem(self.tr("Nothing: the drive may start."))

    def start_drive(self) -> None:
        from app.test_drives.drive_steps import DriveBlocked

        ctx, args = self.ctx, self._args()

        def work():
            from app.test_drives.drive_steps import start_drive

            return start_drive(ctx.uow(), **args)

        def failed(exc) -> None:
            if isinstance(exc, DriveBlocked):
                self._show_blockers(exc.errors)
            else:
                self.errors.report_failure(self, exc)

        def done(drive) -> None:
            self.drive = drive
            self._show()
            self.go("return")

        Op(self.ctx, self, work).busy(self).on_success(done).on_failure(failed).run()

    # --- 8 return (4.2.4.5, 4.2.4.7) ---------------------------------------------------------------
    def _return_page(self) -> QWidget:
        self.return_form = f = ReturnForm(self.errors)
        f.save_button.clicked.connect(self.record_return)
        self.odometer_in, self.damage, self.feedback = f.odometer_in, f.damage, f.feedback
        return f

    def record_return(self) -> None:
        ctx, args, data = self.ctx, self._args(), self.return_form.data()

        def work():
            from app.test_drives.drive_steps import record_return

            return record_return(ctx.uow(), data=data, **args)

        self._write(work)
