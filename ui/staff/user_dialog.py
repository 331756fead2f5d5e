"""Create a staff account: name, username, roles, password and qualifications.

A form dialog on ServiceFormDialog (issue #16.1): saved through the one operation path, busy
until the answer is back (a double click makes one account), each refusal beside its field."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QCheckBox, QDateEdit, QDialogButtonBox, QFormLayout, QGridLayout, QLineEdit, QWidget

from db.models import Role
from ui.shell.labels import role_label
from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.widgets.field_error import FieldErrors
from ui.widgets.store_dates import store_qdate


class _OptionalDate(QWidget):
    """A date that may be left empty (a checkbox enables it)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.check = QCheckBox()
        self.check.setObjectName(f"{name}_set")
        self.edit = QDateEdit(store_qdate())
        self.edit.setObjectName(name)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check, 0, 0)
        layout.addWidget(self.edit, 0, 1)
        layout.setColumnStretch(1, 1)

    def value(self) -> dt.date | None:
        return self.edit.date().toPython() if self.check.isChecked() else None


class UserDialog(ServiceFormDialog):
    def __init__(self, ctx, parent=None) -> None:
        std = QDialogButtonBox.StandardButton
        body = QWidget()
        super().__init__(ctx, body, FieldErrors(), parent, buttons=std.Ok | std.Cancel)
        self.setObjectName("user_dialog")
        self.setWindowTitle(self.tr("New staff account"))
        self.full_name = QLineEdit(objectName="full_name")
        self.username = QLineEdit(objectName="username")
        self.staff_no = QLineEdit(objectName="staff_no")
        self.password = QLineEdit(objectName="password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.role_boxes: dict[Role, QCheckBox] = {}
        roles = QWidget()
        grid = QGridLayout(roles)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, role in enumerate(Role):
            box = QCheckBox(role_label(role.value))
            box.setObjectName(f"role_{role.value}")
            self.role_boxes[role] = box
            grid.addWidget(box, i // 3, i % 3)
        self.licence = _OptionalDate("licence_first_issued")
        self.pdi_cert = QLineEdit(objectName="pdi_certificate_no")
        self.pdi_expiry = _OptionalDate("pdi_certificate_expiry")

        form = QFormLayout(body)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Full name"), self.errors.wrap("full_name", self.full_name))
        form.addRow(self.tr("Username"), self.errors.wrap("username", self.username))
        form.addRow(self.tr("Staff number"), self.errors.wrap("staff_no", self.staff_no))
        form.addRow(self.tr("Initial password"), self.errors.wrap("password", self.password))
        form.addRow(self.tr("Roles"), self.errors.wrap("roles", roles))
        form.addRow(self.tr("Driving licence first issued"), self.licence)
        form.addRow(self.tr("PDI certificate number"), self.errors.wrap("pdi_certificate_no", self.pdi_cert))
        form.addRow(self.tr("PDI certificate expiry"), self.pdi_expiry)

    def service_call(self) -> ServiceCall | None:
        roles = [r.value for r, box in self.role_boxes.items() if box.isChecked()]
        ctx = self.ctx
        values = dict(
            username=self.username.text(),
            full_name=self.full_name.text(),
            password=self.password.text(),
            roles=roles,
            staff_no=self.staff_no.text(),
            licence_first_issued=self.licence.value(),
            pdi_certificate_no=self.pdi_cert.text().strip() or None,
            pdi_certificate_expiry=self.pdi_expiry.value(),
        )

        def work():
            from app.staff.auth import create_user

            return create_user(ctx.uow(), actor=ctx.actor, **values)

        return work
