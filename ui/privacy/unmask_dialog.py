"""Show one personal number in clear for a stated purpose (issue #9 item 2; PIPL).

Any page that shows a masked ID, passport or licence number can offer this dialog to users
with UNMASK_PERSONAL_DATA:

    UnmaskDialog(ctx, table="test_drive", record_id=d.id, column="id_number",
                 masked=d.id_number_masked, parent=self).open()

The purpose is required and recorded with the unmasking in the audit log (the service does
both: app/privacy/personal_key.unmask; the audit row makes it a write, so it goes through the
one operation path, ui/shell/ops.Op, issue #16.1). The number is shown for SHOW_SECONDS and then masked
again, and never put on the clipboard by the dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from ui.widgets.field_error import FieldErrors
from ui.shell.ops import Op

SHOW_SECONDS = 30


class UnmaskDialog(QDialog):
    def __init__(self, ctx, *, table: str, record_id: int, column: str, masked: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("unmask_dialog")
        self.ctx, self.table, self.record_id, self.column = ctx, table, record_id, column
        self.masked = masked or ""
        self.errors = FieldErrors()
        self.setWindowTitle(self.tr("Show the full number"))
        note = QLabel(self.tr("Seeing the full number is recorded in the audit log with your name and the purpose."))
        note.setWordWrap(True)
        self.number = QLabel(self.masked, objectName="unmasked_number")
        font = self.number.font()
        font.setPointSize(font.pointSize() + 3)
        font.setFamily("monospace")
        self.number.setFont(font)
        self.purpose = QLineEdit(objectName="purpose")
        self.purpose.setPlaceholderText(self.tr("e.g. checking the licence against the original"))
        self.show_button = QPushButton(self.tr("Show"), objectName="show_number")
        self.show_button.clicked.connect(self.reveal)
        self.purpose.returnPressed.connect(self.reveal)
        form = QFormLayout()
        form.addRow(self.tr("Number"), self.number)
        form.addRow(self.tr("Purpose"), self.errors.wrap("purpose", self.purpose))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.show_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SHOW_SECONDS * 1000)
        self.timer.timeout.connect(self.hide_number)

    def reveal(self) -> None:
        ctx, table, record_id, column = self.ctx, self.table, self.record_id, self.column
        purpose = self.purpose.text()

        def work():
            from app.privacy.personal_key import unmask

            return unmask(ctx.uow(), actor=ctx.actor, table=table, record_id=record_id, column=column, purpose=purpose)

        Op(ctx, self, work).busy(self.show_button, self.purpose).on_success(self._shown).on_failure(self._failed).run()

    def _shown(self, value: str) -> None:
        self.errors.clear()
        self.number.setText(value)
        self.timer.start()

    def _failed(self, exc: BaseException) -> None:
        self.errors.report_failure(self, exc)

    def hide_number(self) -> None:
        self.number.setText(self.masked)

    def done(self, result: int) -> None:
        self.hide_number()
        super().done(result)
