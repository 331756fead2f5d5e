"""Refunds (T/CSCA 120031-2023 4.3.5; issue #18.5): asked for with a reason, approved or rejected
by a sales manager, paid by finance as a payment of kind refund with its own voucher."""

from __future__ import annotations

import pytest

from app.core.errors import Conflict, PermissionDenied, ValidationFailed
from app.finance import api as finance
from tests.factories import isolated_data_dir  # noqa: F401
from tests.integration.finance_fixtures import open_desk
from tests.sales_factories import make_payment

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


def _paid_desk(uow, amount=1_000_000):
    desk = open_desk(uow)
    make_payment(uow, desk.cashier, desk.contract_id, amount)
    return desk


def test_a_refund_is_requested_approved_by_a_manager_and_paid_by_finance_4_3_5(uow):
    desk = _paid_desk(uow)
    r = finance.request_refund(
        uow(), actor=desk.cashier, contract_id=desk.contract_id, amount_fen=300_000, reason="客户多付"
    )
    assert r.status == "requested"
    r = finance.decide_refund(
        uow(), actor=desk.manager, refund_id=r.id, approve=True, note="核实", expected_version=r.version
    )
    assert r.status == "approved"
    p = finance.pay_refund(uow(), actor=desk.cashier, refund_id=r.id, method="transfer")
    assert p.kind == "refund" and p.receipt_no.startswith("SK-") and p.document_id
    ledger = finance.contract_ledger(uow(), actor=desk.cashier, contract_id=desk.contract_id)
    assert ledger.paid_fen == 700_000 and ledger.refunds[0].status == "paid"


def test_a_refund_is_never_paid_before_a_managers_approval_4_3_5(uow):
    desk = _paid_desk(uow)
    r = finance.request_refund(uow(), actor=desk.cashier, contract_id=desk.contract_id, amount_fen=1_000, reason="x")
    with pytest.raises(ValidationFailed) as e:
        finance.pay_refund(uow(), actor=desk.cashier, refund_id=r.id, method="cash")
    assert e.value.for_field("refund").code == "refund_not_approved"


def test_a_refund_needs_a_reason_and_no_more_than_was_paid(uow):
    desk = _paid_desk(uow, 1_000)
    with pytest.raises(ValidationFailed) as e:
        finance.request_refund(uow(), actor=desk.cashier, contract_id=desk.contract_id, amount_fen=2_000, reason=" ")
    assert {x.code for x in e.value.errors} == {"required"}
    with pytest.raises(ValidationFailed) as e:
        finance.request_refund(uow(), actor=desk.cashier, contract_id=desk.contract_id, amount_fen=2_000, reason="退")
    assert e.value.for_field("amount").code == "refund_over_paid"


def test_only_a_sales_manager_decides_and_a_rejection_says_why(uow):
    desk = _paid_desk(uow)
    r = finance.request_refund(uow(), actor=desk.cashier, contract_id=desk.contract_id, amount_fen=1_000, reason="x")
    for actor in (desk.cashier, desk.consultant):
        with pytest.raises(PermissionDenied):
            finance.decide_refund(uow(), actor=actor, refund_id=r.id, approve=True)
    with pytest.raises(ValidationFailed) as e:
        finance.decide_refund(uow(), actor=desk.manager, refund_id=r.id, approve=False, note="")
    assert e.value.for_field("note").code == "rejection_reason_required"
    with pytest.raises(Conflict):
        finance.decide_refund(uow(), actor=desk.manager, refund_id=r.id, approve=True, expected_version=r.version + 5)
    done = finance.decide_refund(uow(), actor=desk.manager, refund_id=r.id, approve=False, note="无依据")
    assert done.status == "rejected"
    with pytest.raises(ValidationFailed):
        finance.decide_refund(uow(), actor=desk.manager, refund_id=r.id, approve=True)


def test_a_consultant_may_neither_request_nor_pay_a_refund_4_3_5(uow):
    desk = _paid_desk(uow)
    with pytest.raises(PermissionDenied):
        finance.request_refund(uow(), actor=desk.consultant, contract_id=desk.contract_id, amount_fen=1_000, reason="x")
    r = finance.request_refund(uow(), actor=desk.cashier, contract_id=desk.contract_id, amount_fen=1_000, reason="x")
    finance.decide_refund(uow(), actor=desk.manager, refund_id=r.id, approve=True)
    for actor in (desk.consultant, desk.manager):
        with pytest.raises(PermissionDenied):
            finance.pay_refund(uow(), actor=actor, refund_id=r.id, method="cash")


