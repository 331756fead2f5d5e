"""Issuing the settlement statement from the finance page (结算单, T/CSCA 120031-2023 4.3.5; issue
#18.5): the customer signs on the pad, then the cashier; the statement is issued through the
operation path. Refusals (money still open) are said on the page."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.core.dto import SignatureCapture
from app.finance.api import OpenBalanceDTO
from ui.shell.ops import Op
from ui.widgets.signature_dialog import SignatureDialog, SignerRole


def _core(capture) -> SignatureCapture:
    return SignatureCapture(
        capture.signer_name, str(capture.role), capture.signed_at, capture.strokes_json(), capture.png
    )


def sign_and_issue(page, contract: OpenBalanceDTO, on_done, on_refused) -> None:
    """Customer, then finance, on the pad; then issue. Cancelling a pad issues nothing."""
    ctx = page.ctx
    document = QCoreApplication.translate("FinancePage", "Settlement statement {number}").format(
        number=contract.contract_no
    )
    customer = SignatureDialog.ask(page, contract.buyer_name, SignerRole.CUSTOMER, document=document)
    if customer is None:
        return
    cashier = SignatureDialog.ask(page, ctx.actor.full_name, SignerRole.FINANCE, document=document)
    if cashier is None:
        return
    signatures = (_core(customer), _core(cashier))
    contract_id = contract.contract_id

    def work():
        from app.finance.api import issue_settlement

        return issue_settlement(ctx.uow(), actor=ctx.actor, contract_id=contract_id, signatures=signatures)

    Op(ctx, page, work).busy(page.settlement_button).on_success(on_done).on_fields(on_refused).run()
