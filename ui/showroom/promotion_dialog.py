"""A car's promotion as printed on its card (T/CSCA 120031 4.3.2.1: promotion rules are public
and complete). Saving or removing it makes the car's current card stale until reprinted."""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.field_error import FieldErrors
from ui.shell.ops import Op
from ui.shell.workers import run_op


class PromotionDialog(QDialog):
    saved = Signal()

    def __init__(self, ctx, vehicle_id: int, car_label: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("promotion_dialog")
        self.ctx = ctx
        self.vehicle_id = vehicle_id
        self.current = None  # PromotionRecordDTO once loaded
        self.errors = FieldErrors()
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
        self.valid_until = QDateEdit(QDate.currentDate().addMonths(1), objectName="valid_until")
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
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.remove_button = self.buttons.addButton(
            self.tr("Remove promotion"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.remove_button.setObjectName("remove_promotion")
        self.remove_button.setEnabled(False)
        self.remove_button.clicked.connect(self.remove)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.load()

    def load(self) -> None:
        ctx, vehicle_id = self.ctx, self.vehicle_id

        def work():
            from app.showroom.cards_floor import get_promotion

            return get_promotion(ctx.uow(), actor=ctx.actor, vehicle_id=vehicle_id)

        run_op(self, work, self._loaded)

    def _loaded(self, promotion) -> None:
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

    def save(self) -> None:
        ctx, vehicle_id = self.ctx, self.vehicle_id
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

        Op(self.ctx, self, work).busy(self.buttons).on_success(self._done).on_failure(self._failed).run()

    def remove(self) -> None:
        ctx, vehicle_id = self.ctx, self.vehicle_id

        def work():
            from app.showroom.cards_floor import clear_promotion

            return clear_promotion(ctx.uow(), actor=ctx.actor, vehicle_id=vehicle_id)

        Op(self.ctx, self, work).busy(self.buttons).on_success(self._done).on_failure(self._failed).run()

    def _done(self, _result) -> None:
        self.saved.emit()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.errors.report_failure(self, exc, reload=self.load)
