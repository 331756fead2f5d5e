"""The customer page's three changes, each a ServiceFormDialog with a reason (issue #17 rule
4.5.1.3 and #17.13): correct the name or mobile (PIPL art. 46), withdraw the consent (art. 15)
and, for a sales manager, give the customer to another consultant. The services validate,
keep the history and say why they refuse; these forms only collect what they need."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from ui.reception.fields import ReceptionWording
from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.widgets.field_error import FieldErrors


class _CustomerForm(ReceptionWording, ServiceFormDialog):
    """Common ground: the customer (masked) on top, a reason field at the bottom. Its words
    are in the context "CustomerForms" (tr() here would look them up under the subclass)."""

    changed = Signal(object)  # CustomerDTO

    def __init__(self, ctx, page, parent=None) -> None:
        std, body = QDialogButtonBox.StandardButton, QWidget()
        super().__init__(ctx, body, FieldErrors(), parent, buttons=std.Ok | std.Cancel)
        self.page = page  # CustomerPageDTO as the user saw it (its version is checked)
        self.setMinimumWidth(460)
        self.layout_ = QFormLayout(body)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        who = QLabel(
            QCoreApplication.translate("CustomerForms", "Customer: {name}, mobile {mobile}").format(
                name=page.name_masked or "—", mobile=page.mobile_masked or "—"
            )
        )
        who.setObjectName("customer_summary")
        self.layout_.addRow(who)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.errors.alias("customer_id", "reason")

    def add_reason(self, placeholder: str) -> None:
        self.reason.setPlaceholderText(placeholder)
        self.layout_.addRow(
            QCoreApplication.translate("CustomerForms", "Reason"), self.errors.wrap("reason", self.reason)
        )

    def confirm(self) -> None:
        self.save()

    def reload(self) -> None:
        self.reject()  # the customer's page shows the customer as saved now

    def done_saving(self, customer) -> None:
        self.changed.emit(customer)
        super().done_saving(customer)


class CorrectCustomerDialog(_CustomerForm):
    """Type the right name and/or mobile; an empty field keeps what is on record."""

    def __init__(self, ctx, page, parent=None) -> None:
        super().__init__(ctx, page, parent)
        self.setObjectName("correct_customer_dialog")
        self.setWindowTitle(self.tr("Correct the customer's details"))
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.name.setPlaceholderText(self.tr("Leave empty to keep {name}").format(name=page.name_masked or "—"))
        self.mobile = QLineEdit()
        self.mobile.setObjectName("mobile")
        self.mobile.setPlaceholderText(self.tr("Leave empty to keep {mobile}").format(mobile=page.mobile_masked or "—"))
        self.layout_.addRow(self.tr("Right name"), self.errors.wrap("name", self.name))
        self.layout_.addRow(self.tr("Right mobile"), self.errors.wrap("mobile", self.mobile))
        self.add_reason(self.tr("Required, e.g. mistyped at check-in; kept in the history"))
        self.save_button.setText(self.tr("Correct"))

    def service_call(self) -> ServiceCall:
        ctx, p = self.ctx, self.page
        name, mobile, reason = self.name.text().strip() or None, self.mobile.text().strip() or None, self.reason.text()

        def work():
            from app.reception.customer_changes import correct_customer

            return correct_customer(
                ctx.uow(),
                actor=ctx.actor,
                customer_id=p.id,
                expected_version=p.version,
                name=name,
                mobile=mobile,
                reason=reason,
            )

        return work


class WithdrawConsentDialog(_CustomerForm):
    """PIPL art. 15: the customer takes back the consent; name and mobile are erased."""

    def __init__(self, ctx, page, parent=None) -> None:
        super().__init__(ctx, page, parent)
        self.setObjectName("withdraw_consent_dialog")
        self.setWindowTitle(self.tr("Withdraw consent"))
        warning = QLabel(
            self.tr(
                "The customer's name and mobile are erased now, open leads close as lost and booked "
                "appointments are cancelled. Visits stay in the traffic record, without the name."
            )
        )
        warning.setObjectName("withdraw_warning")
        warning.setWordWrap(True)
        self.layout_.addRow(warning)
        self.add_reason(self.tr("How the customer asked, e.g. by phone (optional, kept in the history)"))
        self.save_button.setText(self.tr("Withdraw and erase"))

    def service_call(self) -> ServiceCall:
        ctx, p, reason = self.ctx, self.page, self.reason.text()

        def work():
            from app.reception.customers import withdraw_consent

            return withdraw_consent(
                ctx.uow(), actor=ctx.actor, customer_id=p.id, expected_version=p.version, reason=reason
            )

        return work


class ReassignCustomerDialog(_CustomerForm):
    """A sales manager gives the customer and their open leads to another consultant."""

    def __init__(self, ctx, page, consultants, parent=None) -> None:
        super().__init__(ctx, page, parent)
        self.setObjectName("reassign_customer_dialog")
        self.setWindowTitle(self.tr("Give the customer to another consultant"))
        self.consultant = QComboBox()
        self.consultant.setObjectName("consultant_id")
        for cid, name in consultants:
            if cid != page.consultant_id:
                self.consultant.addItem(name, cid)
        now_with = QLabel(self.tr("Now with: {name}").format(name=page.consultant_name or self.tr("nobody")))
        self.layout_.addRow(now_with)
        self.layout_.addRow(self.tr("New consultant"), self.errors.wrap("consultant_id", self.consultant))
        self.add_reason(self.tr("Required, e.g. the consultant left; kept in the history"))
        self.save_button.setText(self.tr("Reassign"))

    def service_call(self) -> ServiceCall:
        ctx, p = self.ctx, self.page
        cid, reason = self.consultant.currentData(), self.reason.text()

        def work():
            from app.reception.customer_changes import reassign_customer

            return reassign_customer(
                ctx.uow(),
                actor=ctx.actor,
                customer_id=p.id,
                expected_version=p.version,
                consultant_id=cid,
                reason=reason,
            )

        return work
