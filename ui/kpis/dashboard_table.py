"""The per-consultant (or per-brand) table of the dashboard (issue #20.2): one row per group,
a column per KPI in 5.2.1 order. A cell shows the percent ("—" with nothing counted) and is
coloured by its verdict; it sorts by the figure itself, and a group with no figure sorts last."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor

from app.kpis.definitions import KPIS
from app.kpis.dto import GroupBy, GroupFigures
from ui.kpis import dashboard_labels as words
from ui.widgets.table_model import DtoTableModel

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
NO_FIGURE = -1  # below every rate: groups without a figure sort together at one end


def two_lines(title: str) -> str:
    """A long English KPI name over two lines, so eight columns fit beside the trend."""
    if len(title) < 16 or " " not in title:
        return title
    middle = len(title) // 2
    cut = min((i for i, ch in enumerate(title) if ch == " "), key=lambda i: abs(i - middle))
    return title[:cut] + "\n" + title[cut + 1 :]


class GroupTableModel(DtoTableModel[GroupFigures]):
    COLUMN_COUNT = 1 + len(KPIS)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.by = GroupBy.CONSULTANT

    def set_report(self, by: GroupBy, groups) -> None:
        self.by = by
        self.set_rows(list(groups))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMN_COUNT - 1)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return (
                    QCoreApplication.translate("KpiDashboard", "Consultant")
                    if self.by is GroupBy.CONSULTANT
                    else QCoreApplication.translate("KpiDashboard", "Brand")
                )
            return two_lines(f"{KPIS[section - 1].letter}) {words.kpi_name(KPIS[section - 1].code)}")
        if role == Qt.ItemDataRole.ToolTipRole and section > 0:
            return KPIS[section - 1].code
        return None

    def _name(self, row: GroupFigures) -> str:
        """A record with no consultant (or no brand) recorded is its own group, named so."""
        if row.key is None or not row.label:
            if self.by is GroupBy.BRAND:
                return QCoreApplication.translate("KpiDashboard", "(no brand)")
            return QCoreApplication.translate("KpiDashboard", "(no consultant)")
        return row.label

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        row = self.item(index)
        if row is None:
            return None
        col = index.column()
        if col == 0:
            return self._name(row) if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE) else None
        figure = row.figures[col - 1]
        if role == Qt.ItemDataRole.DisplayRole:
            return words.percent(figure.value_bp)
        if role == SORT_ROLE:
            return NO_FIGURE if figure.value_bp is None else figure.value_bp
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{figure.numerator} / {figure.denominator} · {words.verdict_word(figure.verdict)}"
        if role == Qt.ItemDataRole.BackgroundRole and figure.verdict != "none":
            return QColor(words.verdict_tone(figure.verdict)[0])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def group_proxy(model: GroupTableModel) -> QSortFilterProxyModel:
    """Sorted by the figures (not their text) and filtered by the group's name."""
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setSortLocaleAware(True)  # names in the collation of the PC's language (pinyin for zh_CN)
    proxy.setFilterKeyColumn(0)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return proxy
