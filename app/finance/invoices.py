"""The invoice (机动车销售统一发票, 《汽车销售管理办法》 art. 16; issue #18.5): finance records its
number and date on the contract. A number is never recorded twice (contract.invoice_no is
unique); the date is neither before the contract was signed nor in the future."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select

from app.core.clock import store_today, to_store_time, utcnow
from app.core.common import check_version, commit
from app.core.dto import Actor
from app.core.errors import FieldError, ValidationFailed
from app.core.permissions import Action, require
from app.core.validation import clean_line
from app.finance.dto import LedgerDTO
from app.finance.ledger import get_contract, ledger_of
from db.sales_models import Contract, ContractStatus
from db.uow import UnitOfWork

# An 8-digit number under a 12-digit code, or a 20-digit 全电发票 number: digits, 8-20.
INVOICE_NO = re.compile(r"[0-9]{8,20}", re.ASCII)


def _errors(s, contract: Contract, invoice_no: str, invoice_date: dt.date | None, now: dt.datetime) -> list:
    errors = []
    if not invoice_no:
        errors.append(FieldError("invoice_no", "required"))
    elif not INVOICE_NO.fullmatch(invoice_no):
        errors.append(FieldError("invoice_no", "invoice_no_format"))
    elif s.scalar(select(Contract.id).where(Contract.invoice_no == invoice_no, Contract.id != contract.id)):
        errors.append(FieldError("invoice_no", "invoice_no_taken"))
    if invoice_date is None:
        errors.append(FieldError("invoice_date", "required"))
    elif invoice_date > store_today(now):
        errors.append(FieldError("invoice_date", "invoice_date_future"))
    elif invoice_date < to_store_time(contract.signed_at).date():
        errors.append(FieldError("invoice_date", "invoice_date_before_contract"))
    if contract.status not in (ContractStatus.SIGNED, ContractStatus.FULFILLED):
        errors.append(FieldError("contract", "contract_not_live", {"status": contract.status}))
    return errors


def record_invoice(
    uow: UnitOfWork,
    *,
    actor: Actor,
    contract_id: int,
    invoice_no: str,
    invoice_date: dt.date | None,
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> LedgerDTO:
    """Record (or correct) the invoice number and date on the contract."""
    require(actor, Action.RECORD_PAYMENTS)
    now = now or utcnow()
    # As printed: "031002600111-00012345" (code, dash, number) is typed with its dash and spaces.
    invoice_no = clean_line(invoice_no).replace(" ", "").replace("-", "")
    with uow:
        s = uow.session
        contract = get_contract(s, contract_id)
        check_version(contract, expected_version)
        errors = _errors(s, contract, invoice_no, invoice_date, now)
        if errors:
            raise ValidationFailed(errors)
        contract.invoice_no, contract.invoice_date, contract.updated_by_id = invoice_no, invoice_date, actor.user_id
        commit(uow)
        return ledger_of(s, contract)
