"""The store's discount approval threshold (issue #18.1, T/CSCA 120031 4.3.2.1): a discount on a
quote above it needs a sales manager's approval with a reason. Version-checked against another
manager's change (app.sales.price_threshold.set_discount_threshold)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from app.core.errors import ValidationFailed
from app.core.validation import parse_yuan_to_fen
from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.widgets.field_error import FieldErrors


class DiscountThresholdDialog(ServiceFormDialog):
    def __init__(self, ctx, setting, parent=None) -> None:
        body = QWidget()
        super().__init__(ctx, body, FieldErrors(), parent)
        self.setObjectName("discount_threshold_dialog")
        self.setWindowTitle(self.tr("Discount approval threshold"))
        self.setMinimumWidth(420)
        self.setting = setting
        self.amount = QLineEdit(objectName="threshold_yuan")
        self.errors.alias("discount_approval_fen", "threshold_yuan")
        intro = QLabel(self.tr("A discount on a quote above this amount needs a sales manager's approval."))
        intro.setWordWrap(True)
        form = QFormLayout(body)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(intro)
        form.addRow(self.tr("Threshold (yuan)"), self.errors.wrap("threshold_yuan", self.amount))
        self.load(setting)

    def load(self, setting) -> None:
        self.setting = setting
        whole, rest = divmod(setting.discount_approval_fen, 100)
        self.amount.setText(f"{whole}.{rest:02d}" if rest else str(whole))

    def service_call(self) -> ServiceCall | None:
        try:
            fen = parse_yuan_to_fen(self.amount.text(), "threshold_yuan")
        except ValidationFailed as exc:
            self.errors.show(exc)
            return None
        ctx, version = self.ctx, self.setting.version

        def work():
            from app.sales.price_threshold import set_discount_threshold

            return set_discount_threshold(
                ctx.uow(), actor=ctx.actor, expected_version=version, discount_approval_fen=fen
            )

        return work

    def reload_call(self) -> ServiceCall:
        ctx = self.ctx

        def work():
            from app.sales.price_threshold import discount_threshold

            return discount_threshold(ctx.uow(), actor=ctx.actor)

        return work
