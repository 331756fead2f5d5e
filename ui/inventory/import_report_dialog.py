"""What an inventory import did: counts, and every rejected row with its reasons.

Rejected rows are listed by spreadsheet row number and VIN, with each reason as
"<column label>: <message>", so the user can fix the file in Excel and import it again.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import FieldError
from app.inventory.vehicles import TRANSITIONS
from db.models import VehicleStatus
from ui.shell.errors import field_error_text
from ui.shell.labels import field_label, status_label


class RejectionColumn(IntEnum):
    ROW = 0
    VIN = 1
    REASONS = 2


def reason_text(error: FieldError) -> str:
    if error.code == "status_transition" and {"from", "to"} <= error.params.keys():
        return _refused_move_text(error.params["from"], error.params["to"])
    return f"{field_label(error.field)}: {field_error_text(error)}"


def _refused_move_text(current: str, target: str) -> str:
    """Issue #17.5: a status the file asks for but "Change status" would refuse, with the moves
    that are allowed from where the car is."""
    allowed = sorted(TRANSITIONS.get(VehicleStatus(current), ()), key=list(VehicleStatus).index)
    text = QCoreApplication.translate(
        "ImportReportDialog",
        "Status: a car cannot move from “{current}” to “{target}”; from “{current}” it may go to: {allowed}.",
    ).format(
        current=status_label(current),
        target=status_label(target),
        allowed=", ".join(status_label(s.value) for s in allowed) or "—",
    )
    return text


class RejectionTableModel(QAbstractTableModel):
    """One line per reason of an ImportReport.rejected (RowRejection: row, vin, errors).

    A row with three problems gives three lines; the row number and VIN are shown on the first
    only, so lines group visibly and every line stays one text line high (no wrapping)."""

    def __init__(self, rejections: list | None = None, parent=None) -> None:
        super().__init__(parent)
        self._lines: list[tuple[Any, FieldError | None, bool]] = []
        self.set_rows(rejections or [])

    def set_rows(self, rejections: list) -> None:
        self.beginResetModel()
        self._lines = []
        for r in rejections:
            errors = list(r.errors) or [None]
            self._lines += [(r, e, i == 0) for i, e in enumerate(errors)]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(RejectionColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if not 0 <= section < len(RejectionColumn):
            return None
        return (self.tr("Row"), self.tr("VIN"), self.tr("Reason"))[section]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        r, error, first = self._lines[index.row()]
        col = RejectionColumn(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == RejectionColumn.ROW:
                return str(r.row) if first else ""
            if col == RejectionColumn.VIN:
                return (r.vin or "") if first else ""
            return reason_text(error) if error else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if col == RejectionColumn.ROW else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return r
        return None


class ImportReportDialog(QDialog):
    def __init__(self, report: Any, file_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("import_report_dialog")
        self.setWindowTitle(self.tr("Import report"))
        self.report = report
        layout = QVBoxLayout(self)
        rejected = len(report.rejected)
        layout.addWidget(self._headline(report, file_name))
        layout.addLayout(self._summary(report))
        layout.addWidget(self._rejections_table(report), 1)
        warnings = [self._warning_text(w) for w in getattr(report, "warnings", []) or []]
        self.warnings = QPlainTextEdit("\n".join(warnings))
        self.warnings.setObjectName("warnings")
        self.warnings.setReadOnly(True)
        self.warnings.setMaximumHeight(64)
        warnings_label = QLabel(self.tr("Warnings"))
        for w in (warnings_label, self.warnings):
            w.setVisible(bool(warnings))
            layout.addWidget(w)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(880, 480 if rejected else 260)

    def _headline(self, report: Any, file_name: str) -> QLabel:
        rejected = len(report.rejected)
        if rejected:
            headline = self.tr(
                "{rejected} of {total} rows were not imported. Correct them in the "
                "file and import it again: rows already imported are recognised "
                "by their VIN."
            ).format(rejected=rejected, total=report.total_rows)
        else:
            headline = self.tr("All {total} rows were read without errors.").format(total=report.total_rows)
        if file_name:
            headline = f"{file_name}\n{headline}"
        self.headline = QLabel(headline)
        self.headline.setObjectName("headline")
        self.headline.setWordWrap(True)
        return self.headline

    def _summary(self, report: Any) -> QFormLayout:
        rejected = len(report.rejected)
        summary = QFormLayout()
        self.counts: dict[str, QLabel] = {}
        for key, text in (
            ("created", self.tr("New vehicles")),
            ("updated", self.tr("Updated")),
            ("unchanged", self.tr("Unchanged")),
            ("rejected", self.tr("Rejected")),
        ):
            value = QLabel(str(rejected if key == "rejected" else getattr(report, key)))
            value.setObjectName(f"count_{key}")
            self.counts[key] = value
            summary.addRow(text, value)
        return summary

    def _rejections_table(self, report: Any) -> QTableView:
        rejected = len(report.rejected)
        self.model = RejectionTableModel(report.rejected, self)
        self.table = QTableView()
        self.table.setObjectName("rejections")
        self.table.setModel(self.model)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(RejectionColumn.ROW, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(RejectionColumn.VIN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(RejectionColumn.REASONS, QHeaderView.ResizeMode.Stretch)
        self.table.setVisible(rejected > 0)
        return self.table

    def _warning_text(self, code: str) -> str:
        """app.inventory.vehicle_io reports file-level warnings as codes."""
        if code == "unknown_columns":
            columns = ", ".join(getattr(self.report, "ignored_columns", []) or [])
            return self.tr("These columns are not known and were ignored: {columns}").format(columns=columns)
        if code == "no_data_rows":
            return self.tr("The file has a header row but no vehicles.")
        return str(code)
