"""What signing a contract asks the database (issue #18.11: the contract within 1.5x a vehicle
card). Each row is read once per transaction, the deal's own rows (deal, car, signed quote,
lead) in one statement, and the deal's stage after signing is known from what was just
written rather than read back; the stage is still the one `stage_of` gives from the records,
and the rows the sale changes are still all written, with their audit rows."""

from __future__ import annotations

import pytest
from sqlalchemy import event, select

from app.sales.api import stage_of
from app.showroom import cards, cards_floor
from db.audit_models import AuditEvent
from db.card_models import DisplayPosition, VehicleCard
from db.models import Role
from db.sales_models import Deal
from tests.contract_factories import contract_input, ready_deal, sign
from tests.factories import isolated_data_dir, make_store, make_user  # noqa: F401

pytestmark = pytest.mark.usefixtures("isolated_data_dir")

# The SELECTs one contract sends: the deal's rows, its quote's service lines, the live
# contracts of the deal or the car, the PDI repairs (disclosure, 4.2.3.4) and the consultant's
# name; the store and the certificate; again the deal's rows and the PDI repairs when
# archiving, the car's display card, and the audit chain's head. It was 29 (issue #18.11).
SELECT_BUDGET = 11


@pytest.fixture()
def staff(uow):
    make_store(uow)
    return make_user(uow, Role.CONSULTANT, full_name="李顾问"), make_user(uow, Role.SALES_MANAGER)


def _sent_while(database, fn) -> list[list[tuple[str, str]]]:
    """The statements `fn` sends, one list per transaction."""
    sent: list[list[tuple[str, str]]] = [[]]

    def keep(conn, cursor, statement, params, context, executemany):
        sent[-1].append((statement, repr(params)))

    def begin(conn):
        sent.append([])

    event.listen(database.engine, "before_cursor_execute", keep)
    event.listen(database.engine, "begin", begin)
    try:
        fn()
    finally:
        event.remove(database.engine, "before_cursor_execute", keep)
        event.remove(database.engine, "begin", begin)
    return [t for t in sent if t]


def _selects(statements: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(s, p) for s, p in statements if s.lstrip().upper().startswith("SELECT") and s.strip() != "SELECT 1"]


def test_a_contract_reads_each_row_once_and_the_deals_rows_together(database, uow, staff):
    consultant, manager = staff
    sign(uow, consultant, ready_deal(uow, consultant, manager)[0])  # the store's certificate made
    deal_id, _ = ready_deal(uow, consultant, manager)
    transactions = [_selects(t) for t in _sent_while(database, lambda: sign(uow, consultant, deal_id))]
    for selects in transactions:
        repeated = [s for s in set(selects) if selects.count(s) > 1]
        assert not repeated, repeated
    selects = [s for t in transactions for s, _ in t]
    assert len(selects) <= SELECT_BUDGET, [s[:80] for s in selects]
    deal_reads = [s for s in selects if "FROM deal" in s]
    assert len(deal_reads) == 2 and all("JOIN vehicle" in s and "JOIN quote" in s for s in deal_reads)


@pytest.mark.parametrize(("services", "stage"), [((), "ready"), (("registration",), "contract")])
def test_the_stage_right_after_signing_is_the_one_the_records_give(uow, staff, services, stage):
    """A loan of the whole price settles a contract with no agency fees (4.4.2: ready for the
    handover); with an agency fee still owed the deal waits at the contract stage."""
    consultant, manager = staff
    deal_id, _ = ready_deal(uow, consultant, manager, services=services)
    price = 20_790_000
    data = contract_input(payment_method="loan", loan_lender="上汽通用汽车金融", loan_amount_fen=price)
    assert sign(uow, consultant, deal_id, data).price_fen == price
    with uow() as u:
        deal = u.session.get(Deal, deal_id)
        assert deal.stage == stage == stage_of(u.session, deal)


def test_a_car_sold_from_the_floor_loses_its_card_and_position_in_the_contracts_transaction(uow, staff):
    """一车一卡 (4.2.1.2): the sold car's card is retired, its document voided and its display
    position freed when the contract is signed; the log records the card's change."""
    consultant, manager = staff
    deal_id, vehicle_id = ready_deal(uow, consultant, manager, status="on_display")
    cards_floor.ensure_default_floor(uow())  # PostgreSQL runs truncate the seeded floor
    position = cards_floor.list_positions(uow(), actor=manager)[0]
    cards_floor.move_vehicle(uow(), actor=consultant, vehicle_id=vehicle_id, position_id=position.id)
    card = cards.issue_card(uow(), actor=consultant, vehicle_id=vehicle_id)
    contract = sign(uow, consultant, deal_id)
    with uow() as u:
        s = u.session
        row = s.scalar(select(VehicleCard).where(VehicleCard.vehicle_id == vehicle_id))
        assert row.status == "retired" and row.end_reason == "vehicle left display"
        assert s.get(DisplayPosition, position.id).vehicle_id is None
        logged = s.scalars(
            select(AuditEvent.detail).where(AuditEvent.table_name == "vehicle_card", AuditEvent.action == "update")
        ).all()
        assert any('"status":["current","retired"]' in d for d in logged), logged
    assert cards.scan(uow(), actor=consultant, text=f"一车一卡 No. {card.card_number} v1").is_current is False
    assert contract.number.startswith("HT-")


def test_a_contract_takes_its_certificate_and_numbers_in_its_checks_transaction(database, uow, staff):
    """Two transactions a contract once the store has its certificate: the checks, which also
    read the certificate and take the papers' numbers (committed before rendering), and the
    archive; it was five (certificate, one number per paper) (issue #18.11)."""
    consultant, manager = staff
    sign(uow, consultant, ready_deal(uow, consultant, manager)[0])  # the store's certificate made
    deal_id, _ = ready_deal(uow, consultant, manager)  # with an agency service: an entrustment
    transactions = _sent_while(database, lambda: sign(uow, consultant, deal_id))
    numbers = [[s for s, _ in t if "document_sequence" in s] for t in transactions]
    assert len(transactions) == 2, [[s[:60] for s, _ in t] for t in transactions]
    assert len(numbers[0]) == 2 and not numbers[1]  # the contract's and the entrustment's
    assert any("signing_certificate" in s for s, _ in transactions[0])
