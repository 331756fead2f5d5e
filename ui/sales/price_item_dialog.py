"""Add or edit a line of a draft price list (价格公示, 办法 art. 10, T/CSCA 120031 4.3.2.1-4.3.2.2):
a vehicle price by brand, model and trim, an option, an accessory, a service fee with when the
service is done, or a promotion with its public rules and validity. The fields shown follow
the kind; the service (app.sales.price_list.save_price_item) checks everything again.
A form dialog on ServiceFormDialog: saved through the one operation path."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QFormLayout, QLineEdit, QPlainTextEdit, QWidget

from app.core.errors import ValidationFailed
from app.core.validation import parse_yuan_to_fen
from app.sales.price_dto import PriceItemDTO, PriceItemInput
from ui.sales.price_table_model import KIND_LABELS, SERVICE_LABELS, price_label
from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.widgets.field_error import FieldErrors
from ui.widgets.store_dates import store_qdate

# Rows shown only for some kinds (the others are hidden, not just disabled).
ONLY_FOR = {
    "brand": ("vehicle",),
    "model": ("vehicle",),
    "trim": ("vehicle",),
    "timing": ("service_fee",),
    "rules": ("promotion",),
    "valid_from": ("promotion",),
    "valid_to": ("promotion",),
}


def _date_edit(name: str, day: QDate) -> QDateEdit:
    edit = QDateEdit(day, objectName=name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class PriceItemDialog(ServiceFormDialog):
    def __init__(self, ctx, price_list_id: int, item: PriceItemDTO | None = None, parent=None) -> None:
        body = QWidget()
        super().__init__(ctx, body, FieldErrors(), parent)
        self.setObjectName("price_item_dialog")
        self.setWindowTitle(self.tr("Price list line") if item is None else self.tr("Edit price list line"))
        self.setMinimumWidth(520)
        self.price_list_id, self.item = price_list_id, item
        self.kind = QComboBox(objectName="kind")
        for key in KIND_LABELS:
            self.kind.addItem(price_label(key), key)
        self.code = QComboBox(objectName="code")
        self.fields = {
            name: QLineEdit(objectName=name) for name in ("brand", "model", "trim", "name_zh", "name_en", "timing")
        }
        self.amount = QLineEdit("0", objectName="amount_yuan")
        self.rules = QPlainTextEdit(objectName="rules")
        self.rules.setFixedHeight(70)
        today = store_qdate()
        self.valid_from, self.valid_to = _date_edit("valid_from", today), _date_edit("valid_to", today.addMonths(1))
        self.form = QFormLayout(body)
        self.form.setContentsMargins(0, 0, 0, 0)
        self._rows()
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self._kind_changed()
        if item is not None:
            self.load(item)

    def _rows(self) -> None:
        f, e = self.fields, self.errors
        self.errors.alias("amount_fen", "amount_yuan")
        rows = [
            (self.tr("Kind"), "kind", self.kind),
            (self.tr("Code"), "code", self.code),
            (self.tr("Brand"), "brand", f["brand"]),
            (self.tr("Model"), "model", f["model"]),
            (self.tr("Trim"), "trim", f["trim"]),
            (self.tr("Name (Chinese)"), "name_zh", f["name_zh"]),
            (self.tr("Name (English)"), "name_en", f["name_en"]),
            (self.tr("Price or fee (yuan)"), "amount_yuan", self.amount),
            (self.tr("When the service is done"), "timing", f["timing"]),
            (self.tr("Public rules"), "rules", self.rules),
            (self.tr("Valid from"), "valid_from", self.valid_from),
            (self.tr("Valid to"), "valid_to", self.valid_to),
        ]
        self.row_widgets: dict[str, QWidget] = {}
        for text, name, widget in rows:
            self.row_widgets[name] = e.wrap(name, widget)
            self.form.addRow(text, self.row_widgets[name])

    def kind_key(self) -> str:
        return self.kind.currentData() or "vehicle"

    def _kind_changed(self) -> None:
        kind = self.kind_key()
        for name, kinds in ONLY_FOR.items():
            self.form.setRowVisible(self.row_widgets[name], kind in kinds)
        # A service fee's code is one of the four services of 4.3.2.2; others are the store's own.
        text = self.code.currentText() if self.code.isEditable() else ""
        self.code.clear()
        if kind == "service_fee":
            self.code.setEditable(False)
            for key in SERVICE_LABELS:
                self.code.addItem(price_label(key), key)
        else:
            self.code.setEditable(True)
            self.code.setEditText(text)
            self.code.lineEdit().setPlaceholderText(
                QCoreApplication.translate("PriceItemDialog", "Leave empty: VEH-brand-model-trim")
                if kind == "vehicle"
                else ""
            )

    def load(self, item: PriceItemDTO) -> None:
        self.item = item
        self.kind.setCurrentIndex(max(0, self.kind.findData(item.kind)))
        if item.kind == "service_fee":
            self.code.setCurrentIndex(max(0, self.code.findData(item.code)))
        else:
            self.code.setEditText(item.code)
        for name, edit in self.fields.items():
            edit.setText(getattr(item, name))
        whole, rest = divmod(item.amount_fen, 100)
        self.amount.setText(f"{whole}.{rest:02d}" if rest else str(whole))
        self.rules.setPlainText(item.rules)
        for edit, day in ((self.valid_from, item.valid_from), (self.valid_to, item.valid_to)):
            if day is not None:
                edit.setDate(QDate(day))

    def _input(self, amount_fen: int) -> PriceItemInput:
        kind = self.kind_key()
        promo = kind == "promotion"
        code = self.code.currentData() if kind == "service_fee" else self.code.currentText()
        shown = {name: e.text() if kind in ONLY_FOR.get(name, (kind,)) else "" for name, e in self.fields.items()}
        day: dt.date | None = None
        return PriceItemInput(
            kind=kind,
            code=code or "",
            amount_fen=amount_fen,
            rules=self.rules.toPlainText() if promo else "",
            valid_from=self.valid_from.date().toPython() if promo else day,
            valid_to=self.valid_to.date().toPython() if promo else day,
            **shown,
        )

    def service_call(self) -> ServiceCall | None:
        try:
            amount_fen = parse_yuan_to_fen(self.amount.text() or "0", "amount_yuan")
        except ValidationFailed as exc:
            self.errors.show(exc)
            return None
        ctx, list_id, data = self.ctx, self.price_list_id, self._input(amount_fen)
        item_id, version = (self.item.id, self.item.version) if self.item else (None, None)

        def work():
            from app.sales.price_list import save_price_item

            return save_price_item(
                ctx.uow(), actor=ctx.actor, price_list_id=list_id, data=data, item_id=item_id, expected_version=version
            )

        return work

    def reload_call(self) -> ServiceCall | None:
        if self.item is None:
            return None
        ctx, list_id, item_id = self.ctx, self.price_list_id, self.item.id

        def work():
            from app.sales.price_list import get_price_list

            items = get_price_list(ctx.uow(), actor=ctx.actor, price_list_id=list_id).items
            return next(i for i in items if i.id == item_id)

        return work
