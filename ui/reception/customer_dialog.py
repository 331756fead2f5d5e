"""The customer's page (客户档案, issue #17 rule 4.5.1.3 and #17.13), opened from the visit
history's customer search and from the leads page.

It shows who the customer is with the name and mobile masked, their consultant and whether a
consent stands, and in tabs their visits, appointments, consents (with withdrawals and their
reasons), and every change made to them and to their appointments. From here the name or
mobile is corrected (PIPL art. 46), the consent withdrawn (art. 15), and a sales manager gives
the customer to another consultant; each through its own form (ui/reception/customer_forms.py) and service, after
which every open page refreshes through the change bus and this page reloads.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout

from app.core.permissions import Action, can
from ui.reception.customer_forms import CorrectCustomerDialog, ReassignCustomerDialog, WithdrawConsentDialog
from ui.reception.customer_models import (
    appointment_changes_model,
    appointments_model,
    changes_model,
    consents_model,
    visits_model,
)
from ui.shell.errors import show_error
from ui.shell.workers import run_op
from ui.widgets.table_fit import read_only_table


class CustomerDialog(QDialog):
    def __init__(self, ctx, customer_id: int, parent=None) -> None:
        super().__init__(parent)
        self.ctx, self.customer_id, self.page = ctx, customer_id, None
        self.form = None  # the change form open on top, if any
        self.setObjectName("customer_dialog")
        self.setWindowTitle(self.tr("Customer"))
        self.resize(860, 560)
        self.summary = QLabel(self.tr("Loading…"))
        self.summary.setObjectName("customer_summary")
        self.summary.setWordWrap(True)
        self.visits, self.appointments = visits_model(self), appointments_model(self)
        self.consents, self.changes = consents_model(self), changes_model(self)
        self.appointment_changes = appointment_changes_model(self)
        self.tabs = QTabWidget()
        for name, title, model in (
            ("customer_visits", self.tr("Visits"), self.visits),
            ("customer_appointments", self.tr("Appointments"), self.appointments),
            ("customer_consents", self.tr("Consents"), self.consents),
            ("customer_changes", self.tr("Change history"), self.changes),
            ("customer_appointment_changes", self.tr("Appointment changes"), self.appointment_changes),
        ):
            self.tabs.addTab(read_only_table(name, model), title)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(self._buttons())
        ctx.data_did_change.connect(self._on_change)
        self.refresh()

    def _buttons(self) -> QHBoxLayout:
        self.correct_button = QPushButton(self.tr("Correct name or mobile…"))
        self.correct_button.setObjectName("correct_customer")
        self.correct_button.clicked.connect(lambda _checked=False: self.correct())
        self.withdraw_button = QPushButton(self.tr("Withdraw consent…"))
        self.withdraw_button.setObjectName("withdraw_consent")
        self.withdraw_button.clicked.connect(lambda _checked=False: self.withdraw())
        self.reassign_button = QPushButton(self.tr("Give to another consultant…"))
        self.reassign_button.setObjectName("reassign_customer")
        self.reassign_button.clicked.connect(lambda _checked=False: self.reassign())
        self.reassign_button.setVisible(can(self.ctx.actor.roles, Action.REASSIGN_LEADS))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        for w in (self.correct_button, self.withdraw_button, self.reassign_button):
            w.setEnabled(False)  # until the customer is loaded
            row.addWidget(w)
        row.addStretch(1)
        row.addWidget(close)
        return row

    # --- loading -------------------------------------------------------------------------
    def refresh(self) -> None:
        ctx, cid = self.ctx, self.customer_id

        def work():
            from app.reception.customer_page import get_customer_page

            return get_customer_page(ctx.uow(), actor=ctx.actor, customer_id=cid)

        run_op(self, work, self._loaded, lambda exc: show_error(self, exc))

    def _loaded(self, page) -> None:
        self.page = page
        if page.anonymised:
            who = self.tr("Customer #{id}: details erased (consent withdrawn)").format(id=page.id)
        else:
            who = self.tr("{name} · mobile {mobile}").format(name=page.name_masked or "—", mobile=page.mobile_masked)
        consent = self.tr("consent on record") if page.has_consent else self.tr("no consent on record")
        consultant = page.consultant_name or self.tr("no consultant yet")
        self.summary.setText(
            self.tr("{who}\nConsultant: {consultant} · {consent}").format(
                who=who, consultant=consultant, consent=consent
            )
        )
        self.visits.set_rows(list(page.visits))
        self.appointments.set_rows(list(page.appointments))
        self.consents.set_rows(list(page.consents))
        self.changes.set_rows(list(page.changes_history))
        self.appointment_changes.set_rows(list(page.appointment_changes))
        self.correct_button.setEnabled(not page.anonymised)
        self.withdraw_button.setEnabled(page.has_consent and not page.anonymised)
        self.reassign_button.setEnabled(not page.anonymised)

    def _on_change(self, changes, _initiator) -> None:
        if getattr(changes, "reception", False) and self.isVisible():
            self.refresh()

    # --- changes -------------------------------------------------------------------------
    def _open(self, form):
        form.changed.connect(lambda _c: self.refresh())
        form.finished.connect(form.deleteLater)
        self.form = form
        form.open()
        return form

    def correct(self):
        return self._open(CorrectCustomerDialog(self.ctx, self.page, self)) if self.page else None

    def withdraw(self):
        return self._open(WithdrawConsentDialog(self.ctx, self.page, self)) if self.page else None

    def reassign(self) -> None:
        if self.page is None:
            return
        ctx = self.ctx

        def work():
            from app.reception.duty import list_consultants

            return list_consultants(ctx.uow(), actor=ctx.actor)

        run_op(self, work, lambda people: self._open(ReassignCustomerDialog(ctx, self.page, people, self)))


def open_customer(ctx, customer_id: int, parent) -> CustomerDialog:
    """Open the customer's page over `parent`."""
    dialog = CustomerDialog(ctx, customer_id, parent)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
