"""Table models of the customer's page (issue #17.13): visits, consents, appointments and the
change history, over the frozen DTOs of app/reception/customer_page.py. Values are masked
where personal; times in store time."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, QT_TRANSLATE_NOOP

from ui.shell.labels import APPOINTMENT_STATUS, LOST_REASON, VISIT_OUTCOME, VISIT_TYPE, label, local_time
from ui.widgets.table_model import DtoTableModel

DISPLAY = Qt.ItemDataRole.DisplayRole
CTX = "CustomerModels"

CHANGE_KIND = {
    "name_corrected": QT_TRANSLATE_NOOP("CustomerModels", "Name corrected"),
    "mobile_corrected": QT_TRANSLATE_NOOP("CustomerModels", "Mobile corrected"),
    "consent_withdrawn": QT_TRANSLATE_NOOP("CustomerModels", "Consent withdrawn"),
    "reassigned": QT_TRANSLATE_NOOP("CustomerModels", "Given to another consultant"),
}


APPOINTMENT_CHANGE = {
    "booked": QT_TRANSLATE_NOOP("CustomerModels", "Booked"),
    "rescheduled": QT_TRANSLATE_NOOP("CustomerModels", "Rescheduled"),
    "cancelled": QT_TRANSLATE_NOOP("CustomerModels", "Cancelled"),
    "no_show": QT_TRANSLATE_NOOP("CustomerModels", "No-show"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


class ColumnsModel(DtoTableModel):
    """Rows of DTOs, one function per column: (header, row -> text)."""

    def __init__(self, columns: list[tuple[str, Callable]], parent=None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.COLUMN_COUNT = len(columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY):  # noqa: N802
        if role == DISPLAY and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return _tr(self.columns[section][0])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY):
        row = self.item(index)
        if row is None or role != DISPLAY:
            return None
        return self.columns[index.column()][1](row)


def _change_detail(c) -> str:
    if c.kind == "reassigned":
        return f"{c.from_consultant_name or '—'} → {c.to_consultant_name or '—'}"
    if c.kind in ("name_corrected", "mobile_corrected"):
        if c.old_value_masked is None:
            return _tr(QT_TRANSLATE_NOOP("CustomerModels", "(erased)"))
        return f"{c.old_value_masked} → {c.new_value_masked}"
    return ""


def _cancel_reason(a) -> str:
    # A withdrawal cancels bookings with the code the leads use too.
    return label(LOST_REASON, a.cancel_reason) if a.cancel_reason == "consent_withdrawn" else a.cancel_reason


def visits_model(parent=None) -> ColumnsModel:
    return ColumnsModel(
        [
            (QT_TRANSLATE_NOOP("CustomerModels", "Arrival"), lambda v: local_time(v.arrival_at)),
            (QT_TRANSLATE_NOOP("CustomerModels", "Type"), lambda v: label(VISIT_TYPE, v.visit_type)),
            (QT_TRANSLATE_NOOP("CustomerModels", "Consultant"), lambda v: v.consultant_name or ""),
            (
                QT_TRANSLATE_NOOP("CustomerModels", "Outcome"),
                lambda v: label(VISIT_OUTCOME, v.outcome) if v.outcome else "",
            ),
        ],
        parent,
    )


def consents_model(parent=None) -> ColumnsModel:
    return ColumnsModel(
        [
            (QT_TRANSLATE_NOOP("CustomerModels", "Notice version"), lambda c: c.version_label),
            (QT_TRANSLATE_NOOP("CustomerModels", "Given"), lambda c: local_time(c.given_at)),
            (QT_TRANSLATE_NOOP("CustomerModels", "Withdrawn"), lambda c: local_time(c.withdrawn_at)),
            (QT_TRANSLATE_NOOP("CustomerModels", "Recorded by"), lambda c: c.withdrawn_by_name or ""),
            (QT_TRANSLATE_NOOP("CustomerModels", "Reason"), lambda c: c.withdraw_reason),
        ],
        parent,
    )


def appointments_model(parent=None) -> ColumnsModel:
    return ColumnsModel(
        [
            (QT_TRANSLATE_NOOP("CustomerModels", "Booked for"), lambda a: local_time(a.scheduled_at)),
            (QT_TRANSLATE_NOOP("CustomerModels", "Consultant"), lambda a: a.consultant_name),
            (QT_TRANSLATE_NOOP("CustomerModels", "Status"), lambda a: label(APPOINTMENT_STATUS, a.status)),
            (QT_TRANSLATE_NOOP("CustomerModels", "Reason"), _cancel_reason),
        ],
        parent,
    )


def changes_model(parent=None) -> ColumnsModel:
    return ColumnsModel(
        [
            (QT_TRANSLATE_NOOP("CustomerModels", "When"), lambda c: local_time(c.at)),
            (QT_TRANSLATE_NOOP("CustomerModels", "Change"), lambda c: _tr(CHANGE_KIND.get(c.kind, c.kind))),
            (QT_TRANSLATE_NOOP("CustomerModels", "From → to"), _change_detail),
            (QT_TRANSLATE_NOOP("CustomerModels", "Reason"), _customer_change_reason),
            (QT_TRANSLATE_NOOP("CustomerModels", "By"), lambda c: c.by_name),
        ],
        parent,
    )


def _customer_change_reason(c) -> str:
    # A returning customer's new name given at check-in (app/reception/customer_log.py).
    return _tr(QT_TRANSLATE_NOOP("CustomerModels", "Given at check-in")) if c.reason == "at_check_in" else c.reason


def _moved(c) -> str:
    if c.kind != "rescheduled":
        return ""
    who = (
        ""
        if c.from_consultant_name == c.to_consultant_name
        else f" ({c.from_consultant_name} → {c.to_consultant_name})"
    )
    return f"{local_time(c.from_scheduled_at)} → {local_time(c.to_scheduled_at)}{who}"


def appointment_changes_model(parent=None) -> ColumnsModel:
    return ColumnsModel(
        [
            (QT_TRANSLATE_NOOP("CustomerModels", "When"), lambda c: local_time(c.at)),
            (QT_TRANSLATE_NOOP("CustomerModels", "Change"), lambda c: _tr(APPOINTMENT_CHANGE.get(c.kind, c.kind))),
            (QT_TRANSLATE_NOOP("CustomerModels", "Booked for"), lambda c: local_time(c.to_scheduled_at)),
            (QT_TRANSLATE_NOOP("CustomerModels", "From → to"), _moved),
            (QT_TRANSLATE_NOOP("CustomerModels", "Reason"), _change_reason),
            (QT_TRANSLATE_NOOP("CustomerModels", "By"), lambda c: c.by_name),
        ],
        parent,
    )


def _change_reason(c) -> str:
    return label(LOST_REASON, c.reason) if c.reason == "consent_withdrawn" else c.reason
