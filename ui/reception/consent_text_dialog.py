"""Publish a new version of the consent notice (PIPL art. 14, 17). A published text is never
edited: visitors' consents point at the exact version they were shown. A form dialog on
ServiceFormDialog (issue #16.1): Publish is busy until the answer is back, so a double click
publishes one version."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.clock import from_store_time, to_store_time, utcnow
from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.widgets.field_error import FieldErrors


class ConsentTextDialog(ServiceFormDialog):
    published = Signal(object)  # ConsentTextDTO

    def __init__(self, ctx, parent=None, *, based_on=None) -> None:
        std = QDialogButtonBox.StandardButton
        body = QWidget()
        super().__init__(ctx, body, FieldErrors(), parent, buttons=std.Save | std.Cancel)
        self.setObjectName("consent_text_dialog")
        self.setWindowTitle(self.tr("Publish a new consent text"))
        self.version_label = QLineEdit(objectName="version_label")
        self.version_label.setPlaceholderText(self.tr("e.g. v2"))
        self.version_label.setMaximumWidth(160)
        self.text_zh = QPlainTextEdit(objectName="text_zh")
        self.text_en = QPlainTextEdit(objectName="text_en")
        if based_on is not None:  # start from the current wording; most changes are small
            self.text_zh.setPlainText(based_on.text_zh)
            self.text_en.setPlainText(based_on.text_en)
        self.immediately = QCheckBox(self.tr("Effective immediately"), objectName="immediately")
        self.immediately.setChecked(True)
        self.effective_from = QDateTimeEdit(objectName="effective_from")
        self.effective_from.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.effective_from.setCalendarPopup(True)
        self.effective_from.setDateTime(QDateTime(to_store_time(utcnow()).replace(second=0, microsecond=0)))
        self.effective_from.setEnabled(False)
        self.immediately.toggled.connect(lambda on: self.effective_from.setEnabled(not on))
        when = QWidget()
        row = QHBoxLayout(when)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.immediately)
        row.addWidget(self.effective_from)
        row.addWidget(QLabel(self.tr("(store time)")))
        row.addStretch(1)

        form = QFormLayout()
        form.addRow(self.tr("Version"), self.errors.wrap("version_label", self.version_label))
        form.addRow(self.tr("Chinese text"), self.errors.wrap("text_zh", self.text_zh))
        form.addRow(self.tr("English text"), self.errors.wrap("text_en", self.text_en))
        form.addRow(self.tr("Effective from"), self.errors.wrap("effective_from", when))
        warning = QLabel(
            self.tr(
                "A published text can never be edited or deleted: each visitor's consent "
                "records the exact version shown. To change the wording, publish a "
                "new version."
            )
        )
        warning.setWordWrap(True)
        warning.setObjectName("never_edited_notice")
        self.publish_button = self.save_button
        self.publish_button.setText(self.tr("Publish"))
        self.publish_button.setObjectName("publish")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(warning)
        layout.addLayout(form)
        self.resize(720, 560)

    def effective_value(self) -> dt.datetime | None:
        """Naive UTC, or None for 'now' (the service fills in its own clock)."""
        if self.immediately.isChecked():
            return None
        return from_store_time(self.effective_from.dateTime().toPython().replace(tzinfo=None))

    def service_call(self) -> ServiceCall | None:
        ctx = self.ctx
        values = dict(
            version_label=self.version_label.text(),
            text_zh=self.text_zh.toPlainText(),
            text_en=self.text_en.toPlainText(),
            effective_from=self.effective_value(),
        )

        def work():
            from app.reception.setup import publish_consent_text

            return publish_consent_text(ctx.uow(), actor=ctx.actor, **values)

        return work

    def done_saving(self, text) -> None:
        self.published.emit(text)
        super().done_saving(text)
