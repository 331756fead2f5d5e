"""Table models of the reception screens (issue #4): queue board, appointments, roster, leads,
traffic counts. All are DtoTableModel over frozen DTOs; times are shown in store time.
Customers' names and mobiles are shown masked (周**, 138****5678: PIPL, docs/privacy.md) from
the DTOs' `*_masked` forms; searching still matches the whole values in the service."""

from __future__ import annotations

import datetime as dt
from enum import IntEnum

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QT_TRANSLATE_NOOP

from app.core.clock import to_store_time, utcnow
from ui.shell.labels import (
    APPOINTMENT_PURPOSE,
    APPOINTMENT_STATUS,
    DUTY_STATE,
    INTENT_LEVEL,
    LEAD_STATUS,
    LOST_REASON,
    VISIT_TYPE,
    channel_label,
    label,
)
from ui.widgets.table_model import DtoTableModel

DISPLAY = Qt.ItemDataRole.DisplayRole
CTX = "ReceptionModels"


def hhmm(moment: dt.datetime | None) -> str:
    return to_store_time(moment).strftime("%H:%M") if moment else ""


def minutes_text(seconds: int | None) -> str:
    """1234 s -> '20 min'; 4000 s -> '1 h 06 min' (translated units)."""
    if seconds is None:
        return ""
    minutes = seconds // 60
    if minutes < 60:
        return QCoreApplication.translate("ReceptionModels", "{m} min").format(m=minutes)
    return QCoreApplication.translate("ReceptionModels", "{h} h {m:02d} min").format(h=minutes // 60, m=minutes % 60)


def visitor_text(visit) -> str:
    """How a visitor is named on screen: masked name if known (PIPL), else the visit number."""
    who = visit.customer_name_masked or QCoreApplication.translate("ReceptionModels", "Visitor #{id}").format(
        id=visit.id
    )
    if visit.party_size > 1:
        who += QCoreApplication.translate("ReceptionModels", " (party of {n})").format(n=visit.party_size)
    return who


class VisitTableModel(DtoTableModel):
    """One section of the queue board. `now` is set by the page's timer: no SQL per tick."""

    class Col(IntEnum):
        ARRIVAL = 0
        VISITOR = 1
        TYPE = 2
        SOURCE = 3
        MODELS = 4
        CONSULTANT = 5
        WAITING = 6
        DURATION = 7

    COLUMN_COUNT = len(Col)
    HEADERS = (
        QT_TRANSLATE_NOOP("ReceptionModels", "Arrival"),
        QT_TRANSLATE_NOOP("ReceptionModels", "Visitor"),
        QT_TRANSLATE_NOOP("ReceptionModels", "Visit type"),
        QT_TRANSLATE_NOOP("ReceptionModels", "Source"),
        QT_TRANSLATE_NOOP("ReceptionModels", "Interested models"),
        QT_TRANSLATE_NOOP("ReceptionModels", "Consultant"),
        QT_TRANSLATE_NOOP("ReceptionModels", "Waiting"),
        QT_TRANSLATE_NOOP("ReceptionModels", "Duration"),
    )

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.now = utcnow()

    def tick(self, now: dt.datetime) -> None:
        self.now = now
        if self._rows:
            self.dataChanged.emit(
                self.index(0, self.Col.WAITING), self.index(len(self._rows) - 1, self.Col.DURATION), [DISPLAY]
            )

    def data(self, index: QModelIndex, role: int = DISPLAY):  # noqa: D401
        v = self.item(index)
        if v is not None and role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(index, v)
        if v is None or role != DISPLAY:
            return None
        c = self.Col(index.column())
        if c is self.Col.ARRIVAL:
            return hhmm(v.arrival_at)
        if c is self.Col.VISITOR:
            text = visitor_text(v)
            if v.with_children:
                text += QCoreApplication.translate("ReceptionModels", " · with children")
            if v.foreign_visitor:
                text += QCoreApplication.translate("ReceptionModels", " · foreign ({language})").format(
                    language=v.language or "?"
                )
            return text
        if c is self.Col.TYPE:
            return label(VISIT_TYPE, v.visit_type)
        if c is self.Col.SOURCE:
            return channel_label(v.channel_name, v.channel_name_en)
        if c is self.Col.MODELS:
            return ", ".join(m.label for m in v.interested_models)
        if c is self.Col.CONSULTANT:
            return v.consultant_name or QCoreApplication.translate("ReceptionModels", "(waiting for a free consultant)")
        if c is self.Col.WAITING:
            return minutes_text(v.waiting_seconds(self.now))
        if c is self.Col.DURATION:
            return minutes_text(v.duration_seconds(self.now))
        return None

    def _tooltip(self, index: QModelIndex, v) -> str | None:
        """The whole text of the columns that elide; else the override's reason, if any."""
        if index.column() in (self.Col.VISITOR, self.Col.MODELS):
            return self.data(index, DISPLAY)
        if v.override_reason:
            return QCoreApplication.translate("ReceptionModels", "Override: {reason}").format(reason=v.override_reason)
        return None

    def headerData(self, section, orientation, role=DISPLAY):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY and 0 <= section < self.COLUMN_COUNT:
            return QCoreApplication.translate(CTX, self.HEADERS[section])
        return None


class AppointmentTableModel(DtoTableModel):
    COLUMN_COUNT = 5
    HEADERS = (
        QT_TRANSLATE_NOOP("ReceptionModels", "Time"),
        QT_TRANSLATE_NOOP("ReceptionModels", "Customer"),
        QT_TRANSLATE_NOOP("ReceptionModels", "Consultant"),
        QT_TRANSLATE_NOOP("ReceptionModels", "Purpose"),
        QT_TRANSLATE_NOOP("ReceptionModels", "Status"),
    )

    def data(self, index: QModelIndex, role: int = DISPLAY):
        a = self.item(index)
        if a is None or role != DISPLAY:
            return None
        return (
            hhmm(a.scheduled_at),
            " ".join(x for x in (a.customer_name_masked, a.customer_mobile_masked) if x),
            a.consultant_name,
            label(APPOINTMENT_PURPOSE, a.purpose),
            label(APPOINTMENT_STATUS, a.status),
        )[index.column()]

    def headerData(self, section, orientation, role=DISPLAY):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY and 0 <= section < self.COLUMN_COUNT:
            return QCoreApplication.translate(CTX, self.HEADERS[section])
        return None


class DutyTableModel(DtoTableModel):
    COLUMN_COUNT = 4
    HEADERS = (
        QT_TRANSLATE_NOOP("ReceptionModels", "Order"),
        QT_TRANSLATE_NOOP("ReceptionModels", "Consultant"),
        QT_TRANSLATE_NOOP("ReceptionModels", "State"),
        QT_TRANSLATE_NOOP("ReceptionModels", "Visits today"),
    )

    def row_of(self, record_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.consultant_id == record_id), -1)

    def data(self, index: QModelIndex, role: int = DISPLAY):
        d = self.item(index)
        if d is None or role != DISPLAY:
            return None
        return (str(d.rotation_order), d.consultant_name, label(DUTY_STATE, d.state), str(d.visits_today))[
            index.column()
        ]

    def headerData(self, section, orientation, role=DISPLAY):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY and 0 <= section < self.COLUMN_COUNT:
            return QCoreApplication.translate(CTX, self.HEADERS[section])
        return None


