"""The store's charging-pile installation offer printed on every NEV card (T/CSCA 120031
4.1.3.5: NEV sellers publish the installation service and its fee). Changing it makes the
current NEV cards stale until reprinted. A form dialog on ServiceFormDialog (issue #16.1); a
stale edit's Reload shows the offer as saved now."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.validation import parse_yuan_to_fen
from app.core.errors import FieldError, ValidationFailed
from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.widgets.field_error import FieldErrors
from ui.shell.workers import run_op


class ChargingPileDialog(ServiceFormDialog):
    saved = Signal()

    def __init__(self, ctx, parent=None) -> None:
        std = QDialogButtonBox.StandardButton
        body = QWidget()
        super().__init__(ctx, body, FieldErrors(), parent, buttons=std.Save | std.Cancel)
        self.setObjectName("charging_pile_dialog")
        self.loaded_version: int | None = None
        self.setWindowTitle(self.tr("Charging-pile offer"))
        self.setMinimumWidth(520)
        intro = QLabel(
            self.tr("Printed on every new-energy vehicle's card. After saving, the NEV cards must be reprinted.")
        )
        intro.setWordWrap(True)
        self.service = QPlainTextEdit(objectName="service")
        self.service.setFixedHeight(70)
        self.service.setPlaceholderText(self.tr("e.g. 购车赠送 7kW 家用充电桩及基础安装（30 米线内）"))
        self.included = QCheckBox(self.tr("Included in the selling price"))
        self.included.setObjectName("included")
        self.fee = QLineEdit("0", objectName="fee_yuan")
        self.fee.setToolTip(self.tr("0 means free of charge."))
        self.included.toggled.connect(lambda on: self.fee.setEnabled(not on))
        form = QFormLayout()
        form.addRow(self.tr("Service"), self.errors.wrap("service", self.service))
        form.addRow("", self.included)
        form.addRow(self.tr("Fee (yuan)"), self.errors.wrap("fee_yuan", self.fee))
        self.errors.alias("fee_fen", "fee_yuan")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addLayout(form)
        run_op(self, self.reload_call(), self.load)

    def reload_call(self) -> ServiceCall | None:
        ctx = self.ctx

        def work():
            from app.showroom.cards_floor import get_charging_pile_offer

            return get_charging_pile_offer(ctx.uow(), actor=ctx.actor)

        return work

    def load(self, offer) -> None:
        if offer is None:
            return
        self.loaded_version = offer.version  # another terminal's later save is a conflict
        self.service.setPlainText(offer.service)
        self.included.setChecked(offer.included)
        self.fee.setText(str(offer.fee_fen // 100) if offer.fee_fen % 100 == 0 else f"{offer.fee_fen / 100:.2f}")

    def service_call(self) -> ServiceCall | None:
        problems: list[FieldError] = []
        fee_fen = 0
        if not self.included.isChecked():
            try:
                fee_fen = parse_yuan_to_fen(self.fee.text() or "0", "fee_yuan")
            except ValidationFailed as exc:
                problems += exc.errors
        if not self.service.toPlainText().strip():
            problems.append(FieldError("service", "required"))
        if problems:  # every bad field at once, nothing sent
            self.errors.show(problems)
            return None
        ctx = self.ctx
        values = dict(
            service=self.service.toPlainText(),
            fee_fen=fee_fen,
            included=self.included.isChecked(),
            expected_version=self.loaded_version,
        )

        def work():
            from app.showroom.cards_floor import set_charging_pile_offer

            return set_charging_pile_offer(ctx.uow(), actor=ctx.actor, **values)

        return work

    def done_saving(self, _offer) -> None:
        self.saved.emit()
        self.accept()
