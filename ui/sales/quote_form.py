"""The form of the quote dialog (销售方案, issue #18.2): only items of the price list in force can
be chosen (办法 art. 10); the discount is its own amount with a reason; gifts and promises one per
line; each agency service is off until the customer chooses it, with the provider they chose and
the timing (办法 art. 14; 4.3.2.3-4.3.2.5)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import ValidationFailed
from app.core.validation import parse_yuan_to_fen
from app.sales.api import QuoteInput, ServiceChoice
from ui.shell.labels import format_yuan
from ui.widgets.field_error import FieldErrors, make_error_label
from ui.widgets.store_dates import qdate, store_qdate


def signed_yuan(fen: int) -> str:
    return ("-" if fen < 0 else "") + format_yuan(abs(fen))


class QuoteForm(QWidget):
    changed = Signal()

    def __init__(self, form, errors: FieldErrors, parent=None) -> None:
        super().__init__(parent)
        self.errors = errors
        self.quantities: dict[int, QSpinBox] = {}
        self.promotions: dict[int, QCheckBox] = {}
        self.services: dict[str, tuple[QCheckBox, QLineEdit, QLineEdit]] = {}
        self.service_codes: dict[int | str, str] = {}  # item id and name -> service code (load)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._vehicle_box(form))
        layout.addWidget(self._items_box(form))
        layout.addWidget(self._discount_box())
        layout.addWidget(self._services_box(form))

    def _vehicle_box(self, form) -> QGroupBox:
        box = QGroupBox(self.tr("Vehicle"))
        self.vehicle = QComboBox()
        self.vehicle.setObjectName("vehicle_item")
        for c in form.choices:
            if c.kind == "vehicle":
                self.vehicle.addItem(f"{c.name_zh}  {signed_yuan(c.amount_fen)}", c.id)
        self.vehicle.currentIndexChanged.connect(self.changed)
        self.valid_until = QDateEdit(store_qdate().addDays(14))
        self.valid_until.setObjectName("valid_until")
        self.valid_until.setCalendarPopup(True)
        self.valid_until.setDisplayFormat("yyyy-MM-dd")
        rows = QFormLayout(box)
        rows.addRow(self.tr("Model and trim"), self.errors.wrap("vehicle_item", self.vehicle))
        rows.addRow(self.tr("Valid until"), self.errors.wrap("valid_until", self.valid_until))
        return box

    def _items_box(self, form) -> QGroupBox:
        box = QGroupBox(self.tr("Options, accessories and promotions"))
        rows = QFormLayout(box)
        for c in form.choices:
            if c.kind in ("option", "accessory"):
                spin = QSpinBox()
                spin.setRange(0, 99)
                spin.setObjectName(f"item_{c.code}")
                spin.valueChanged.connect(self.changed)
                self.quantities[c.id] = spin
                rows.addRow(f"{c.name_zh}  {signed_yuan(c.amount_fen)}", spin)
            elif c.kind == "promotion":
                check = QCheckBox(f"{c.name_zh}  -{format_yuan(c.amount_fen)}")
                check.setObjectName(f"promotion_{c.code}")
                check.toggled.connect(self.changed)
                self.promotions[c.id] = check
                rows.addRow(check)
        for field in ("items", "promotions"):
            label = make_error_label(field, box)
            rows.addRow(label)
            self.errors.register(field, box, label)
        return box

    def _discount_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Discount, gifts and promises"))
        self.discount = QLineEdit()
        self.discount.setObjectName("discount")
        self.discount.setPlaceholderText(self.tr("Amount in yuan"))
        self.discount.editingFinished.connect(self.changed)
        self.discount_reason = QLineEdit()
        self.discount_reason.setObjectName("discount_reason")
        self.gifts, self.promises = QPlainTextEdit(), QPlainTextEdit()
        self.gifts.setObjectName("gifts")
        self.promises.setObjectName("promises")
        for edit in (self.gifts, self.promises):
            edit.setPlaceholderText(self.tr("One per line; each is ticked at the handover"))
            edit.setMaximumHeight(60)
        rows = QFormLayout(box)
        rows.addRow(self.tr("Discount"), self.errors.wrap("discount", self.discount))
        rows.addRow(self.tr("Reason for the discount"), self.errors.wrap("discount_reason", self.discount_reason))
        rows.addRow(self.tr("Gifts"), self.errors.wrap("gifts", self.gifts))
        rows.addRow(self.tr("Promises"), self.errors.wrap("promises", self.promises))
        return box

    def _services_box(self, form) -> QGroupBox:
        box = QGroupBox(self.tr("Agency services (optional: only what the customer chooses)"))
        rows = QVBoxLayout(box)
        for c in form.choices:
            if c.kind != "service_fee":
                continue
            check = QCheckBox(f"{c.name_zh}  {signed_yuan(c.amount_fen)}")
            check.setObjectName(f"service_{c.code}")
            provider, timing = QLineEdit(), QLineEdit(c.timing)
            provider.setObjectName(f"provider_{c.code}")
            provider.setPlaceholderText(self.tr("Provider the customer chose"))
            timing.setPlaceholderText(self.tr("When it is done"))
            check.toggled.connect(self.changed)
            # Ticking the service first asks for its provider: typing one prices the quote again
            # (and clears that message) without another change elsewhere.
            provider.editingFinished.connect(self.changed)
            timing.editingFinished.connect(self.changed)
            row = QHBoxLayout()
            for w in (check, provider, timing):
                row.addWidget(w, 1)
            rows.addLayout(row)
            self.services[c.code] = (check, provider, timing)
            self.service_codes[c.id] = self.service_codes[c.name_zh] = c.code
        label = make_error_label("services", box)
        rows.addWidget(label)
        self.errors.register("services", box, label)
        return box

    def data(self) -> QuoteInput:
        """The form as the service takes it; ValidationFailed for a discount that is no amount."""
        raw = self.discount.text().strip()
        discount = parse_yuan_to_fen(raw, "discount") if raw else 0
        lines = lambda edit: tuple(t for t in edit.toPlainText().splitlines() if t.strip())  # noqa: E731
        return QuoteInput(
            vehicle_item_id=self.vehicle.currentData(),
            items=tuple((i, s.value()) for i, s in self.quantities.items() if s.value()),
            promotion_item_ids=tuple(i for i, c in self.promotions.items() if c.isChecked()),
            discount_fen=discount,
            discount_reason=self.discount_reason.text(),
            gifts=lines(self.gifts),
            promises=lines(self.promises),
            services=tuple(
                ServiceChoice(code, p.text(), t.text()) for code, (c, p, t) in self.services.items() if c.isChecked()
            ),
            valid_until=self.valid_until.date().toPython(),
        )

    def load(self, quote) -> None:
        """Start a revision from the current quote: its lines that are on the list in force."""
        by_kind: dict[str, list] = {}
        for line in quote.lines:
            by_kind.setdefault(line.kind, []).append(line)
        for line in by_kind.get("vehicle", []):
            index = self.vehicle.findData(line.price_list_item_id)
            if index >= 0:
                self.vehicle.setCurrentIndex(index)
        for line in by_kind.get("option", []) + by_kind.get("accessory", []):
            if line.price_list_item_id in self.quantities:
                self.quantities[line.price_list_item_id].setValue(line.quantity)
        for line in by_kind.get("promotion", []):
            if line.price_list_item_id in self.promotions:
                self.promotions[line.price_list_item_id].setChecked(True)
        for line in by_kind.get("discount", []):
            self.discount.setText(f"{-line.amount_fen / 100:.2f}")
            self.discount_reason.setText(line.description.removeprefix("优惠").removeprefix("："))
        self.gifts.setPlainText("\n".join(line.description for line in by_kind.get("gift", [])))
        self.promises.setPlainText("\n".join(line.description for line in by_kind.get("promise", [])))
        for line in by_kind.get("service", []):
            code = self.service_codes.get(line.price_list_item_id) or self.service_codes.get(line.description)
            if code in self.services:
                check, provider, timing = self.services[code]
                check.setChecked(True)
                provider.setText(line.provider)
                timing.setText(line.timing)
        if quote.valid_until is not None:
            self.valid_until.setDate(qdate(quote.valid_until))

    def try_data(self) -> QuoteInput | None:
        try:
            return self.data()
        except ValidationFailed as e:
            self.errors.show(e)
            return None