class LeadTableModel(DtoTableModel):
    COLUMN_COUNT = 7
    HEADERS = (
        QT_TRANSLATE_NOOP("ReceptionModels", "Customer"),
        QT_TRANSLATE_NOOP("ReceptionModels", "Mobile"),
        QT_TRANSLATE_NOOP("ReceptionModels", "Model"),
        QT_TRANSLATE_NOOP("ReceptionModels", "Consultant"),
        QT_TRANSLATE_NOOP("ReceptionModels", "Status"),
        QT_TRANSLATE_NOOP("ReceptionModels", "Intent level"),
        QT_TRANSLATE_NOOP("ReceptionModels", "Next follow-up"),
    )

    def data(self, index: QModelIndex, role: int = DISPLAY):
        x = self.item(index)
        if x is None or role != DISPLAY:
            return None
        status = label(LEAD_STATUS, x.status)
        if x.status == "lost" and x.lost_reason:
            status += f" ({label(LOST_REASON, x.lost_reason)})"
        return (
            x.customer_name_masked,
            x.customer_mobile_masked,
            f"{x.brand} {x.model}",
            x.consultant_name,
            status,
            label(INTENT_LEVEL, x.intent_level) if x.intent_level else "",
            x.next_follow_up.isoformat() if x.next_follow_up else "",
        )[index.column()]

    def headerData(self, section, orientation, role=DISPLAY):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY and 0 <= section < self.COLUMN_COUNT:
            return QCoreApplication.translate(CTX, self.HEADERS[section])
        return None


class CountTableModel(DtoTableModel):
    """A breakdown of the traffic report: label, visits, people. `key_label` names the key."""

    COLUMN_COUNT = 3

    def __init__(self, first_header: str, key_label=None, parent=None) -> None:
        super().__init__(parent)
        self.first_header = first_header
        self.key_label = key_label or (lambda row: row.label)

    def data(self, index: QModelIndex, role: int = DISPLAY):
        r = self.item(index)
        if r is None:
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != DISPLAY:
            return None
        return (self.key_label(r), r.visits, r.people)[index.column()]

    def headerData(self, section, orientation, role=DISPLAY):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY and 0 <= section < 3:
            return (
                self.first_header,
                QCoreApplication.translate("ReceptionModels", "Visits"),
                QCoreApplication.translate("ReceptionModels", "People"),
            )[section]
        return None
