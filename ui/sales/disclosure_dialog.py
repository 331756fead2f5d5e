"""The disclosure dialog (披露告知, T/CSCA 120031 4.2.3.4; 三包规定 art. 32; issue #18.3), opened
from the deal page with `open_disclosure_dialog(ctx, parent, deal_id)`: it lists what must be
disclosed about the deal's car, asks who follows it up, then the customer and the consultant
sign on the pad; the confirmation saves through ServiceFormDialog with the dialog's request key
(one disclosure, however often it is confirmed)."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from app.core.dto import SignatureCapture
from ui.shell.labels import DOC_LANGUAGE, label
from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.shell.workers import run_op
from ui.widgets.field_error import FieldErrors

KIND_LABELS = {
    "age": QT_TRANSLATE_NOOP("DisclosureDialog", "Produced more than 2 years ago"),
    "age_unknown": QT_TRANSLATE_NOOP("DisclosureDialog", "Production date unknown"),
    "defect": QT_TRANSLATE_NOOP("DisclosureDialog", "Recorded defect"),
    "repair": QT_TRANSLATE_NOOP("DisclosureDialog", "Recorded repair"),
    "pdi_repair": QT_TRANSLATE_NOOP("DisclosureDialog", "Assembly repaired at the PDI"),
}


class DisclosureDialog(ServiceFormDialog):
    def __init__(self, ctx, form_dto, parent=None) -> None:
        std = QDialogButtonBox.StandardButton
        body = QWidget()
        super().__init__(ctx, body, FieldErrors(), parent, buttons=std.Ok | std.Cancel)
        self.setObjectName("disclosure_dialog")
        self.setWindowTitle(self.tr("Disclosure before the contract"))
        self.deal, self.request_key = form_dto.deal, uuid.uuid4().hex
        self.signatures: list[SignatureCapture] = []
        self.signature_dialog = None
        self.save_button.setText(self.tr("Sign…"))
        intro = QLabel(
            self.tr(
                "Before the contract the customer is told about the car's age over 2 years, its recorded "
                "defects and repairs. The customer and you sign what is disclosed."
            )
        )
        intro.setWordWrap(True)
        self.items = QLabel(self._items_text(form_dto.items))
        self.items.setObjectName("disclosure_items")
        self.items.setWordWrap(True)
        self.follow_up = QComboBox()
        self.follow_up.setObjectName("follow_up_staff")
        for staff_id, name in form_dto.staff:
            self.follow_up.addItem(name, staff_id)
        mine = self.follow_up.findData(ctx.actor.user_id)
        self.follow_up.setCurrentIndex(max(mine, 0))
        self.language = QComboBox()
        for key in ("bilingual", "zh", "en"):
            self.language.addItem(label(DOC_LANGUAGE, key), key)
        form = QFormLayout()
        form.addRow(self.tr("Follow-up by"), self.errors.wrap("follow_up_staff", self.follow_up))
        form.addRow(self.tr("Language"), self.language)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (intro, self.items):
            layout.addWidget(w)
        layout.addLayout(form)
        if not form_dto.items:
            self.save_button.setEnabled(False)
        self.setMinimumWidth(520)  # the bilingual items read on a few lines, not a narrow column

    def _items_text(self, items) -> str:
        if not items:
            return self.tr("Nothing to disclose about this car.")
        kind = lambda k: QCoreApplication.translate("DisclosureDialog", KIND_LABELS.get(k, k))  # noqa: E731
        return "\n".join(f"{n}. {kind(i.kind)}: {i.text}" for n, i in enumerate(items, 1))

    def ask_signature(self):
        """The customer signs first, then the consultant."""
        from ui.widgets.signature_dialog import SignatureDialog

        customer = not self.signatures
        name, role = (self.deal.customer_name, "customer") if customer else (self.ctx.actor.full_name, "consultant")
        dialog = SignatureDialog(name, role, self, document=self.tr("Disclosure"))
        dialog.signed.connect(self.signed)
        dialog.finished.connect(dialog.deleteLater)
        self.signature_dialog = dialog
        dialog.open()
        return dialog

    def signed(self, capture) -> None:
        self.signatures.append(
            SignatureCapture(
                capture.signer_name, str(capture.role), capture.signed_at, capture.strokes_json(), capture.png
            )
        )
        if len(self.signatures) < 2:
            self.ask_signature()
        else:
            self.save()

    def service_call(self) -> ServiceCall | None:
        if len(self.signatures) < 2:
            self.signatures = []
            self.ask_signature()
            return None
        ctx, deal_id, key = self.ctx, self.deal.id, self.request_key
        staff_id, language, signatures = self.follow_up.currentData(), self.language.currentData(), self.signatures

        def work():
            from app.sales.api import sign_disclosure

            return sign_disclosure(
                ctx.uow(), actor=ctx.actor, deal_id=deal_id, follow_up_staff_id=staff_id, signatures=signatures,
                language=language, request_key=key,
            )  # fmt: skip

        return work

    def failed(self, exc: BaseException) -> bool:
        self.signatures = []  # the next Sign… asks for fresh signatures
        return False


def open_disclosure_dialog(ctx, parent, deal_id: int) -> None:
    """Read what the deal's car discloses, then open the dialog."""

    def read():
        from app.sales.api import get_disclosure_form

        return get_disclosure_form(ctx.uow(), actor=ctx.actor, deal_id=deal_id)

    def show(form_dto) -> None:
        dialog = DisclosureDialog(ctx, form_dto, parent)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    run_op(parent, read, show)
