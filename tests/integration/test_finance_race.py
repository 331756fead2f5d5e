"""Two finance desks taking money on one contract at the same moment (issue #18.5; T/CSCA
120031-2023 4.3.4-4.3.5): the contract is never over-collected (its open balance never goes
below zero) and no receipt number repeats (the receipt number is the SK document number,
allocated atomically). Runs on SQLite by default and on PostgreSQL when
SHOWROOM_TEST_DATABASE_URL is set (tests/conftest.py), where the desks really write at once."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.core.errors import ValidationFailed
from app.finance.api import record_payment
from app.sales.api import balance_of
from db.finance_models import Payment
from db.models import Document, Role
from db.sales_models import Contract
from tests.factories import isolated_data_dir, make_store, make_user  # noqa: F401
from tests.sales_factories import SALE_NOW, make_contract, make_price_list
from tests.terminals import at_once

pytestmark = pytest.mark.usefixtures("isolated_data_dir")
DUE_FEN = 20_790_000 + 50_000  # make_contract's price + its registration agency fee


def _at_once(db_url, desk, contract_id: int, amounts: list[int]) -> list[str]:
    """Each amount taken at its own desk (its own database connection), released together;
    what each desk got: the receipt number, or the refusal's code."""

    def take(amount: int):
        return lambda d: record_payment(
            d.uow(), actor=desk, contract_id=contract_id, kind="final", amount_fen=amount, method="transfer",
            now=SALE_NOW,
        ).receipt_no  # fmt: skip

    return at_once(db_url, [take(amount) for amount in amounts])


@pytest.fixture()
def contract(uow):
    make_store(uow)
    consultant, manager = make_user(uow, Role.CONSULTANT), make_user(uow, Role.SALES_MANAGER)
    desks = make_user(uow, Role.FINANCE, full_name="赵会计")
    make_price_list(uow, manager)
    _deal, contract_id = make_contract(uow, consultant, manager)
    return contract_id, desks


def _ledger(uow, contract_id: int) -> tuple[int, list[str]]:
    with uow() as u:
        s = u.session
        receipts = list(s.scalars(select(Payment.receipt_no).where(Payment.contract_id == contract_id)))
        return balance_of(s, s.get_one(Contract, contract_id)).open_fen, receipts


def test_4_3_4_two_desks_each_taking_most_of_the_balance_never_over_collect(db_url, uow, contract):
    """Each desk takes 60 % of what is due at the same moment: one is recorded, the other is
    refused (over the open balance) and the customer is never charged more than the contract."""
    contract_id, desk = contract
    share = DUE_FEN * 6 // 10
    outcomes = _at_once(db_url, desk, contract_id, [share, share])
    assert not [o for o in outcomes if o.startswith("raw")], outcomes
    taken = [o for o in outcomes if o.startswith("SK-")]
    assert len(taken) == 1, outcomes
    assert set(outcomes) - set(taken) <= {"over_open_balance", "conflict"}, outcomes
    open_fen, receipts = _ledger(uow, contract_id)
    assert open_fen == DUE_FEN - share >= 0 and receipts == taken


def test_4_3_5_two_desks_taking_the_balance_in_halves_get_two_receipt_numbers(db_url, uow, contract):
    """Two halves taken at once are both recorded, each with its own receipt voucher number;
    the balance is settled exactly, never below zero, and a third desk then takes nothing."""
    contract_id, desk = contract
    half = DUE_FEN // 2
    outcomes = _at_once(db_url, desk, contract_id, [half, DUE_FEN - half])
    assert not [o for o in outcomes if o.startswith("raw")], outcomes
    taken = [o for o in outcomes if o.startswith("SK-")]
    retried = [o for o in outcomes if o == "conflict"]
    for _ in retried:  # a desk that lost the race at its write takes the money again
        taken.append(
            record_payment(
                uow(), actor=desk, contract_id=contract_id, kind="final", amount_fen=half, method="cash", now=SALE_NOW
            ).receipt_no
        )
    assert len(taken) == 2 and len(set(taken)) == 2, outcomes
    open_fen, receipts = _ledger(uow, contract_id)
    assert open_fen == 0 and sorted(receipts) == sorted(taken)
    with uow() as u:  # each receipt number is one voucher in the archive
        numbers = list(u.session.scalars(select(Document.number).where(Document.doc_type == "payment_receipt")))
    assert sorted(numbers) == sorted(taken)
    with pytest.raises(ValidationFailed) as e:
        record_payment(
            uow(), actor=desk, contract_id=contract_id, kind="final", amount_fen=1, method="cash", now=SALE_NOW
        )
    assert e.value.errors[0].code == "over_open_balance"
