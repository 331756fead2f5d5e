"""The head of the PDI inspection dialog (issue #7; T/CSCA 120031-2023 4.4.1.2–4.4.1.4): the
car, the checklist version, the technician with the certificate number (4.4.1.3), progress,
and what still stands between the inspection and a pass."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel

from app.pdi.dto import PdiInspectionDTO
from ui.pdi.labels import INSPECTION_STATUS
from ui.pdi.models import chinese_ui
from ui.shell.labels import POWERTRAIN, label


class PdiInspectionHeader(QObject):
    """Two labels the dialog lays out: `header` (the car and checklist) and `blockers`."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.header = QLabel(objectName="pdi_header")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.blockers = QLabel(objectName="pdi_blockers")
        self.blockers.setWordWrap(True)
        self.blockers.setStyleSheet("color: #8a1c1c;")

    def show_inspection(self, ins: PdiInspectionDTO) -> None:
        self.header.setText(
            self.tr(
                "{brand} {model} · {vin} · {powertrain}\nChecklist: {title} v{version}{old} · "
                "Technician: {technician} ({certificate}) · {status} · {done}/{total} items"
            ).format(
                brand=ins.brand,
                model=ins.model,
                vin=ins.vin,
                powertrain=label(POWERTRAIN, ins.powertrain),
                title=ins.template_title_zh if chinese_ui() else ins.template_title_en,
                version=ins.template_version,
                old="" if ins.template_current else self.tr(" (replaced since)"),
                technician=ins.technician_name,
                certificate=ins.certificate_no,
                status=label(INSPECTION_STATUS, ins.status),
                done=ins.done,
                total=len(ins.items),
            )
        )
        parts = self._blocker_lines(ins)
        self.blockers.setText("\n".join(parts))
        self.blockers.setVisible(bool(parts))

    def _blocker_lines(self, ins: PdiInspectionDTO) -> list[str]:
        parts = []
        if ins.blockers.get("not_ok"):
            parts.append(self.tr("Not OK: {items}").format(items=", ".join(ins.blockers["not_ok"])))
        if ins.blockers.get("unacknowledged"):
            parts.append(
                self.tr("Assembly repairs awaiting the customer's acknowledgement: {items}").format(
                    items=", ".join(ins.blockers["unacknowledged"])
                )
            )
        if ins.report_number and ins.report_voided:
            parts.append(
                self.tr("Report {number} was voided: sign the report again before delivery.").format(
                    number=ins.report_number
                )
            )
        elif ins.report_number:
            parts.append(self.tr("Report {number} signed and archived.").format(number=ins.report_number))
        return parts
