"""Start a new version of the price list (价格公示, 办法 art. 10), or change a draft's title and
effective date: its title and the day it takes effect (today or later). The draft starts with the lines of the list in force, so a new
version changes only what changed. One draft per dialog however often OK is pressed (its
request key)."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QFormLayout, QLabel, QLineEdit, QWidget

from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.widgets.field_error import FieldErrors
from ui.widgets.store_dates import store_qdate


class PriceVersionDialog(ServiceFormDialog):
    def __init__(self, ctx, parent=None, draft=None) -> None:
        body = QWidget()
        super().__init__(ctx, body, FieldErrors(), parent)
        self.setObjectName("price_version_dialog")
        self.draft = draft  # a PriceListDTO to edit, or None for a new version
        self.setWindowTitle(self.tr("New price list version") if draft is None else self.tr("Edit price list version"))
        self.setMinimumWidth(440)
        self.request_key = uuid.uuid4().hex
        self.title = QLineEdit(objectName="title")
        self.title.setPlaceholderText(self.tr("e.g. 2027 年价格公示"))
        self.effective_from = QDateEdit(store_qdate().addDays(1), objectName="effective_from")
        self.effective_from.setCalendarPopup(True)
        self.effective_from.setDisplayFormat("yyyy-MM-dd")
        intro = QLabel(
            self.tr(
                "The new version starts with the lines of the list in force. Edit them, then publish: "
                "the public notice is printed and the list can no longer change."
            )
        )
        intro.setWordWrap(True)
        form = QFormLayout(body)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(intro)
        form.addRow(self.tr("Title"), self.errors.wrap("title", self.title))
        form.addRow(self.tr("Effective from"), self.errors.wrap("effective_from", self.effective_from))
        if draft is not None:
            intro.hide()
            self.load(draft)

    def load(self, draft) -> None:
        self.draft = draft
        self.title.setText(draft.title)
        self.effective_from.setDate(QDate(draft.effective_from))

    def service_call(self) -> ServiceCall:
        ctx, key = self.ctx, self.request_key
        title, day = self.title.text(), self.effective_from.date().toPython()
        if self.draft is not None:
            list_id, version = self.draft.id, self.draft.version

            def edit():
                from app.sales.price_list import save_price_list_header

                return save_price_list_header(
                    ctx.uow(), actor=ctx.actor, price_list_id=list_id, expected_version=version, title=title,
                    effective_from=day,
                )  # fmt: skip

            return edit

        def work():
            from app.sales.price_list import create_price_list

            return create_price_list(ctx.uow(), actor=ctx.actor, title=title, effective_from=day, request_key=key)

        return work

    def reload_call(self) -> ServiceCall | None:
        if self.draft is None:
            return None
        ctx, list_id = self.ctx, self.draft.id

        def work():
            from app.sales.price_list import get_price_list

            return get_price_list(ctx.uow(), actor=ctx.actor, price_list_id=list_id)

        return work
