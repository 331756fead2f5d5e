"""The customer acknowledges an assembly repair disclosed to them (总成维修告知, issue #7;
T/CSCA 120031-2023 4.4.1.4): the customer's name under the sentence they confirm. A form dialog
on ServiceFormDialog (issue #16.1): the name's message beside it, the form disabled while the
acknowledgement is saved (a double click records it once), and a repair changed on another
terminal meanwhile opens the conflict box, whose Reload takes the repair as saved now."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.core.errors import NotFound
from app.pdi.dto import PdiInspectionDTO
from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.widgets.field_error import FieldErrors


class AcknowledgeRepairDialog(ServiceFormDialog):
    # `saved` (from the base): the inspection DTO after the acknowledgement was recorded.

    def __init__(self, ctx, inspection: PdiInspectionDTO, repair, parent=None) -> None:
        std = QDialogButtonBox.StandardButton
        body = QWidget()
        super().__init__(ctx, body, FieldErrors(), parent, buttons=std.Ok | std.Cancel)
        self.setObjectName("pdi_acknowledge_dialog")
        self.inspection, self.repair = inspection, repair
        self.setWindowTitle(self.tr("Assembly repair disclosed"))
        text = QLabel(
            self.tr("The customer has read the repair of the assembly and acknowledges it.\nCustomer's name:")
        )
        text.setWordWrap(True)
        self.customer_name = QLineEdit(objectName="customer_name")
        self.customer_name.setText(inspection.customer_name)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(text)
        layout.addWidget(self.errors.wrap("customer_name", self.customer_name))
        self.setMinimumWidth(360)

    def service_call(self) -> ServiceCall | None:
        ctx, inspection_id = self.ctx, self.inspection.id
        repair_id, version, name = self.repair.id, self.repair.version, self.customer_name.text()

        def work():
            from app.pdi.inspections import acknowledge_disclosure
            from app.pdi.queries import get_inspection

            acknowledge_disclosure(
                ctx.uow(), actor=ctx.actor, rectification_id=repair_id, expected_version=version, customer_name=name
            )
            return get_inspection(ctx.uow(), actor=ctx.actor, inspection_id=inspection_id)

        return work

    def reload_call(self) -> ServiceCall | None:
        ctx, inspection_id = self.ctx, self.inspection.id

        def work():
            from app.pdi.queries import get_inspection

            return get_inspection(ctx.uow(), actor=ctx.actor, inspection_id=inspection_id)

        return work

    def load(self, inspection: PdiInspectionDTO) -> None:
        # The name stays (it is what the customer gave); the next OK acknowledges the repair
        # as saved now, or says it already was.
        repair = next((r for r in inspection.rectifications if r.id == self.repair.id), None)
        if repair is None:
            raise NotFound(what="pdi_rectification", id=self.repair.id)
        self.inspection, self.repair = inspection, repair
