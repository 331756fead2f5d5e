"""Add or edit a visitor source channel (来源渠道, issue #4). The code is fixed once created:
reports key on it; a channel no longer used is deactivated, never deleted. A form dialog on
ServiceFormDialog (issue #16.1): a stale edit opens the conflict box, whose Reload shows the
channel as saved now."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.reception.dto import ChannelDTO
from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.widgets.field_error import FieldErrors


class ChannelDialog(ServiceFormDialog):
    saved = Signal(object)  # ChannelDTO
    reload_requested = Signal()  # the list behind shows the channel as saved now, too

    def __init__(self, ctx, channel: ChannelDTO | None = None, parent=None) -> None:
        std = QDialogButtonBox.StandardButton
        body = QWidget()
        super().__init__(ctx, body, FieldErrors(), parent, buttons=std.Ok | std.Cancel)
        self.setObjectName("channel_dialog")
        self.channel = channel
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
            self.code.setReadOnly(True)
            self.load(channel)
            form.addRow("", self.active)
            hint = QLabel(
                self.tr(
                    "A channel already used by visits is deactivated, never deleted: "
                    "it leaves the check-in list but stays in the reports."
                )
            )
        hint.setWordWrap(True)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(hint)
        self.setMinimumWidth(460)

    def load(self, channel: ChannelDTO) -> None:
        self.channel = channel
        self.code.setText(channel.code)
        self.name.setText(channel.name)
        self.name_en.setText(channel.name_en)
        self.sort_order.setValue(channel.sort_order)
        self.active.setChecked(channel.active)
        self.reload_requested.emit()

    def reload_call(self) -> ServiceCall | None:
        if self.channel is None:
            return None
        ctx, channel_id = self.ctx, self.channel.id

        def work():
            from app.core.errors import NotFound
            from app.reception.setup import list_channels

            rows = list_channels(ctx.uow(), actor=ctx.actor, include_inactive=True)
            found = next((c for c in rows if c.id == channel_id), None)
            if found is None:
                raise NotFound(what="channel", id=channel_id)
            return found

        return work

    def service_call(self) -> ServiceCall | None:
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
        return work
