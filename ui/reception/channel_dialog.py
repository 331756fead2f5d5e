"""Add or edit a visitor source channel (来源渠道, issue #4). The code is fixed once created:
reports key on it; a channel no longer used is deactivated, never deleted."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

from app.reception.dto import ChannelDTO
from ui.widgets.field_error import FieldErrors
from ui.shell.ops import Op


class ChannelDialog(QDialog):
    saved = Signal(object)  # ChannelDTO
    reload_requested = Signal()

    def __init__(self, ctx, channel: ChannelDTO | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("channel_dialog")
        self.ctx = ctx
        self.channel = channel
        self.errors = FieldErrors()
        self.setWindowTitle(self.tr("Edit source channel") if channel else self.tr("New source channel"))
        self.code = QLineEdit(objectName="code")
        self.code.setPlaceholderText(self.tr("e.g. auto_show"))
        self.name = QLineEdit(objectName="name")
        self.name_en = QLineEdit(objectName="name_en")
        self.sort_order = QSpinBox(objectName="sort_order")
        self.sort_order.setRange(0, 100_000)
        self.sort_order.setSingleStep(10)
        self.active = QCheckBox(self.tr("Offered at check-in"), objectName="active")
        self.active.setChecked(True)

        form = QFormLayout()
        form.addRow(self.tr("Code"), self.errors.wrap("code", self.code))
        form.addRow(self.tr("Chinese name"), self.errors.wrap("name", self.name))
        form.addRow(self.tr("English name"), self.errors.wrap("name_en", self.name_en))
        form.addRow(self.tr("Order"), self.errors.wrap("sort_order", self.sort_order))
        if channel is None:
            hint = QLabel(
                self.tr(
                    "Lower-case letters, digits and underscores. The code cannot be "
                    "changed later: reports are keyed on it."
                )
            )
            self.sort_order.setSpecialValueText(self.tr("At the end"))  # 0 = after the last one
        else:
            self.code.setText(channel.code)
            self.code.setReadOnly(True)
            self.name.setText(channel.name)
            self.name_en.setText(channel.name_en)
            self.sort_order.setValue(channel.sort_order)
            self.active.setChecked(channel.active)
            form.addRow("", self.active)
            hint = QLabel(
                self.tr(
                    "A channel already used by visits is deactivated, never deleted: "
                    "it leaves the check-in list but stays in the reports."
                )
            )
        hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def save(self) -> None:
        ctx, channel = self.ctx, self.channel
        values = dict(name=self.name.text(), name_en=self.name_en.text())
        order = self.sort_order.value()

        def work():
            from app.reception.setup import add_channel, update_channel

            if channel is None:
                return add_channel(ctx.uow(), actor=ctx.actor, code=code, sort_order=order or None, **values)
            return update_channel(
                ctx.uow(),
                actor=ctx.actor,
                channel_id=channel.id,
                expected_version=channel.version,
                active=active,
                sort_order=order,
                **values,
            )

        code, active = self.code.text(), self.active.isChecked()
        self.errors.clear()
        Op(self.ctx, self, work).busy(self.buttons).on_success(self._saved).on_failure(self._failed).run()

    def _saved(self, channel) -> None:
        self.saved.emit(channel)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.errors.report_failure(self, exc, reload=self._reload)

    def _reload(self) -> None:
        self.reload_requested.emit()
        self.reject()
