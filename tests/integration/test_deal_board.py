"""The deal board and a deal's history (issue #18.7; T/CSCA 120031 4.3-4.4.2): deals by stage,
consultants their own, managers and finance all; the history lists every record and document."""

from __future__ import annotations

import pytest

from app.core.errors import PermissionDenied
from app.sales.board import deal_board, deal_detail
from app.sales.api import refresh_stage
from db.finance_models import PaymentKind
from db.models import Role
from db.sales_models import DealStage
from tests.factories import make_document, make_staff, make_store
from tests.sales_factories import SALE_NOW, make_contract, make_deal, make_payment, make_price_list


@pytest.fixture()
def sale(uow):
    make_store(uow)
    manager = make_staff(uow, Role.SALES_MANAGER, full_name="周经理")
    alice = make_staff(uow, Role.CONSULTANT, full_name="李顾问")
    bob = make_staff(uow, Role.CONSULTANT, full_name="张顾问")
    finance = make_staff(uow, Role.FINANCE, full_name="钱会计")
    make_price_list(uow, manager)
    return manager, alice, bob, finance


def _stage(uow, deal_id):
    with uow() as u:
        refresh_stage(u.session, deal_id, SALE_NOW)
        u.commit()


def test_consultants_see_their_own_deals_managers_and_finance_all(uow, sale):
    manager, alice, bob, finance = sale
    mine, _ = make_deal(uow, alice)
    theirs, _ = make_deal(uow, bob)
    assert [r.id for r in deal_board(uow(), actor=alice).rows] == [mine]
    assert [r.id for r in deal_board(uow(), actor=manager).rows] == [theirs, mine]  # newest first
    assert [r.id for r in deal_board(uow(), actor=finance).rows] == [theirs, mine]
    assert deal_board(uow(), actor=manager, mine_only=True).rows == ()
    with pytest.raises(PermissionDenied):
        deal_detail(uow(), actor=alice, deal_id=theirs)
    reception = make_staff(uow, Role.RECEPTION)
    with pytest.raises(PermissionDenied):
        deal_board(uow(), actor=reception)


def test_a_row_shows_customer_car_quote_contract_and_open_balance(uow, sale):
    """4.3.4-4.3.5: the open balance is the contract price plus opted-in agency fees, less what
    finance has received."""
    manager, alice, _bob, finance = sale
    deal_id, contract_id = make_contract(uow, alice, manager)
    make_payment(uow, finance, contract_id, 5_000_000, kind=PaymentKind.DOWN_PAYMENT)
    _stage(uow, deal_id)
    row = deal_board(uow(), actor=alice).rows[0]
    assert (row.customer_name, row.consultant_name) == ("王先生", "李顾问")
    assert (row.brand, row.model, row.trim) == ("大众", "帕萨特", "330TSI 豪华版")
    assert row.vin and len(row.vin) == 17
    assert row.quote_total_fen == 19_990_000 + 800_000 + 50_000
    assert row.contract_number.startswith("HT-2026-")
    assert row.open_fen == 20_790_000 + 50_000 - 5_000_000
    assert row.stage == DealStage.AWAITING_PAYMENT


def test_stage_filter_counts_and_cancelled_hidden_unless_asked(uow, sale):
    manager, alice, _bob, finance = sale
    quoting, _ = make_deal(uow, alice)
    ready, contract_id = make_contract(uow, alice, manager)
    make_payment(uow, finance, contract_id, 20_840_000)
    _stage(uow, ready)
    cancelled, _ = make_deal(uow, alice)
    with uow() as u:
        from db.sales_models import Deal

        u.session.get(Deal, cancelled).cancel_reason = "客户放弃"
        refresh_stage(u.session, cancelled, SALE_NOW)
        u.commit()
    page = deal_board(uow(), actor=alice)
    assert {r.id for r in page.rows} == {quoting, ready}
    assert page.total == 2
    assert page.counts[DealStage.QUOTE] == 1 and page.counts[DealStage.READY] == 1
    assert page.counts[DealStage.CANCELLED] == 1
    assert [r.id for r in deal_board(uow(), actor=alice, stage=DealStage.READY).rows] == [ready]
    assert [r.id for r in deal_board(uow(), actor=alice, stage=DealStage.CANCELLED).rows] == [cancelled]


