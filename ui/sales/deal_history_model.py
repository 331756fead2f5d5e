"""The deal page's two lists (issue #18.7): the deal's history, one line per record in time
order (quotes, disclosure, contract and its revisions, money in and out, refunds asked, the
handover, a contract ended), and its archived documents to open, print or reprint."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QModelIndex, QT_TRANSLATE_NOOP, Qt

from ui.sales.board_labels import CONTRACT_STATUS, PAYMENT_KIND, REFUND_STATUS, yuan
from ui.shell.labels import DOC_TYPE, label, local_time
from ui.widgets.table_model import DtoTableModel

CTX = "DealHistory"
DISPLAY = Qt.ItemDataRole.DisplayRole


def _t(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


@dataclass(frozen=True)
class HistoryLine:
    at: dt.datetime
    what: str
    detail: str
    document: str = ""


def _quote_lines(detail) -> list[HistoryLine]:
    d = detail.deal
    car = " ".join(p for p in (d.brand, d.model, d.trim) if p)
    out = [HistoryLine(d.created_at, QCoreApplication.translate("DealHistory", "Deal opened"), car)]
    for q in detail.quotes:
        out.append(
            HistoryLine(
                q.created_at,
                QCoreApplication.translate("DealHistory", "Quote revision {n}").format(n=q.revision),
                yuan(q.total_fen),
            )
        )
        if q.signed_at:
            what = QCoreApplication.translate("DealHistory", "Quote revision {n} signed").format(n=q.revision)
            out.append(HistoryLine(q.signed_at, what, yuan(q.total_fen), q.document_number or ""))
    if detail.disclosure:
        d = detail.disclosure
        text = QCoreApplication.translate("DealHistory", "Items disclosed: {n}").format(n=d.item_count)
        out.append(
            HistoryLine(
                d.signed_at,
                QCoreApplication.translate("DealHistory", "Disclosure signed"),
                text,
                d.document_number or "",
            )
        )
    return out


def _contract_lines(detail) -> list[HistoryLine]:
    out = []
    for c in detail.contracts:
        for r in c.revisions:
            what = (
                QCoreApplication.translate("DealHistory", "Contract signed")
                if r.revision == 1
                else QCoreApplication.translate("DealHistory", "Contract amended (revision {n})").format(n=r.revision)
            )
            out.append(HistoryLine(r.signed_at, what, r.reason or yuan(c.price_fen), c.number))
        if c.ended_at:
            what = QCoreApplication.translate("DealHistory", "Contract {status}").format(
                status=label(CONTRACT_STATUS, c.status)
            )
            out.append(HistoryLine(c.ended_at, what, c.end_reason, c.number))
    for p in detail.payments:
        out.append(HistoryLine(p.received_at, label(PAYMENT_KIND, p.kind), yuan(p.amount_fen), p.receipt_no))
    for r in detail.refunds:
        what = QCoreApplication.translate("DealHistory", "Refund asked ({status})").format(
            status=label(REFUND_STATUS, r.status)
        )
        out.append(HistoryLine(r.requested_at, what, f"{yuan(r.amount_fen)} · {r.reason}"))
    if detail.handover:
        h = detail.handover
        text = QCoreApplication.translate("DealHistory", "Odometer {km} km").format(km=h.odometer_km)
        out.append(
            HistoryLine(
                h.delivered_at,
                QCoreApplication.translate("DealHistory", "Car handed over"),
                text,
                h.document_number or "",
            )
        )
    return out


def history_lines(detail) -> list[HistoryLine]:
    """Every step of the deal, oldest first."""
    return sorted(_quote_lines(detail) + _contract_lines(detail), key=lambda line: line.at)


class HistoryModel(DtoTableModel):
    COLUMN_COUNT = 4
    HEADERS = (
        QT_TRANSLATE_NOOP("DealHistory", "When"),
        QT_TRANSLATE_NOOP("DealHistory", "What"),
        QT_TRANSLATE_NOOP("DealHistory", "Details"),
        QT_TRANSLATE_NOOP("DealHistory", "Document"),
    )

    def data(self, index: QModelIndex, role: int = DISPLAY):
        x = self.item(index)
        if x is None or role != DISPLAY:
            return None
        return (local_time(x.at), x.what, x.detail, x.document)[index.column()]

    def headerData(self, section, orientation, role=DISPLAY):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY and 0 <= section < self.COLUMN_COUNT:
            return _t(self.HEADERS[section])
        return None


class DealDocumentsModel(DtoTableModel):
    COLUMN_COUNT = 5
    HEADERS = (
        QT_TRANSLATE_NOOP("DealHistory", "Document"),
        QT_TRANSLATE_NOOP("DealHistory", "Number"),
        QT_TRANSLATE_NOOP("DealHistory", "Version"),
        QT_TRANSLATE_NOOP("DealHistory", "Issued"),
        QT_TRANSLATE_NOOP("DealHistory", "Status"),
    )

    def data(self, index: QModelIndex, role: int = DISPLAY):
        x = self.item(index)
        if x is None or role != DISPLAY:
            return None
        status = (
            QCoreApplication.translate("DealHistory", "Voided")
            if x.voided
            else QCoreApplication.translate("DealHistory", "Valid")
        )
        return (label(DOC_TYPE, x.doc_type), x.number, str(x.version), local_time(x.issued_at), status)[index.column()]

    def headerData(self, section, orientation, role=DISPLAY):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY and 0 <= section < self.COLUMN_COUNT:
            return _t(self.HEADERS[section])
        return None
