"""Publishing the next version of a public notice (issue #19.5; 4.1.3.5-4.1.3.6) through
ServiceFormDialog: the kind, the titles and texts in Chinese and English (store details in
braces are filled in when printed) and the date it takes effect. The form starts from the
version in force, or from the starting text of that kind."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QComboBox, QDateEdit, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from app.core.clock import store_today
from app.customer_care.api import NoticeDTO, NoticeInput, default_notice, publish_notice
from ui.customer_care.notice_labels import KIND, word
from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.widgets.field_error import FieldErrors
from ui.widgets.store_dates import store_qdate


class PublishNoticeDialog(ServiceFormDialog):
    def __init__(self, ctx, current: dict[str, NoticeDTO], kind: str, parent=None) -> None:
        body = QWidget()
        super().__init__(ctx, body, FieldErrors(), parent)
        self.setObjectName("publish_notice_dialog")
        self.setWindowTitle(self.tr("Publish a notice"))
        self.current = current
        self.request_key = uuid.uuid4().hex
        self.kind = QComboBox(objectName="notice_kind")
        for code in KIND:
            self.kind.addItem(word(KIND, code), code)
        self.title_zh = QLineEdit(objectName="notice_title_zh")
        self.title_en = QLineEdit(objectName="notice_title_en")
        self.body_zh = QPlainTextEdit(objectName="notice_body_zh")
        self.body_en = QPlainTextEdit(objectName="notice_body_en")
        self.effective = QDateEdit(store_qdate(), objectName="notice_effective_from")
        self.effective.setCalendarPopup(True)
        hint = QLabel(
            self.tr(
                "Store details in braces are printed as saved: {legal_name}, {address}, {sales_hotline}, "
                "{complaint_phone}, {website}. A published version never changes: this is the next one."
            )
        )
        hint.setWordWrap(True)
        form, e = QFormLayout(body), self.errors
        form.addRow(hint)
        form.addRow(self.tr("Notice"), e.wrap("kind", self.kind))
        form.addRow(self.tr("Title (Chinese)"), e.wrap("title_zh", self.title_zh))
        form.addRow(self.tr("Title (English)"), e.wrap("title_en", self.title_en))
        form.addRow(self.tr("Text (Chinese)"), e.wrap("body_zh", self.body_zh))
        form.addRow(self.tr("Text (English)"), e.wrap("body_en", self.body_en))
        form.addRow(self.tr("In effect from"), e.wrap("effective_from", self.effective))
        self.save_button.setText(self.tr("Publish"))
        self.save_button.setObjectName("publish_notice")
        self.kind.currentIndexChanged.connect(lambda _i: self._start_from(self.kind.currentData()))
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self._start_from(kind)

    def _start_from(self, kind: str) -> None:
        start = self.current.get(kind) or default_notice(kind, store_today())
        self.title_zh.setText(start.title_zh)
        self.title_en.setText(start.title_en)
        self.body_zh.setPlainText(start.body_zh)
        self.body_en.setPlainText(start.body_en)

    def service_call(self) -> ServiceCall | None:
        ctx, key = self.ctx, self.request_key
        data = NoticeInput(
            kind=self.kind.currentData(), title_zh=self.title_zh.text(), title_en=self.title_en.text(),
            body_zh=self.body_zh.toPlainText(), body_en=self.body_en.toPlainText(),
            effective_from=self.effective.date().toPython(),
        )  # fmt: skip
        return lambda: publish_notice(ctx.uow(), actor=ctx.actor, data=data, request_key=key)
