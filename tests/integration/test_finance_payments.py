"""Money, by finance only (T/CSCA 120031-2023 4.3.4-4.3.5; issue #18.5): payments with a receipt
voucher whose number is the receipt number, the prepayment ledger, the deal board following
the balance, and every bad amount refused with nothing written."""

from __future__ import annotations

import uuid

import pytest

from app.core.errors import PermissionDenied, ValidationFailed
from app.documents.documents import list_documents
from app.finance import api as finance
from db.finance_models import Payment
from db.models import Role
from db.sales_models import Contract, Deal
from tests.factories import isolated_data_dir, make_user  # noqa: F401
from tests.integration.finance_fixtures import open_desk
from tests.sales_factories import make_payment

pytestmark = pytest.mark.usefixtures("isolated_data_dir")

DUE = 20_790_000 + 50_000  # contract price + the registration agency fee (4.3.2.3)


def _count(uow) -> int:
    with uow() as u:
        return u.session.query(Payment).count()


def _stage(uow, deal_id) -> str:
    with uow() as u:
        return u.session.get(Deal, deal_id).stage


def test_a_payment_gets_a_receipt_voucher_whose_number_is_the_receipt_no_4_3_4(uow):
    desk = open_desk(uow)
    p = finance.record_payment(
        uow(), actor=desk.cashier, contract_id=desk.contract_id, kind="down_payment", amount_fen=5_000_000,
        method="transfer", note="首付",
    )  # fmt: skip
    assert p.receipt_no.startswith("SK-") and p.document_id is not None
    docs = list_documents(uow(), actor=desk.cashier)
    voucher = next(d for d in docs if d.id == p.document_id)
    assert (voucher.doc_type, voucher.number) == ("payment_receipt", p.receipt_no)
    assert p.changes.payments and p.changes.sales
    ledger = finance.contract_ledger(uow(), actor=desk.cashier, contract_id=desk.contract_id)
    assert ledger.paid_fen == 5_000_000 and ledger.open_fen == DUE - 5_000_000
    assert _stage(uow, desk.deal_id) == "awaiting_payment"


def test_the_deal_is_ready_once_the_balance_is_paid_4_4_2(uow):
    desk = open_desk(uow)
    finance.record_payment(
        uow(), actor=desk.cashier, contract_id=desk.contract_id, kind="final", amount_fen=DUE, method="bank_card"
    )
    assert _stage(uow, desk.deal_id) == "ready"


@pytest.mark.parametrize("role", [Role.RECEPTION, Role.CONSULTANT, Role.SALES_MANAGER, Role.PDI_TECHNICIAN, Role.ADMIN])
def test_every_non_finance_role_is_refused_money_4_3_4(uow, role):
    # 4.3.4: the sales side never takes the customer's money; only the cash desk records it.
    desk = open_desk(uow)
    actor = make_user(uow, role)
    with pytest.raises(PermissionDenied):
        finance.record_payment(
            uow(), actor=actor, contract_id=desk.contract_id, kind="final", amount_fen=100, method="cash"
        )
    with pytest.raises(PermissionDenied):
        finance.record_invoice(
            uow(), actor=actor, contract_id=desk.contract_id, invoice_no="12345678", invoice_date=None
        )
    assert _count(uow) == 0


@pytest.mark.parametrize(
    ("amount", "code"), [(0, "amount_not_positive"), (-500, "amount_not_positive"), (10**13, "amount_too_large")]
)
def test_a_negative_zero_or_absurd_amount_is_refused_beside_the_field(uow, amount, code):
    desk = open_desk(uow)
    with pytest.raises(ValidationFailed) as e:
        finance.record_payment(
            uow(), actor=desk.cashier, contract_id=desk.contract_id, kind="final", amount_fen=amount, method="cash"
        )
    assert e.value.for_field("amount").code == code
    assert _count(uow) == 0


def test_more_than_the_open_balance_is_refused(uow):
    desk = open_desk(uow)
    make_payment(uow, desk.cashier, desk.contract_id, DUE - 1_000)
    with pytest.raises(ValidationFailed) as e:
        finance.record_payment(
            uow(), actor=desk.cashier, contract_id=desk.contract_id, kind="final", amount_fen=1_001, method="cash"
        )
    assert e.value.for_field("amount").code == "over_open_balance"
    assert _count(uow) == 1


def test_an_earnest_needs_one_agreed_in_the_contract_civil_code_586(uow):
    desk = open_desk(uow)  # the contract agreed no 定金
    with pytest.raises(ValidationFailed) as e:
        finance.record_payment(
            uow(), actor=desk.cashier, contract_id=desk.contract_id, kind="earnest", amount_fen=100_000, method="cash"
        )
    assert e.value.for_field("kind").code == "earnest_not_agreed"


def test_an_earnest_beyond_the_contracts_is_refused_civil_code_586(uow):
    desk = open_desk(uow, deposit_fen=1_000_000)
    finance.record_payment(
        uow(), actor=desk.cashier, contract_id=desk.contract_id, kind="earnest", amount_fen=600_000, method="wechat"
    )
    with pytest.raises(ValidationFailed) as e:
        finance.record_payment(
            uow(), actor=desk.cashier, contract_id=desk.contract_id, kind="earnest", amount_fen=400_001, method="cash"
        )
    assert e.value.for_field("amount").code == "earnest_beyond_contract"
    assert _count(uow) == 1


