"""The settlement statement (结算单, T/CSCA 120031-2023 4.3.5; issue #18.5): itemised, signed by the
customer and finance, refused while money is still open (4.4.2: the balance is 0 before
delivery, or a recorded loan covers it)."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from app.core.errors import PermissionDenied, ValidationFailed
from app.documents.archive import get_document_bytes
from app.finance import api as finance
from tests.factories import isolated_data_dir, signature_capture  # noqa: F401
from tests.integration.finance_fixtures import open_desk
from tests.sales_factories import make_payment

pytestmark = pytest.mark.usefixtures("isolated_data_dir")
DUE = 20_790_000 + 50_000
SIGNED = (signature_capture("王建国", "customer"), signature_capture("赵会计", "finance"))


def test_a_settled_contract_gets_an_itemised_statement_signed_by_both_sides_4_3_5(uow):
    desk = open_desk(uow)
    make_payment(uow, desk.cashier, desk.contract_id, DUE)
    st = finance.issue_settlement(uow(), actor=desk.cashier, contract_id=desk.contract_id, signatures=SIGNED)
    assert st.number.startswith("JS-") and st.total_paid_fen == DUE
    text = "".join(page.extract_text() for page in PdfReader(_pdf(uow, desk, st.document_id)).pages)
    for item in ("帕萨特 330TSI 豪华版", "全景天窗", "registration", "208,400.00", "结算单"):
        assert item in text


def _pdf(uow, desk, document_id):
    import io

    return io.BytesIO(get_document_bytes(uow(), actor=desk.cashier, document_id=document_id))


def test_a_loan_covers_the_balance_for_the_statement_4_4_2(uow):
    desk = open_desk(uow, payment_method="loan", loan_fen=15_000_000)
    make_payment(uow, desk.cashier, desk.contract_id, DUE - 15_000_000)
    st = finance.issue_settlement(uow(), actor=desk.cashier, contract_id=desk.contract_id, signatures=SIGNED)
    assert st.loan_fen == 15_000_000


def test_no_statement_while_money_is_open_or_a_side_has_not_signed(uow):
    desk = open_desk(uow)
    make_payment(uow, desk.cashier, desk.contract_id, 1_000)
    with pytest.raises(ValidationFailed) as e:
        finance.issue_settlement(uow(), actor=desk.cashier, contract_id=desk.contract_id, signatures=SIGNED[:1])
    assert {x.field for x in e.value.errors} == {"balance", "signatures"}
    with pytest.raises(PermissionDenied):
        finance.issue_settlement(uow(), actor=desk.consultant, contract_id=desk.contract_id, signatures=SIGNED)
