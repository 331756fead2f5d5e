"""Reception page (前台接待, T/CSCA 120031 4.2.1.1): check visitors in with the keyboard,
today's appointments (arrival turns one into a visit) and today's duty roster. Issue #4."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.clock import utcnow
from app.core.errors import ValidationFailed
from app.core.permissions import Action, can
from ui.shell.ops import Op
from ui.reception.models import AppointmentTableModel, DutyTableModel
from ui.reception.checkin_form import CheckInForm
from ui.reception.fields import reception_error_text, show_field_errors
from ui.shell.workers import run_op
from ui.widgets.table_fit import FIT_ROWS
from ui.widgets.badge_delegate import badge_column

CONFIRM_STYLE = "background: #e6f4ea; color: #1b5e20; border-radius: 4px; padding: 6px; font-weight: bold;"


def _table(name: str, model) -> QTableView:
    view = QTableView()
    # Fit columns to the first screenful, not to 1000 rows (issue #10: years of data).
    view.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class ReceptionPage(QWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        roles = ctx.actor.roles
        self.last_result = None

        scroll = self._check_in_side()
        appt_box = self._appointments_box(roles)
        duty_box = self._duty_box(roles)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(appt_box, 1)
        right_layout.addWidget(duty_box, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(scroll)
        splitter.addWidget(right)
        splitter.setSizes([560, 560])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        ctx.data_did_change.connect(self._on_change)
        self.load_setup()
        self.refresh()
        self.form.first_field().setFocus()

    def _check_in_side(self) -> QScrollArea:
        """The check-in form under its title, with the last check-in's confirmation."""
        self.form = CheckInForm()
        self.form.submitted.connect(self.submit)
        self.form.mobile_ready.connect(self.look_up)
        self.confirmation = QLabel("")
        self.confirmation.setObjectName("checkin_confirmation")
        self.confirmation.setWordWrap(True)
        self.confirmation.setStyleSheet(CONFIRM_STYLE)
        self.confirmation.setVisible(False)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        title = QLabel(self.tr("Check a visitor in"))
        title.setStyleSheet("font-size: 15px; font-weight: bold;")
        left_layout.addWidget(title)
        left_layout.addWidget(self.confirmation)
        left_layout.addWidget(self.form, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(left)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        return scroll

    def _appointments_box(self, roles) -> QGroupBox:
        """Today's appointments: mark one arrived, or book one."""
        self.appointments = AppointmentTableModel(self)
        self.appointments_view = _table("appointments_table", self.appointments)
        badge_column(self.appointments_view, 4, lambda a: a.status)  # the Status column
        self.arrived_button = QPushButton(self.tr("Arrived: check in"))
        self.arrived_button.setObjectName("appointment_arrived")
        self.arrived_button.clicked.connect(self.appointment_arrived)
        self.book_button = QPushButton(self.tr("Book appointment…"))
        self.book_button.setObjectName("book_appointment")
        self.book_button.clicked.connect(self.book_appointment)
        self.book_button.setVisible(can(roles, Action.MANAGE_APPOINTMENTS))
        appt_box = QGroupBox(self.tr("Today's appointments"))
        appt_layout = QVBoxLayout(appt_box)
        appt_layout.addWidget(self.appointments_view)
        row = QHBoxLayout()
        row.addWidget(self.arrived_button)
        for button in self._appointment_change_buttons(roles):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.book_button)
        appt_layout.addLayout(row)
        return appt_box

    def _appointment_change_buttons(self, roles) -> list[QPushButton]:
        """Reschedule, cancel, no-show (issue #17.12): buttons and the list's context menu,
        enabled while a booked appointment is selected."""
        from ui.reception.appointment_change_dialog import CANCEL, NO_SHOW, RESCHEDULE

        self.change_buttons = {}
        for mode, text in (
            (RESCHEDULE, self.tr("Reschedule…")),
            (CANCEL, self.tr("Cancel…")),
            (NO_SHOW, self.tr("No-show…")),
        ):
            button = QPushButton(text)
            button.setObjectName(f"appointment_{mode}")
            button.clicked.connect(lambda _checked=False, m=mode: self.change_appointment(m))
            button.setVisible(can(roles, Action.MANAGE_APPOINTMENTS))
            self.change_buttons[mode] = button
        view = self.appointments_view
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._appointment_menu)
        view.selectionModel().selectionChanged.connect(lambda *_: self._appointment_selected())
        self._appointment_selected()
        return list(self.change_buttons.values())

    def _duty_box(self, roles) -> QGroupBox:
        """Today's duty roster in rotation order: away/back, off duty, put on duty."""
        self.duty = DutyTableModel(self)
        self.duty_view = _table("duty_table", self.duty)
        badge_column(self.duty_view, 2, lambda d: d.state)  # the State column
        self.away_button = QPushButton(self.tr("Away / back"))
        self.away_button.setObjectName("toggle_away")
        self.away_button.clicked.connect(self.toggle_away)
        self.off_button = QPushButton(self.tr("Off duty"))
        self.off_button.setObjectName("set_off_duty")
        self.off_button.clicked.connect(lambda: self.set_duty(self.selected_duty(), False))
        self.add_combo = QComboBox()
        self.add_combo.setObjectName("roster_add_consultant")
        self.add_button = QPushButton(self.tr("Put on duty"))
        self.add_button.setObjectName("set_on_duty")
        self.add_button.clicked.connect(self._add_on_duty)
        may_manage = can(roles, Action.MANAGE_DUTY)
        for w in (self.off_button, self.add_combo, self.add_button):
            w.setVisible(may_manage)
        self.away_button.setVisible(may_manage or can(roles, Action.SET_OWN_AWAY))
        duty_box = QGroupBox(self.tr("Duty roster today (rotation order)"))
        duty_layout = QVBoxLayout(duty_box)
        duty_layout.addWidget(self.duty_view)
        row = QHBoxLayout()
        for w in (self.away_button, self.off_button):
            row.addWidget(w)
        row.addStretch(1)
        row.addWidget(self.add_combo)
        row.addWidget(self.add_button)
        duty_layout.addLayout(row)
        return duty_box

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.form.first_field().setFocus()

    # --- loading -------------------------------------------------------------------------
    def load_setup(self) -> None:
        ctx = self.ctx

        def work():
            from app.core.errors import NotFound
            from app.reception.duty import list_consultants
            from app.reception.setup import current_consent_text, list_channels, list_model_choices

            try:
                consent = current_consent_text(ctx.uow())
            except NotFound:
                consent = None
            return (
                list_channels(ctx.uow(), actor=ctx.actor),
                list_model_choices(ctx.uow(), actor=ctx.actor),
                consent,
                list_consultants(ctx.uow(), actor=ctx.actor),
            )

        run_op(self, work, self._setup_loaded)

    def _setup_loaded(self, result) -> None:
        channels, models, consent, consultants = result
        self.form.set_channels(channels)
        self.form.set_model_choices(models)
        self.form.set_consent_text(consent)
        self.add_combo.clear()
        for cid, name in consultants:
            self.add_combo.addItem(name, cid)

    def refresh(self) -> None:
        ctx = self.ctx
        may_book = can(ctx.actor.roles, Action.MANAGE_APPOINTMENTS)

        def work():
            from app.reception.appointments import list_appointments
            from app.reception.duty import list_duty

            appointments = list_appointments(ctx.uow(), actor=ctx.actor) if may_book else []
            return appointments, list_duty(ctx.uow(), actor=ctx.actor)

        run_op(self, work, self._loaded)

    def _loaded(self, result) -> None:
        appointments, duty = result
        self.appointments.set_rows(appointments)
        self._appointment_selected()
        self.duty.set_rows(duty)
        self.form.set_consultants(duty)

    def _on_change(self, changes, initiator) -> None:
        if getattr(changes, "reception", False) and initiator is not self:
            self.refresh()

    # --- check-in ------------------------------------------------------------------------
    def submit(self) -> None:
        ctx = self.ctx
        data, override, reason = self.form.check_in_input()
        if not data.request_key:
            self.form.request_key = data.request_key = uuid.uuid4().hex

        def work():
            from app.reception.checkin import check_in

            return check_in(
                ctx.uow(), actor=ctx.actor, data=data, override_consultant_id=override, override_reason=reason
            )

        Op(ctx, self, work).busy(self.form).on_fields(self._show_fields).on_success(self._checked_in).run()

    def _show_fields(self, exc: ValidationFailed) -> None:
        unplaced = show_field_errors(self.form.errors, exc)
        self.form.other_errors.setText("\n".join(reception_error_text(e) for e in unplaced))
        self.form.other_errors.setVisible(bool(unplaced))

    def _checked_in(self, result) -> None:
        self.last_result = result
        v = result.visit
        if v.consultant_name:
            lines = [self.tr("Assigned to {name}").format(name=v.consultant_name)]
        else:
            lines = [self.tr("No consultant is free: the visitor waits and goes to the next one free.")]
        if result.assignment_note == "own_consultant_off_duty":
            lines.append(self.tr("Their own consultant is not on duty today; assigned by rotation."))
        if "child_safety" in result.reminders:
            lines.append(self.tr("Remember: remind the party to look after their children (4.2.1.4)."))
        if "foreign_visitor_policies" in result.reminders:
            lines.append(self.tr("Remember: explain the rules for foreign buyers (4.2.3.3)."))
        self.confirmation.setText("\n".join(lines))
        self.confirmation.setVisible(True)
        self.form.reset()
        self.refresh()

    def look_up(self, mobile: str) -> None:
        ctx = self.ctx
        if not can(ctx.actor.roles, Action.MANAGE_CUSTOMERS):
            return

        def work():
            from app.reception.customers import find_customer_by_mobile

            return find_customer_by_mobile(ctx.uow(), actor=ctx.actor, mobile=mobile)

        def done(history) -> None:
            if history is None or history.customer.mobile and mobile in history.customer.mobile.replace(" ", ""):
                self.form.show_history(history)

        run_op(self, work, done, lambda _exc: None)  # a bad number is reported at check-in

    # --- appointments --------------------------------------------------------------------
    def selected_appointment(self):
        rows = self.appointments_view.selectionModel().selectedRows()
        return self.appointments.row_at(rows[0].row()) if rows else None

    def appointment_arrived(self) -> None:
        a = self.selected_appointment()
        if a is None or a.status != "booked":
            return
        self.form.set_appointment(a)
        self.form.first_field().setFocus()

    def _appointment_selected(self) -> None:
        a = self.selected_appointment()
        for mode, button in self.change_buttons.items():
            # A no-show only once the booked time has passed (the service says so too).
            due = mode != "no_show" or (a is not None and a.scheduled_at <= utcnow())
            button.setEnabled(a is not None and a.status == "booked" and due)

    def _appointment_menu(self, pos) -> None:
        index = self.appointments_view.indexAt(pos)
        if not index.isValid():
            return
        self.appointments_view.selectRow(index.row())
        menu = QMenu(self.appointments_view)
        menu.setObjectName("appointment_menu")
        for mode, button in self.change_buttons.items():
            action = menu.addAction(button.text())
            action.setEnabled(button.isEnabled() and button.isVisible())
            action.triggered.connect(lambda _checked=False, m=mode: self.change_appointment(m))
        self.appointment_menu = menu
        menu.popup(self.appointments_view.viewport().mapToGlobal(pos))

    def change_appointment(self, mode: str):
        """Open the reschedule / cancel / no-show dialog for the selected booked appointment."""
        from ui.reception.appointment_change_dialog import AppointmentChangeDialog

        a = self.selected_appointment()
        if a is None or a.status != "booked":
            return None
        consultants = [(self.add_combo.itemData(i), self.add_combo.itemText(i)) for i in range(self.add_combo.count())]
        dialog = AppointmentChangeDialog(self.ctx, a, mode, self, consultants=consultants)
        dialog.changed.connect(lambda _a: self.refresh())
        dialog.finished.connect(dialog.deleteLater)
        self.change_dialog = dialog
        dialog.open()
        return dialog

    def book_appointment(self):
        from ui.reception.appointment_dialog import AppointmentDialog

        dialog = AppointmentDialog(
            self.ctx,
            self,
            consent_text=self.form.consent_text,
            consultants=[
                (self.add_combo.itemData(i), self.add_combo.itemText(i)) for i in range(self.add_combo.count())
            ],
        )
        dialog.booked.connect(lambda _a: self.refresh())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    # --- roster --------------------------------------------------------------------------
    def selected_duty(self):
        rows = self.duty_view.selectionModel().selectedRows()
        return self.duty.row_at(rows[0].row()) if rows else None

    def toggle_away(self) -> None:
        d = self.selected_duty()
        if d is None or not d.on_duty:
            return
        ctx = self.ctx

        def work():
            from app.reception.duty import set_away

            return set_away(ctx.uow(), actor=ctx.actor, consultant_id=d.consultant_id, away=not d.away)

        self._duty_op(work)

    def set_duty(self, d, on: bool) -> None:
        if d is None:
            return
        self._set_duty(d.consultant_id, on)

    def _add_on_duty(self) -> None:
        cid = self.add_combo.currentData()
        if cid is not None:
            self._set_duty(cid, True)

    def _set_duty(self, consultant_id: int, on: bool) -> None:
        ctx = self.ctx

        def work():
            from app.reception.duty import set_duty

            return set_duty(ctx.uow(), actor=ctx.actor, consultant_id=consultant_id, on_duty=on)

        self._duty_op(work)

    def _duty_op(self, work) -> None:
        Op(self.ctx, self, work).busy(self.duty_view).on_success(lambda _d: self.refresh()).run()