def test_a_payment_on_a_cancelled_contract_is_refused(uow):
    desk = open_desk(uow)
    with uow() as u:
        u.session.get(Contract, desk.contract_id).status = "cancelled"
        u.commit()
    with pytest.raises(ValidationFailed) as e:
        finance.record_payment(
            uow(), actor=desk.cashier, contract_id=desk.contract_id, kind="final", amount_fen=100, method="cash"
        )
    assert e.value.for_field("contract").code == "contract_not_live"
    assert _count(uow) == 0


def test_an_unknown_kind_or_method_is_refused(uow):
    desk = open_desk(uow)
    with pytest.raises(ValidationFailed) as e:
        finance.record_payment(
            uow(), actor=desk.cashier, contract_id=desk.contract_id, kind="refund", amount_fen=100, method="cheque"
        )
    assert {x.field for x in e.value.errors} == {"kind", "method"}


def test_a_repeated_request_key_records_one_payment_issue_16_2(uow):
    desk = open_desk(uow)
    key = str(uuid.uuid4())
    args = dict(actor=desk.cashier, contract_id=desk.contract_id, kind="final", amount_fen=1_000, method="cash")
    first = finance.record_payment(uow(), request_key=key, **args)
    again = finance.record_payment(uow(), request_key=key, **args)
    assert first.id == again.id and _count(uow) == 1


def test_the_invoice_number_and_date_are_recorded_and_never_twice_art_16(uow):
    import datetime as dt

    desk = open_desk(uow)
    ledger = finance.record_invoice(
        uow(), actor=desk.cashier, contract_id=desk.contract_id, invoice_no="031001900111 12345678".replace(" ", ""),
        invoice_date=dt.date(2026, 3, 12), now=dt.datetime(2026, 3, 12, 4),
    )  # fmt: skip
    assert ledger.invoice_no == "03100190011112345678" and ledger.invoice_date == dt.date(2026, 3, 12)
    other = open_desk_second(uow, desk)
    with pytest.raises(ValidationFailed) as e:
        finance.record_invoice(
            uow(), actor=desk.cashier, contract_id=other, invoice_no="03100190011112345678",
            invoice_date=dt.date(2026, 3, 12), now=dt.datetime(2026, 3, 12, 4),
        )  # fmt: skip
    assert e.value.for_field("invoice_no").code == "invoice_no_taken"
    # Typed as printed on the form, with its dash: the same invoice, so the same refusal.
    with pytest.raises(ValidationFailed) as e:
        finance.record_invoice(
            uow(), actor=desk.cashier, contract_id=other, invoice_no="031001900111-12345678",
            invoice_date=dt.date(2026, 3, 12), now=dt.datetime(2026, 3, 12, 4),
        )  # fmt: skip
    assert e.value.for_field("invoice_no").code == "invoice_no_taken"


def open_desk_second(uow, desk) -> int:
    from tests.sales_factories import make_contract

    return make_contract(uow, desk.consultant, desk.manager)[1]


def test_the_receipt_voucher_prints_payer_contract_kind_and_amount_in_words_4_3_4(uow):
    import io

    from pypdf import PdfReader

    from app.documents.archive import get_document_bytes

    desk = open_desk(uow, deposit_fen=2_000_000)
    p = finance.record_payment(
        uow(), actor=desk.cashier, contract_id=desk.contract_id, kind="earnest", amount_fen=2_000_000, method="cash"
    )
    pdf = get_document_bytes(uow(), actor=desk.cashier, document_id=p.document_id)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    for printed in ("收款收据", "王建国", p.contract_no, p.receipt_no, "定金", "20,000.00", "人民币贰万元整"):
        assert printed in text


@pytest.mark.parametrize("role", [Role.RECEPTION, Role.CONSULTANT, Role.SALES_MANAGER, Role.PDI_TECHNICIAN, Role.ADMIN])
def test_no_sales_role_pays_a_refund_settles_or_exports_the_cash_4_3_4(uow, role, tmp_path):
    import datetime as dt

    from tests.factories import signature_capture

    desk = open_desk(uow)
    make_payment(uow, desk.cashier, desk.contract_id, DUE)
    r = finance.request_refund(uow(), actor=desk.cashier, contract_id=desk.contract_id, amount_fen=100, reason="x")
    finance.decide_refund(uow(), actor=desk.manager, refund_id=r.id, approve=True)
    actor = make_user(uow, role)
    signed = (signature_capture("王建国", "customer"), signature_capture("X", "finance"))
    calls = [
        lambda: finance.pay_refund(uow(), actor=actor, refund_id=r.id, method="cash"),
        lambda: finance.issue_settlement(uow(), actor=actor, contract_id=desk.contract_id, signatures=signed),
        lambda: finance.export_cash_report(
            uow(), actor=actor, day_from=dt.date(2026, 3, 1), day_to=dt.date(2026, 3, 2), path=tmp_path / "c.xlsx"
        ),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    assert _count(uow) == 1
