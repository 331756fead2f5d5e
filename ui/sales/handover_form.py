"""The handover checklist as a form (issue #18.6; T/CSCA 120031 4.4.2, 《汽车销售管理办法》 art. 16,
三包规定 art. 9): what the records still block, the ID shown (masked while not edited), the VIN read
off the car, each document of art. 16 ticked with its number, the gifts and promises, the on-board
items, the explanations and the odometer. Used by handover_dialog.py; it only reads the form into a
HandoverInput, the service decides."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.sales.api import HandoverChecklistDTO, HandoverInput
from ui.shell.errors import field_error_text
from ui.widgets.field_error import ERROR_STYLE, FieldErrors

CTX = "HandoverForm"
DOCUMENTS = {
    "certificate": QT_TRANSLATE_NOOP("HandoverForm", "Certificate of conformity (合格证)"),
    "conformity": QT_TRANSLATE_NOOP("HandoverForm", "Vehicle conformity certificate (一致性证书)"),
    "manual": QT_TRANSLATE_NOOP("HandoverForm", "Owner's manual in Chinese"),
    "warranty_manual": QT_TRANSLATE_NOOP("HandoverForm", "Warranty manual"),
    "sanbao_certificate": QT_TRANSLATE_NOOP("HandoverForm", "三包 warranty certificate"),
    "invoice": QT_TRANSLATE_NOOP("HandoverForm", "Vehicle sales invoice"),
    "import_inspection": QT_TRANSLATE_NOOP("HandoverForm", "Imported vehicle inspection sheet"),
    "import_certificate": QT_TRANSLATE_NOOP("HandoverForm", "Certificate of import"),
}
ONBOARD = {
    "keys": QT_TRANSLATE_NOOP("HandoverForm", "Keys"),
    "spare_wheel_or_kit": QT_TRANSLATE_NOOP("HandoverForm", "Spare wheel or repair kit"),
    "tools": QT_TRANSLATE_NOOP("HandoverForm", "On-board tools"),
    "warning_triangle": QT_TRANSLATE_NOOP("HandoverForm", "Warning triangle"),
    "charging_cable": QT_TRANSLATE_NOOP("HandoverForm", "Charging cable"),
}
EXPLAINED = {
    "operation": QT_TRANSLATE_NOOP("HandoverForm", "Operating the car and its functions"),
    "warranty": QT_TRANSLATE_NOOP("HandoverForm", "Warranty terms and maintenance"),
    "sanbao": QT_TRANSLATE_NOOP("HandoverForm", "三包 and repair-warranty periods, factor n"),
    "repairers": QT_TRANSLATE_NOOP("HandoverForm", "How to find the repairers"),
    "safety": QT_TRANSLATE_NOOP("HandoverForm", "Safety notes"),
}


def _t(table: dict[str, str], code: str) -> str:
    return QCoreApplication.translate(CTX, table[code]) if code in table else code


class HandoverForm(QWidget):
    def __init__(self, checklist: HandoverChecklistDTO, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.errors = errors
        self.checklist = checklist
        self.document_ticks: dict[str, QCheckBox] = {}
        self.document_numbers: dict[str, QLineEdit] = {}
        self.gift_ticks: dict[int, QCheckBox] = {}
        self.onboard_ticks: dict[str, QCheckBox] = {}
        self.explained_ticks: dict[str, QCheckBox] = {}
        self.blockers = QLabel(objectName="blockers")
        self.blockers.setStyleSheet(ERROR_STYLE)
        self.blockers.setWordWrap(True)
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.addWidget(self.blockers)
        inner.addWidget(self._identity_box())
        inner.addWidget(self._documents_box())
        if checklist.gifts:
            inner.addWidget(self._gifts_box())
        inner.addWidget(self._ticks_box(self.tr("On-board items"), "onboard_items", checklist.onboard_items, ONBOARD))
        inner.addWidget(
            self._ticks_box(self.tr("Explained to the customer"), "explanations", checklist.explanations, EXPLAINED)
        )
        inner.addStretch(1)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)
        self.show_blockers(checklist)

    def show_blockers(self, checklist: HandoverChecklistDTO) -> None:
        """What the records still stand against (PDI, balance, invoice...): shown before ticking."""
        self.checklist = checklist
        lines = [field_error_text(b) for b in checklist.blockers]
        self.blockers.setText(
            self.tr("Not ready to hand over yet:") + "\n" + "\n".join(f"• {line}" for line in lines) if lines else ""
        )
        self.blockers.setVisible(bool(lines))

    def _identity_box(self) -> QGroupBox:
        c = self.checklist
        box = QGroupBox(self.tr("Customer and car"))
        form = QFormLayout(box)
        buyer = self.tr("{name} ({id})").format(name=c.buyer_name, id=c.buyer_id_masked)
        if c.agent_name:
            buyer += " · " + self.tr("agent: {name}").format(name=c.agent_name)
        form.addRow(self.tr("Buyer"), QLabel(buyer))
        self.id_number = QLineEdit(objectName="id_number")
        # Masked except while typed: the number is checked against the contract, never shown or kept.
        self.id_number.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        self.id_number.setPlaceholderText(self.tr("Number of the ID shown by the buyer or the agent"))
        form.addRow(self.tr("ID shown"), self.errors.wrap("id_number", self.id_number))
        form.addRow(self.tr("Car"), QLabel(f"{c.car} · {c.vin}"))
        self.vin = QLineEdit(objectName="vin")
        self.vin.setPlaceholderText(self.tr("Read it off the car"))
        form.addRow(self.tr("VIN on the car"), self.errors.wrap("vin", self.vin))
        self.odometer = QSpinBox(objectName="odometer_km")
        self.odometer.setRange(0, 999_999)
        self.odometer.setSuffix(" km")
        form.addRow(
            self.tr("Odometer (at most {max} km)").format(max=c.max_odometer_km),
            self.errors.wrap("odometer_km", self.odometer),
        )
        return box

    def _documents_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Documents handed over (办法 art. 16)"))
        grid = QGridLayout(box)
        grid.setColumnStretch(1, 1)
        for row, doc in enumerate(self.checklist.documents):
            tick = QCheckBox(_t(DOCUMENTS, doc.code), objectName=f"doc_{doc.code}")
            detail: QWidget
            if doc.printed_here:
                tick.setChecked(True)
                tick.setEnabled(False)
                detail = QLabel(self.tr("printed with this handover"))
            elif doc.numbered:
                detail = QLineEdit(doc.number, objectName=f"number_{doc.code}")
                detail.setPlaceholderText(self.tr("Number"))
                self.document_numbers[doc.code] = detail
            else:
                detail = QLabel()
            self.document_ticks[doc.code] = tick
            grid.addWidget(tick, row, 0)
            grid.addWidget(self.errors.wrap(f"documents.{doc.code}", detail), row, 1)
        return box

    def _gifts_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Gifts and promises of the contract"))
        inner = QVBoxLayout()
        for g in self.checklist.gifts:
            text = self.tr("Gift: {item}") if g.kind == "gift" else self.tr("Promise: {item}")
            # One string per kind, so Chinese gets its full-width colon (赠品：…).
            self.gift_ticks[g.line_id] = QCheckBox(text.format(item=g.description), objectName=f"gift_{g.line_id}")
            inner.addWidget(self.gift_ticks[g.line_id])
        holder = QWidget()
        holder.setLayout(inner)
        QVBoxLayout(box).addWidget(self.errors.wrap("gifts", holder))
        return box

    def _ticks_box(self, title: str, field: str, codes, labels: dict[str, str]) -> QGroupBox:
        box = QGroupBox(title)
        ticks = self.onboard_ticks if field == "onboard_items" else self.explained_ticks
        inner = QVBoxLayout()
        for code in codes:
            ticks[code] = QCheckBox(_t(labels, code), objectName=f"{field}_{code}")
            inner.addWidget(ticks[code])
        holder = QWidget()
        holder.setLayout(inner)
        QVBoxLayout(box).addWidget(self.errors.wrap(field, holder))
        return box

    def reveal(self, field: str) -> None:
        widget = self.errors.widget(field)
        if widget is not None:
            self.scroll.ensureWidgetVisible(widget)

    def data(self) -> HandoverInput:
        documents = {
            code: self.document_numbers[code].text() if code in self.document_numbers else ""
            for code, tick in self.document_ticks.items()
            if tick.isChecked()
        }
        return HandoverInput(
            id_number=self.id_number.text(),
            vin=self.vin.text(),
            documents=documents,
            gifts=tuple(i for i, t in self.gift_ticks.items() if t.isChecked()),
            onboard_items=tuple(c for c, t in self.onboard_ticks.items() if t.isChecked()),
            explanations=tuple(c for c, t in self.explained_ticks.items() if t.isChecked()),
            odometer_km=self.odometer.value(),
        )
