"""A car's promotion as printed on its card (T/CSCA 120031 4.3.2.1: promotion rules are public
and complete). Saving or removing it makes the car's current card stale until reprinted.
A form dialog on ServiceFormDialog (issue #16.1): Save and Remove both go through the one
operation path, and a stale edit's Reload shows the promotion as saved now."""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.widgets.field_error import FieldErrors
from ui.shell.workers import run_op
from ui.widgets.store_dates import store_qdate


class PromotionDialog(ServiceFormDialog):
    saved = Signal()

    def __init__(self, ctx, vehicle_id: int, car_label: str, parent=None) -> None:
        std = QDialogButtonBox.StandardButton
        body = QWidget()
        super().__init__(ctx, body, FieldErrors(), parent, buttons=std.Save | std.Cancel)
        self.setObjectName("promotion_dialog")
        self.vehicle_id = vehicle_id
        self.current = None  # PromotionRecordDTO once loaded
        self._removing = False
        self.setWindowTitle(self.tr("Promotion"))
        self.setMinimumWidth(520)
        intro = QLabel(
            self.tr(
                "Promotion for {car}. It is printed on the car's card with its full "
                "rules; after saving, the card must be reprinted."
            ).format(car=car_label)
        )
        intro.setWordWrap(True)
        self.title = QLineEdit(objectName="title")
        self.title.setPlaceholderText(self.tr("e.g. 限时优惠 8,000 元"))
        self.rules = QPlainTextEdit(objectName="rules")
        self.rules.setFixedHeight(80)
        self.conditions = QPlainTextEdit(objectName="conditions")
        self.conditions.setFixedHeight(60)
        self.has_end = QCheckBox(self.tr("Ends on"))
        self.has_end.setObjectName("has_valid_until")
        self.valid_until = QDateEdit(store_qdate().addMonths(1), objectName="valid_until")
        self.valid_until.setCalendarPopup(True)
        self.valid_until.setDisplayFormat("yyyy-MM-dd")
        self.valid_until.setEnabled(False)
        self.has_end.toggled.connect(self.valid_until.setEnabled)
        end = QWidget()
        end_row = QHBoxLayout(end)
        end_row.setContentsMargins(0, 0, 0, 0)
        end_row.addWidget(self.has_end)
        end_row.addWidget(self.valid_until, 1)
        form = QFormLayout()
        form.addRow(self.tr("Title"), self.errors.wrap("title", self.title))
        form.addRow(self.tr("Rules"), self.errors.wrap("rules", self.rules))
        form.addRow(self.tr("Conditions"), self.errors.wrap("conditions", self.conditions))
        form.addRow(self.tr("Valid until"), end)
        self.remove_button = self.buttons.addButton(
            self.tr("Remove promotion"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.remove_button.setObjectName("remove_promotion")
        self.remove_button.setEnabled(False)
        self.remove_button.clicked.connect(self.remove)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addLayout(form)
        run_op(self, self.reload_call(), self.load)

    def reload_call(self) -> ServiceCall | None:
        ctx, vehicle_id = self.ctx, self.vehicle_id

        def work():
            from app.showroom.cards_floor import get_promotion

            return get_promotion(ctx.uow(), actor=ctx.actor, vehicle_id=vehicle_id)

        return work

    def load(self, promotion) -> None:
        self.current = promotion
        self.remove_button.setEnabled(promotion is not None)
        if promotion is None:
            return
        self.title.setText(promotion.title)
        self.rules.setPlainText(promotion.rules)
        self.conditions.setPlainText(promotion.conditions)
        self.has_end.setChecked(promotion.valid_until is not None)
        if promotion.valid_until:
            self.valid_until.setDate(QDate(promotion.valid_until))

    def service_call(self) -> ServiceCall | None:
        ctx, vehicle_id = self.ctx, self.vehicle_id
        if self._removing:

            def remove():
                from app.showroom.cards_floor import clear_promotion

                return clear_promotion(ctx.uow(), actor=ctx.actor, vehicle_id=vehicle_id)

            return remove
        values = dict(
            title=self.title.text(),
            rules=self.rules.toPlainText(),
            conditions=self.conditions.toPlainText(),
            valid_until=self.valid_until.date().toPython() if self.has_end.isChecked() else None,
            expected_version=self.current.version if self.current else None,
        )

        def work():
            from app.showroom.cards_floor import set_promotion

            return set_promotion(ctx.uow(), actor=ctx.actor, vehicle_id=vehicle_id, **values)

        return work

    def remove(self) -> None:
        """Remove the promotion: the same save path, with the removal as its call."""
        self._removing = True
        try:
            self.save()
        finally:
            self._removing = False

    def done_saving(self, _result) -> None:
        self.saved.emit()
        self.accept()
