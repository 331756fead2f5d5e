"""Issuing the receipt voucher of a payment or a refund paid (issue #18.5): rendered and
digitally signed with no transaction open (app.documents.api.prepare_document); the caller
archives it in the transaction that writes the payment, so the two exist together or not at
all, and the voucher's number is the payment's receipt number."""

from __future__ import annotations

import datetime as dt

from app.core.dto import Actor
from app.documents.api import PreparedDocument, prepare_document
from app.finance.ledger import get_contract
from app.store.api import get_store
from db.uow import UnitOfWork


def prepare_voucher(
    uow: UnitOfWork,
    actor: Actor,
    contract_id: int,
    kind: str,
    amount_fen: int,
    method: str,
    note: str,
    now: dt.datetime,
    language: str,
    reason: str = "",
) -> PreparedDocument:
    from app.finance.receipt_pdf import ReceiptDTO, render_receipt

    with uow:
        contract = get_contract(uow.session, contract_id)
        receipt = ReceiptDTO(
            payer=contract.buyer_name,
            contract_no=contract.number,
            vin=contract.vin,
            kind=kind,
            method=method,
            amount_fen=amount_fen,
            received_at=now,
            cashier=actor.full_name,
            note=note,
            reason=reason,
        )
        ref = contract.number
    store = get_store(uow)

    def render(number: str, version: int, issued_at: dt.datetime) -> bytes:
        return render_receipt(store, receipt, number=number, version=version, language=language, issued_at=issued_at)

    return prepare_document(
        uow,
        actor=actor,
        doc_type="payment_receipt",
        subject_type="contract",
        subject_id=contract_id,
        language=language,
        render=render,
        subject_ref=ref,
    )
