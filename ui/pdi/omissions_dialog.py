"""The approval step of a PDI checklist that leaves out parts of the standard one (T/CSCA
120031-2023 4.4.1.2 b: no fewer items than the CADA guide; issue #17).

When an edited or imported checklist does not cover every section and item of the default
checklist, the service refuses it and names each part left out. This dialog lists them, one
row each, with the reason (typed here for an edit, as written in the file for an import);
the administrator approves them all with one button, and only then is the checklist
published. The service checks the reasons and the approval again.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableView, QVBoxLayout

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


class OmissionsModel(QAbstractTableModel):
    """One row per part left out: its number, what it is in the standard checklist, and the
    reason (editable when the administrator gives it here, read-only as written in a file)."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("PdiOmissionsDialog", "No."),
        QT_TRANSLATE_NOOP("PdiOmissionsDialog", "Standard checklist"),
        QT_TRANSLATE_NOOP("PdiOmissionsDialog", "Reason"),
    )

    def __init__(self, rows: list[dict], reasons_editable: bool, parent=None) -> None:
        super().__init__(parent)
        self.rows = rows
        self.editable = reasons_editable
        self.reasons = [row["reason"] or "" for row in rows]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("PdiOmissionsDialog", self.COLUMNS[section])
        return None

    def _what(self, row: dict) -> str:
        what = row["zh"] if row["en"] == row["zh"] else f"{row['zh']} / {row['en']}"
        if row["kind"] == "section":
            what = QCoreApplication.translate("PdiOmissionsDialog", "the whole section: {what}").format(what=what)
        if row["powertrains"]:
            what = QCoreApplication.translate("PdiOmissionsDialog", "{what} (for {powertrains})").format(
                what=what, powertrains=row["powertrains"]
            )
        return what

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        row = self.rows[index.row()]
        return (row["omitted"], self._what(row), self.reasons[index.row()])[index.column()]

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if self.editable and index.column() == 2 else base

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not (index.isValid() and index.column() == 2 and self.editable and role == Qt.ItemDataRole.EditRole):
            return False
        self.reasons[index.row()] = str(value or "")
        self.dataChanged.emit(index, index)
        return True


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
        self.model = OmissionsModel(rows, reasons_editable, self)
        self.table = QTableView(objectName="pdi_omissions")
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.approve_button = self.buttons.addButton(
            self.tr("Approve omissions and publish"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.approve_button.setObjectName("approve_omissions")
        self.buttons.accepted.connect(self._approve)
        self.buttons.rejected.connect(self.reject)
        self.model.dataChanged.connect(lambda *_: self._update())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self._update()

    def set_reason(self, n: int, text: str) -> None:
        self.model.setData(self.model.index(n, 2), text)

    def reasons(self) -> list[str]:
        return [reason.strip() for reason in self.model.reasons]

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
