"""The Customer care page's lists as table models: tasks (overdue ones in red) and recovery cases."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.core.clock import to_store_time
from app.customer_care.api import RecoveryCaseDTO, TaskDTO
from ui.customer_care.labels import RECOVERY_STATUS, TASK_KIND, care_label
from ui.widgets.table_model import DtoTableModel

CTX = "CareModels"
OVERDUE_RED = QColor("#c62828")


def when(value) -> str:
    return to_store_time(value).strftime("%Y-%m-%d %H:%M") if value else ""


def tries_text(t: TaskDTO) -> str:
    """ "2 · again 16:30": the customer was not reached twice, the next try is due then."""
    if not t.attempts:
        return ""
    if t.next_try_at is None:
        return str(t.attempts)
    again = QCoreApplication.translate("CareModels", "again {time}").format(time=when(t.next_try_at)[-5:])
    return f"{t.attempts} · {again}"


class TaskCol(IntEnum):
    DUE, KIND, CUSTOMER, MOBILE, SUBJECT, ASSIGNEE, TRIES = range(7)


TASK_HEADERS = (
    QT_TRANSLATE_NOOP("CareModels", "Due"),
    QT_TRANSLATE_NOOP("CareModels", "Task"),
    QT_TRANSLATE_NOOP("CareModels", "Customer"),
    QT_TRANSLATE_NOOP("CareModels", "Mobile"),
    QT_TRANSLATE_NOOP("CareModels", "About"),
    QT_TRANSLATE_NOOP("CareModels", "Assigned to"),
    QT_TRANSLATE_NOOP("CareModels", "Tries"),
)


class TaskModel(DtoTableModel[TaskDTO]):
    COLUMN_COUNT = len(TaskCol)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(CTX, TASK_HEADERS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        t = self.item(index)
        if t is None:
            return None
        if role == Qt.ItemDataRole.ForegroundRole and t.overdue:
            return OVERDUE_RED
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            TaskCol.DUE: when(t.due_at),
            TaskCol.KIND: care_label(TASK_KIND, t.kind),
            # 周**, 139****5678: enough to recognise the customer on a list (PIPL); the call
            # dialog shows the number to dial.
            TaskCol.CUSTOMER: t.customer_name_masked,
            TaskCol.MOBILE: t.mobile_masked,
            TaskCol.SUBJECT: t.subject,
            TaskCol.ASSIGNEE: t.assignee_name,
            TaskCol.TRIES: tries_text(t),
        }[TaskCol(index.column())]


class CaseCol(IntEnum):
    OPENED, CUSTOMER, STATUS, OWNER, REASON = range(5)


CASE_HEADERS = (
    QT_TRANSLATE_NOOP("CareModels", "Opened"),
    QT_TRANSLATE_NOOP("CareModels", "Customer"),
    QT_TRANSLATE_NOOP("CareModels", "Step"),
    QT_TRANSLATE_NOOP("CareModels", "Owner"),
    QT_TRANSLATE_NOOP("CareModels", "Reason"),
)


class RecoveryModel(DtoTableModel[RecoveryCaseDTO]):
    COLUMN_COUNT = len(CaseCol)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(CTX, CASE_HEADERS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        c = self.item(index)
        if c is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            CaseCol.OPENED: when(c.opened_at),
            CaseCol.CUSTOMER: c.customer_name_masked,
            CaseCol.STATUS: care_label(RECOVERY_STATUS, c.status),
            CaseCol.OWNER: c.owner_name,
            CaseCol.REASON: c.reason,
        }[CaseCol(index.column())]
