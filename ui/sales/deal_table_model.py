"""The deal board's table (issue #18.7): one row per deal, read a page at a time as the user
scrolls (ui/widgets/paged_rows.py keyset paging, issue #18.11)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QT_TRANSLATE_NOOP, Qt

from ui.sales.board_labels import CONTRACT_STATUS, DEAL_STAGE, yuan
from ui.shell.labels import label, local_time
from ui.widgets.paged_rows import PagedRows
from ui.widgets.table_model import DtoTableModel

CTX = "DealTableModel"
DISPLAY = Qt.ItemDataRole.DisplayRole
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
STAGE_COLUMN = 4
MONEY_COLUMNS = (5, 7)


class DealTableModel(DtoTableModel):
    COLUMN_COUNT = 9
    HEADERS = (
        QT_TRANSLATE_NOOP("DealTableModel", "Customer"),
        QT_TRANSLATE_NOOP("DealTableModel", "Car"),
        QT_TRANSLATE_NOOP("DealTableModel", "VIN"),
        QT_TRANSLATE_NOOP("DealTableModel", "Consultant"),
        QT_TRANSLATE_NOOP("DealTableModel", "Stage"),
        QT_TRANSLATE_NOOP("DealTableModel", "Quote total"),
        QT_TRANSLATE_NOOP("DealTableModel", "Contract"),
        QT_TRANSLATE_NOOP("DealTableModel", "Open balance"),
        QT_TRANSLATE_NOOP("DealTableModel", "Since"),
    )

    def data(self, index: QModelIndex, role: int = DISPLAY):
        x = self.item(index)
        if x is None:
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in MONEY_COLUMNS:
            return RIGHT
        if role != DISPLAY:
            return None
        contract = x.contract_number or ""
        if x.contract_status and x.contract_status != "signed":
            contract += f" ({label(CONTRACT_STATUS, x.contract_status)})"
        return (
            x.customer_name_masked or QCoreApplication.translate("DealTableModel", "(anonymised)"),  # PIPL
            " ".join(p for p in (x.brand, x.model, x.trim) if p),
            x.vin or QCoreApplication.translate("DealTableModel", "to order"),
            x.consultant_name,
            label(DEAL_STAGE, x.stage),
            yuan(x.quote_total_fen),
            contract,
            yuan(x.open_fen),
            local_time(x.stage_changed_at),
        )[index.column()]

    def headerData(self, section, orientation, role=DISPLAY):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY and 0 <= section < self.COLUMN_COUNT:
            return QCoreApplication.translate(CTX, self.HEADERS[section])
        return None


class DealPageModel(PagedRows, DealTableModel):
    """The deals, fetched a page at a time (app/sales/board.deal_board)."""
