"""The settlement statement (结算单, T/CSCA 120031-2023 4.3.5; issue #18.5): issued by finance once
the balance is settled (paid, or covered by a recorded loan), itemised from the contract's
quote, its payments and refunds, and signed on the pad by the customer and by finance. The PDF
is archived and the settlement row written in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.clock import utcnow
from app.core.common import commit
from app.core.dto import Actor, SignatureCapture
from app.core.errors import FieldError, ValidationFailed
from app.core.permissions import Action, require
from app.core.validation import clean_line
from app.finance.dto import SettlementDTO
from app.finance.ledger import get_contract
from app.finance.money_text import yuan
from app.sales.api import balance_of
from db.finance_models import Payment, PaymentKind, Settlement
from db.sales_models import Contract, ContractStatus, QuoteLine
from db.uow import UnitOfWork

REQUIRED_SIGNERS = {"customer", "finance"}


def settlement_blockers(s: Session, contract: Contract, signatures: Sequence[SignatureCapture]) -> list[FieldError]:
    """Why a statement cannot be issued now: the contract not live, money still open, or a
    side's signature missing. Every reason at once."""
    errors = []
    if contract.status not in (ContractStatus.SIGNED, ContractStatus.FULFILLED):
        errors.append(FieldError("contract", "contract_not_live", {"status": contract.status}))
    balance = balance_of(s, contract)
    if not balance.settled:
        errors.append(FieldError("balance", "balance_open", {"open": yuan(balance.open_fen)}))
    if not REQUIRED_SIGNERS <= {sig.role for sig in signatures}:
        errors.append(FieldError("signatures", "settlement_signatures_required"))
    return errors


def _statement(s: Session, contract: Contract):
    from app.finance.settlement_pdf import SettlementLine, SettlementMoney, StatementDTO

    lines = s.scalars(select(QuoteLine).where(QuoteLine.quote_id == contract.quote_id).order_by(QuoteLine.position))
    money = s.scalars(select(Payment).where(Payment.contract_id == contract.id).order_by(Payment.received_at))
    balance = balance_of(s, contract)
    return StatementDTO(
        contract_no=contract.number,
        buyer_name=contract.buyer_name,
        vin=contract.vin,
        lines=tuple(SettlementLine(ln.kind, ln.description, ln.amount_fen) for ln in lines),
        money=tuple(
            SettlementMoney(
                p.receipt_no,
                p.kind,
                p.method,
                -p.amount_fen if p.kind == PaymentKind.REFUND else p.amount_fen,
                p.received_at,
            )
            for p in money
        ),  # fmt: skip
        due_fen=balance.due_fen,
        paid_fen=balance.paid_fen,
        loan_fen=balance.loan_fen,
        loan_lender=contract.loan_lender,
        invoice_no=contract.invoice_no or "",
    )


def issue_settlement(
    uow: UnitOfWork,
    *,
    actor: Actor,
    contract_id: int,
    signatures: Sequence[SignatureCapture],
    language: str = "bilingual",
    now: dt.datetime | None = None,
) -> SettlementDTO:
    """Issue the signed, itemised statement; refused unless the balance is settled."""
    from app.documents.api import prepare_document
    from app.documents.layout import SignatureDTO, SignerRole
    from app.finance.settlement_pdf import render_settlement
    from app.store.api import get_store

    require(actor, Action.RECORD_PAYMENTS)
    now = now or utcnow()
    signatures = tuple(replace(sig, signer_name=clean_line(sig.signer_name)) for sig in signatures)
    with uow:
        s = uow.session
        contract = get_contract(s, contract_id)
        errors = settlement_blockers(s, contract, signatures)
        if errors:
            raise ValidationFailed(errors)
        statement = _statement(s, contract)
    store = get_store(uow)
    drawn = [SignatureDTO(sig.signer_name, SignerRole(sig.role), sig.signed_at, bytes(sig.png)) for sig in signatures]

    def render(number: str, version: int, issued_at: dt.datetime) -> bytes:
        return render_settlement(
            store, statement, number=number, version=version, language=language, issued_at=issued_at, signatures=drawn
        )

    prepared = prepare_document(
        uow, actor=actor, doc_type="settlement", subject_type="contract", subject_id=contract_id,
        language=language, render=render, signatures=signatures, subject_ref=statement.contract_no,
    )  # fmt: skip
    return _archive(uow, actor, prepared, contract_id, signatures, now)


def _archive(uow: UnitOfWork, actor: Actor, prepared, contract_id: int, signatures, now) -> SettlementDTO:
    """Archive and record in one transaction, the balance checked again (a refund may have
    been paid meanwhile)."""
    from app.documents.api import archive_prepared

    with uow:
        s = uow.session
        doc_id = archive_prepared(s, prepared, actor)
        contract = get_contract(s, contract_id, lock=True)
        errors = settlement_blockers(s, contract, signatures)
        if errors:
            raise ValidationFailed(errors)
        balance = balance_of(s, contract)
        row = Settlement(
            contract_id=contract_id,
            total_due_fen=balance.due_fen,
            total_paid_fen=balance.paid_fen,
            loan_fen=balance.loan_fen,
            document_id=doc_id,
            document_number=prepared.number,
            signed_at=now,
            created_by_id=actor.user_id,
        )
        s.add(row)
        s.flush()
        commit(uow)
        return SettlementDTO(
            row.id, contract_id, prepared.number, doc_id, row.total_due_fen, row.total_paid_fen, row.loan_fen, now
        )