def test_the_board_is_read_a_page_at_a_time(uow, sale):
    manager, alice, _bob, _finance = sale
    ids = [make_deal(uow, alice)[0] for _ in range(5)]
    first = deal_board(uow(), actor=manager, limit=2)
    assert [r.id for r in first.rows] == ids[:-3:-1] and first.total == 5
    second = deal_board(uow(), actor=manager, limit=2, after=first.next_after)
    third = deal_board(uow(), actor=manager, limit=2, after=second.next_after)
    assert [r.id for r in first.rows + second.rows + third.rows] == ids[::-1]
    assert third.next_after is None and second.total is None


def test_search_by_customer_name_contract_number_or_vin_tail(uow, sale):
    manager, alice, _bob, _finance = sale
    quoting, _ = make_deal(uow, alice)
    signed, _contract = make_contract(uow, alice, manager)
    row = deal_board(uow(), actor=manager, stage=DealStage.CONTRACT).rows[0]
    assert [r.id for r in deal_board(uow(), actor=manager, search=row.contract_number).rows] == [signed]
    assert [r.id for r in deal_board(uow(), actor=manager, search=row.vin[-6:]).rows] == [signed]
    assert {r.id for r in deal_board(uow(), actor=manager, search="王").rows} == {quoting, signed}
    assert deal_board(uow(), actor=manager, search="赵").rows == ()


def test_detail_lists_quotes_contract_payments_and_documents(uow, sale):
    manager, alice, _bob, finance = sale
    deal_id, contract_id = make_contract(uow, alice, manager, deposit_fen=1_000_000)
    payment_id = make_payment(uow, finance, contract_id, 1_000_000, kind=PaymentKind.EARNEST)
    doc = make_document(uow, manager, doc_type="vehicle_card", subject_type="contract", subject_id=contract_id)
    other = make_document(uow, manager, doc_type="vehicle_card", subject_type="contract", subject_id=contract_id + 99)
    detail = deal_detail(uow(), actor=alice, deal_id=deal_id)
    assert [q.revision for q in detail.quotes] == [1] and detail.quotes[0].signed_at == SALE_NOW
    (contract,) = detail.contracts
    assert contract.id == contract_id and [r.revision for r in contract.revisions] == [1]
    assert contract.paid_fen == 1_000_000 and contract.open_fen == 20_840_000 - 1_000_000
    assert [p.id for p in detail.payments] == [payment_id]
    assert detail.disclosure is None and detail.handover is None
    assert [d.id for d in detail.documents] == [doc.id]
    assert other.id not in {d.id for d in detail.documents}


@pytest.mark.parametrize("stage", [None, DealStage.READY, DealStage.DELIVERED])
@pytest.mark.parametrize("role", ["manager", "consultant"])
def test_each_page_is_read_from_an_index_without_sorting_the_deals(uow, sale, stage, role):
    """Issue #18.11: the first screen within 50 ms on dataset S; a page must never sort every
    deal of the store (SQLite's plan: no temporary B-tree for the ORDER BY)."""
    from sqlalchemy import text

    from app.sales.board import board_query

    manager, alice, _bob, _finance = sale
    actor = manager if role == "manager" else alice
    stmt = board_query(actor, stage=stage, after=10_000).limit(101)
    with uow() as u:
        if u.session.get_bind().dialect.name != "sqlite":
            pytest.skip("SQLite's query plan")
        sql = str(stmt.compile(u.session.get_bind(), compile_kwargs={"literal_binds": True}))
        plan = " ".join(str(row[-1]) for row in u.session.execute(text("EXPLAIN QUERY PLAN " + sql)))
    assert "TEMP B-TREE" not in plan, plan


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_view_deals_as_every_role_follows_the_matrix(uow, tmp_path, role):
    """Until test_permissions.py's SALES_PARTS lists perm_cases_board, its case runs here."""
    from app.core.permissions import MATRIX, Action
    from tests.factories import make_user
    from tests.integration.perm_cases_board import view_deals

    make_store(uow)
    manager = make_user(uow, Role.SALES_MANAGER)
    actor = make_user(uow, role)
    if role in MATRIX[Action.VIEW_DEALS]:
        view_deals(uow, actor, manager, tmp_path)
    else:
        with pytest.raises(PermissionDenied):
            view_deals(uow, actor, manager, tmp_path)