def test_the_day_book_lists_the_days_receipts_and_refunds(uow):
    import datetime as dt

    desk = _paid_desk(uow)
    now = dt.datetime(2026, 3, 11, 3, 0)  # 11:00 in Shanghai
    finance.record_payment(
        uow(), actor=desk.cashier, contract_id=desk.contract_id, kind="final", amount_fen=5_000, method="cash", now=now
    )
    r = finance.request_refund(uow(), actor=desk.cashier, contract_id=desk.contract_id, amount_fen=2_000, reason="x")
    finance.decide_refund(uow(), actor=desk.manager, refund_id=r.id, approve=True)
    finance.pay_refund(uow(), actor=desk.cashier, refund_id=r.id, method="cash", now=now)
    book = finance.day_book(uow(), actor=desk.cashier, day=dt.date(2026, 3, 11))
    assert [p.kind for p in book.payments] == ["final", "refund"]
    assert book.totals_by_method == {"cash": 3_000}
    assert finance.day_book(uow(), actor=desk.cashier, day=dt.date(2026, 3, 12)).payments == ()


def test_a_consultant_sees_only_the_money_of_their_own_deals(uow):
    import datetime as dt

    from app.core.errors import PermissionDenied as Denied
    from db.models import Role
    from tests.factories import make_user

    desk = _paid_desk(uow)
    other = make_user(uow, Role.CONSULTANT)
    finance.record_payment(
        uow(), actor=desk.cashier, contract_id=desk.contract_id, kind="final", amount_fen=100, method="cash",
        now=dt.datetime(2026, 3, 11, 3),
    )  # fmt: skip
    assert finance.contract_ledger(uow(), actor=desk.consultant, contract_id=desk.contract_id).paid_fen == 1_000_100
    with pytest.raises(Denied):
        finance.contract_ledger(uow(), actor=other, contract_id=desk.contract_id)
    assert len(finance.day_book(uow(), actor=desk.consultant, day=dt.date(2026, 3, 11)).payments) == 1
    assert finance.day_book(uow(), actor=other, day=dt.date(2026, 3, 11)).payments == ()
    assert finance.open_balances(uow(), actor=other) == []


def test_a_cancelled_contract_is_refunded_in_full_and_its_deal_stays_cancelled_4_3_5(uow):
    from db.sales_models import Contract, Deal

    desk = open_desk(uow)
    make_payment(uow, desk.cashier, desk.contract_id, 20_840_000)
    with uow() as u:
        u.session.get(Contract, desk.contract_id).status = "cancelled"
        u.commit()
    r = finance.request_refund(
        uow(), actor=desk.cashier, contract_id=desk.contract_id, amount_fen=20_840_000, reason="合同解除"
    )
    finance.decide_refund(uow(), actor=desk.manager, refund_id=r.id, approve=True)
    finance.pay_refund(uow(), actor=desk.cashier, refund_id=r.id, method="transfer")
    with uow() as u:
        assert u.session.get(Deal, desk.deal_id).stage == "cancelled"
    assert finance.contract_ledger(uow(), actor=desk.cashier, contract_id=desk.contract_id).paid_fen == 0


def test_an_agency_fee_beyond_the_opted_in_services_is_refused_4_3_2_3(uow):
    from app.core.errors import ValidationFailed as Invalid

    desk = open_desk(uow)  # registration agency only: ¥500
    with pytest.raises(Invalid) as e:
        finance.record_payment(
            uow(), actor=desk.cashier, contract_id=desk.contract_id, kind="agency_fee", amount_fen=50_001,
            method="cash",
        )  # fmt: skip
    assert e.value.for_field("kind").code == "agency_fee_beyond_services"


def test_a_manager_does_not_approve_a_refund_they_asked_for_4_3_5(uow):
    desk = _paid_desk(uow)
    r = finance.request_refund(uow(), actor=desk.manager, contract_id=desk.contract_id, amount_fen=1_000, reason="x")
    with pytest.raises(ValidationFailed) as e:
        finance.decide_refund(uow(), actor=desk.manager, refund_id=r.id, approve=True)
    assert e.value.for_field("refund").code == "refund_own_request"
