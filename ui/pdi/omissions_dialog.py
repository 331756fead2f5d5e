"""The approval step of a PDI checklist that leaves out parts of the standard one (T/CSCA
120031-2023 4.4.1.2 b: no fewer items than the CADA guide; issue #17).

When an edited or imported checklist does not cover every section and item of the default
checklist, the service refuses it and names each part left out. This dialog lists them, one
row each, with the reason (typed here for an edit, as written in the file for an import);
the administrator approves them all with one button, and only then is the checklist
published. The service checks the reasons and the approval again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.core.errors import ValidationFailed

# The service's codes for parts left out: not named yet, or named and awaiting approval.
OMISSION_CODES = frozenset({"pdi_omission_unnamed", "pdi_omission_unapproved"})


def omissions_of(exc: ValidationFailed) -> list[dict] | None:
    """The parts left out, when they are all that stands between the checklist and publishing:
    [{"kind", "omitted", "zh", "en", "powertrains", "reason"}]; else None."""
    if not exc.errors or any(e.code not in OMISSION_CODES for e in exc.errors):
        return None
    return [
        {
            "kind": e.params.get("kind", "item"),
            "omitted": e.params.get("omitted", ""),
            "zh": e.params.get("zh", ""),
            "en": e.params.get("en", ""),
            "powertrains": e.params.get("powertrains", ""),
            "reason": e.params.get("reason", ""),
        }
        for e in exc.errors
    ]


class PdiOmissionsDialog(QDialog):
    """Emits `approved` with the omissions as the checklist stores them
    ([{"item"|"section": id, "reason": text}])."""

    approved = Signal(list)

    def __init__(self, rows: list[dict], *, reasons_editable: bool, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("pdi_omissions_dialog")
        self.rows = rows
        self.setWindowTitle(self.tr("Parts of the standard checklist left out"))
        self.resize(900, 480)
        intro = QLabel(
            self.tr(
                "This checklist leaves out {count} part(s) of the standard PDI checklist. T/CSCA 120031 "
                "4.4.1.2 asks for no fewer items than the CADA guide: give each omission its reason and "
                "approve them, or go back and keep the items."
            ).format(count=len(rows))
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(rows), 3, objectName="pdi_omissions")
        self.table.setHorizontalHeaderLabels([self.tr("No."), self.tr("Standard checklist"), self.tr("Reason")])
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for n, row in enumerate(rows):
            self._fill(n, row, reasons_editable)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.approve_button = self.buttons.addButton(
            self.tr("Approve omissions and publish"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.approve_button.setObjectName("approve_omissions")
        self.buttons.accepted.connect(self._approve)
        self.buttons.rejected.connect(self.reject)
        self.table.itemChanged.connect(lambda _i: self._update())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self._update()

    def _fill(self, n: int, row: dict, reasons_editable: bool) -> None:
        what = row["zh"] if row["en"] == row["zh"] else f"{row['zh']} / {row['en']}"
        if row["kind"] == "section":
            what = self.tr("the whole section: {what}").format(what=what)
        if row["powertrains"]:
            what = self.tr("{what} (for {powertrains})").format(what=what, powertrains=row["powertrains"])
        for col, text in enumerate((row["omitted"], what)):
            cell = QTableWidgetItem(text)
            cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(n, col, cell)
        reason = QTableWidgetItem(row["reason"])
        if not reasons_editable:
            reason.setFlags(reason.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(n, 2, reason)

    def set_reason(self, n: int, text: str) -> None:
        self.table.item(n, 2).setText(text)

    def reasons(self) -> list[str]:
        return [(self.table.item(n, 2).text() or "").strip() for n in range(self.table.rowCount())]

    def _update(self) -> None:
        # Every omission needs its reason before it can be approved (the service checks too).
        self.approve_button.setEnabled(all(self.reasons()))

    def omissions(self) -> list[dict]:
        return [
            {row["kind"]: row["omitted"], "reason": reason}
            for row, reason in zip(self.rows, self.reasons(), strict=True)
        ]

    def _approve(self) -> None:
        self.approved.emit(self.omissions())
        self.accept()
