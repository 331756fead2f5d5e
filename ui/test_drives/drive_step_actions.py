"""Steps 2 to 8 of the guided test drive (ui/test_drives/drive_dialog.py): each page's widgets
(drive_forms.py, step_pages.py) wired to its service, qualification (T/CSCA 120031-2023
4.2.4.2), escort (4.2.4.4), confirmation and check (4.2.4.5, 4.2.4.6), weather (4.2.4.7),
agreement (4.2.4.1), start and return.

A mixin of TestDriveDialog: it uses the dialog's `ctx`, `drive`, `errors`, `_write` (one
save at a time through the operation path), `_args`, `go` and `_show`.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.core.errors import FieldError
from app.core.permissions import Action, can
from ui.shell.errors import field_error_text
from ui.shell.ops import Op
from ui.shell.workers import run_op
from ui.test_drives.drive_forms import DepartureForm, QualificationForm, ReturnForm
from ui.test_drives.step_pages import AgreementForm, EscortForm, StartForm, WeatherForm

SEVERE = {"storm", "heavy_rain", "heavy_snow", "dense_fog"}
# The dialog's steps in the order of 4.2.4 (its list on the left, its pages).
STEPS = ("booking", "qualification", "escort", "departure", "weather", "agreement", "start", "return")


class DriveStepActions:
    """The pages after booking and what their buttons save. Its words are the dialog's (the
    "TestDriveDialog" translation context), whichever class lupdate finds them in."""

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
        f = EscortForm(self.errors)
        f.assign_button.clicked.connect(self.assign_escort)
        self.escort = f.escort
        return f

    def assign_escort(self) -> None:
        ctx, args, escort_id = self.ctx, self._args(), self.escort.currentData()

        def work():
            from app.test_drives.drive_steps import assign_escort

            return assign_escort(ctx.uow(), escort_id=escort_id, **args)

        self._write(work, "departure")

    # --- 4 confirmation and pre-departure check (4.2.4.5, 4.2.4.6) --------------------------------
    def _departure_page(self) -> QWidget:
        self.departure_form = f = DepartureForm(self.errors)
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
        f = WeatherForm(self.errors, manager=can(self.ctx.actor.roles, Action.OVERRIDE_TEST_DRIVE_WEATHER))
        f.save_button.clicked.connect(self.record_weather)
        self.weather, self.override_reason = f.weather, f.override_reason
        return f

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
        self.agreement_form = f = AgreementForm(self.errors)
        f.sign_button.clicked.connect(self.sign_agreement)
        f.preview_button.clicked.connect(self.preview_agreement)
        self.preview_button, self.agreement_state = f.preview_button, f.agreement_state
        return f

    def _show_sign_ready(self, d) -> None:
        """The Sign button only once the steps the agreement depends on are saved (issue #16);
        the line above it names those still missing. The service has the last word
        (sign_agreement asks it before the pads open)."""
        missing = [
            self._titles[STEPS.index(step)]
            for step, saved in (
                ("qualification", d.id_consent and d.qualified),
                ("escort", d.escort_id is not None),
                ("departure", d.confirmed),
            )
            if not saved
        ]
        self.agreement_form.sign_button.setEnabled(not missing)
        text = QCoreApplication.translate("TestDriveDialog", "Save these steps first: {steps}")
        separator = QCoreApplication.translate("TestDriveDialog", ", ", "between the names of steps")
        self.agreement_form.show_blockers([text.format(steps=separator.join(missing))] if missing else [])

    def sign_agreement(self) -> None:
        """Ask the service first whether it would accept the signatures now, off the UI thread
        (issue #16): the pads open only then; otherwise what is missing is shown instead. On the
        operation path, so the dialog is busy meanwhile and a second click is dropped."""
        ctx, args = self.ctx, self._args()

        def work():
            from app.test_drives.drive_steps import agreement_blockers

            return agreement_blockers(ctx.uow(), **args)

        def checked(blockers: list[FieldError]) -> None:
            self.agreement_form.show_blockers([field_error_text(e) for e in blockers])
            if not blockers:
                self._sign_on_pads()

        Op(ctx, self, work).busy(self).on_success(checked).on_failure(
            lambda exc: self.errors.report_failure(
                self, exc, reload=lambda: self._reload(self.drive.id) if self.drive else None
            )
        ).run()

    def _sign_on_pads(self) -> None:
        from app.core.dto import SignatureCapture
        from ui.widgets.signature_dialog import SignatureDialog

        d = self.drive
        captures = []
        # The signing pad names the signer in full: the customer signs the agreement under their
        # own name (a legal form, not a list), so this is the one place it is not masked.
        for name, role in ((d.customer_name, "customer"), (d.escort_name or "", "escort")):
            cap = SignatureDialog.ask(
                self, name, role, document=QCoreApplication.translate("TestDriveDialog", "Test-drive agreement")
            )
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
            dialog = PdfPreviewDialog(pdf, QCoreApplication.translate("TestDriveDialog", "Test-drive agreement"), self)
            dialog.setObjectName("agreement_preview")
            dialog.open()

        run_op(self, work, show)

    # --- 7 start ----------------------------------------------------------------------------------
    def _start_page(self) -> QWidget:
        self.start_key = uuid.uuid4().hex
        f = StartForm()
        f.start_button.clicked.connect(self.start_drive)
        self.blockers, self.start_button = f.blockers, f.start_button
        return f

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
            self.blockers.addItem(QCoreApplication.translate("TestDriveDialog", "Nothing: the drive may start."))

    def start_drive(self) -> None:
        from app.test_drives.drive_steps import DriveBlocked

        # One key per dialog: a double click or a retry starts the drive once (issue #16.2); a
        # refused start writes nothing, so the same key serves the next attempt.
        ctx, args, key = self.ctx, self._args(), self.start_key

        def work():
            from app.test_drives.drive_steps import start_drive

            return start_drive(ctx.uow(), request_key=key, **args)

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
