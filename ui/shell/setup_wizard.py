"""First-run wizard: creates the store (printed on every document) and the first administrator.

The service validates and writes both in one transaction, through the one operation path
(ui/shell/ops.Op, issue #16.1: Finish stays disabled until the answer is back, so a double
click sets up one store); errors come back beside the fields, and the wizard returns to the
page that holds the first bad field.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWizard, QWizardPage

from app.core.errors import FieldError, ValidationFailed
from ui.shell.errors import show_error
from ui.widgets.field_error import FieldErrors
from ui.shell.ops import Op


class SetupWizard(QWizard):
    setup_done = Signal(object)  # Actor of the new admin

    def __init__(self, database, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("setup_wizard")
        self.database = database
        self.errors = FieldErrors()
        self._done = False
        self.setWindowTitle(self.tr("Set up Showroom"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumSize(640, 480)
        self.fields: dict[str, QLineEdit] = {}
        self.store_page = self._store_page()
        self.admin_page = self._admin_page()
        self.addPage(self.store_page)
        self.addPage(self.admin_page)

    def _line(self, name: str, *, password: bool = False, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        if password:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.fields[name] = edit
        return edit

    def _store_page(self) -> QWizardPage:
        page = QWizardPage()
        page.setTitle(self.tr("Your store"))
        page.setSubTitle(self.tr("These details are printed on every document and vehicle card."))
        form = QFormLayout(page)
        for name, label, hint in (
            ("legal_name", self.tr("Legal name"), self.tr("e.g. 上海浦江汽车销售服务有限公司")),
            ("address", self.tr("Address"), ""),
            ("sales_hotline", self.tr("Sales hotline"), "021-64000000"),
            ("complaint_phone", self.tr("Complaint phone"), "021-64000001"),
            ("website", self.tr("Website (optional)"), "https://"),
        ):
            form.addRow(label, self.errors.wrap(name, self._line(name, placeholder=hint)))
        return page

    def _admin_page(self) -> QWizardPage:
        page = QWizardPage()
        page.setTitle(self.tr("First administrator"))
        page.setSubTitle(self.tr("The administrator creates the other staff accounts."))
        form = QFormLayout(page)
        form.addRow(self.tr("Username"), self.errors.wrap("admin_username", self._line("admin_username")))
        form.addRow(self.tr("Full name"), self.errors.wrap("admin_full_name", self._line("admin_full_name")))
        form.addRow(
            self.tr("Password"), self.errors.wrap("admin_password", self._line("admin_password", password=True))
        )
        form.addRow(
            self.tr("Repeat password"),
            self.errors.wrap("admin_password2", self._line("admin_password2", password=True)),
        )
        hint = QLabel(self.tr("At least 8 characters."))
        hint.setStyleSheet("color: #666;")
        form.addRow("", hint)
        return page

    def _values(self) -> dict[str, str]:
        return {name: edit.text() for name, edit in self.fields.items()}

    def validateCurrentPage(self) -> bool:  # noqa: N802 - Qt override
        if self.currentPage() is self.store_page:
            from app.store.store import validate_store_fields

            v = self._values()
            errors = validate_store_fields(
                legal_name=v["legal_name"],
                address=v["address"],
                sales_hotline=v["sales_hotline"],
                complaint_phone=v["complaint_phone"],
                website=v["website"],
            )
            self.errors.show(errors)
            return not errors
        if self._done:
            return True
        self._submit()
        return False

    def _submit(self) -> None:
        v = self._values()
        if v["admin_password"] != v["admin_password2"]:
            self.errors.show([FieldError("admin_password2", "password_mismatch")])
            return
        self.errors.clear()
        database = self.database

        def work():
            from app.documents.certificates import ensure_store_certificate
            from app.store.store import set_up_store

            admin = set_up_store(
                database.uow(),
                legal_name=v["legal_name"],
                address=v["address"],
                sales_hotline=v["sales_hotline"],
                complaint_phone=v["complaint_phone"],
                website=v["website"],
                admin_username=v["admin_username"],
                admin_full_name=v["admin_full_name"],
                admin_password=v["admin_password"],
            )
            # The store's self-signed document certificate, with the store name in its subject.
            ensure_store_certificate(database.uow(), actor=admin)
            return admin

        wb = QWizard.WizardButton
        # No session yet: the new admin's context is made by the shell from the result.
        Op(None, self, work).busy(
            self.button(wb.FinishButton), self.button(wb.BackButton), self.currentPage()
        ).on_success(self._succeeded).on_failure(self._failed).run()

    def _succeeded(self, actor) -> None:
        self._done = True
        self.setup_done.emit(actor)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationFailed):
            unplaced = self.errors.show(exc)
            store_fields = {"legal_name", "address", "sales_hotline", "complaint_phone", "website"}
            if any(e.field in store_fields for e in exc.errors):
                self.restart()
                self.errors.show(exc)
            if unplaced:
                show_error(self, exc)
        else:
            show_error(self, exc)
