"""Rule gaps of the sale closed after the parts met (issue #18): each test names its clause and
goes through the real services on a real database."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from app.core.errors import PermissionDenied, ValidationFailed
from app.sales import api as sales
from db.handover_models import Handover
from db.models import Role, Vehicle, VehicleStatusChange
from db.reception_models import Lead, LeadStatusChange
from db.sales_models import Contract, Deal
from tests.factories import isolated_data_dir, make_store, make_user  # noqa: F401  (fixture)
from tests.contract_factories import ready_deal, sign
from tests.handover_factories import full_input, handover_signatures, ready_contract
from tests.integration.test_pdi_permissions import technician
from tests.sales_factories import SALE_NOW, make_lead, make_price_list, make_vehicle

pytestmark = pytest.mark.usefixtures("isolated_data_dir")
HANDOVER_AT = dt.datetime(2026, 3, 15, 2, 0)


@pytest.fixture()
def people(uow):
    make_store(uow)
    return (
        make_user(uow, Role.CONSULTANT, full_name="李顾问"),
        make_user(uow, Role.SALES_MANAGER, full_name="王经理"),
        make_user(uow, Role.FINANCE, full_name="赵会计"),
        technician(uow),
    )


def _codes(e) -> set[str]:
    return {f"{x.field}:{x.code}" for x in e.value.errors}


def _hand_over(uow, actor, contract_id, **kw):
    return sales.complete_handover(
        uow(), actor=actor, contract_id=contract_id, data=full_input(uow, contract_id),
        signatures=handover_signatures(), now=HANDOVER_AT, **kw,
    )  # fmt: skip


# --- 4.4.2 / issue #18.4: a car is delivered only through inventory's move at the handover ----


def test_4_4_2_the_handover_delivers_the_car_through_inventorys_move(uow, people):
    """The history row is inventory's (sold -> delivered, the contract number, the handover time)."""
    consultant, manager, finance, tech = people
    _deal, cid, vid = ready_contract(uow, consultant, manager, finance, tech)
    _hand_over(uow, consultant, cid)
    with uow() as u:
        change = u.session.scalars(
            select(VehicleStatusChange).where(VehicleStatusChange.vehicle_id == vid).order_by(VehicleStatusChange.id)
        ).all()[-1]
        number = u.session.get(Contract, cid).number
        assert (change.from_status, change.to_status, change.reason, change.changed_at) == (
            "sold", "delivered", number, HANDOVER_AT,
        )  # fmt: skip


def test_4_4_2_a_car_not_sold_under_the_contract_is_not_delivered(uow, people):
    """Only a sold car goes to delivered (inventory's transitions): a car that is back in stock
    is refused and nothing of the handover is kept."""
    consultant, manager, finance, tech = people
    _deal, cid, vid = ready_contract(uow, consultant, manager, finance, tech)
    with uow() as u:
        u.session.get(Vehicle, vid).status = "in_stock"
        u.commit()
    with pytest.raises(ValidationFailed) as e:
        _hand_over(uow, consultant, cid)
    assert "vehicle:handover_car_not_sold" in _codes(e)
    with uow() as u:
        assert u.session.get(Vehicle, vid).status == "in_stock"
        assert u.session.get(Contract, cid).status == "signed"
        assert u.session.scalar(select(Handover.id).where(Handover.contract_id == cid)) is None


# --- 4.3.3 / 办法 art. 15: a consultant works on their own customers' deals only -------------


def test_4_3_3_a_consultant_cannot_contract_another_consultants_deal_a_manager_can(uow, people):
    """The contract is signed by the deal's consultant (or a sales manager): another consultant
    is refused before anything is drawn, in the blockers as in the signing."""
    consultant, manager, _finance, _tech = people
    other = make_user(uow, Role.CONSULTANT, full_name="张顾问")
    deal_id, _ = ready_deal(uow, consultant, manager)
    with pytest.raises(PermissionDenied) as e:
        sign(uow, other, deal_id)
    assert e.value.code == "not_your_customer"
    with pytest.raises(PermissionDenied):
        sales.contract_blockers(uow(), actor=other, deal_id=deal_id)
    with uow() as u:
        assert u.session.scalar(select(Contract.id).where(Contract.deal_id == deal_id)) is None
    assert sign(uow, manager, deal_id).status == "signed"


def test_4_4_2_a_consultant_cannot_hand_over_another_consultants_car(uow, people):
    consultant, manager, finance, tech = people
    other = make_user(uow, Role.CONSULTANT, full_name="张顾问")
    _deal, cid, _vid = ready_contract(uow, consultant, manager, finance, tech)
    with pytest.raises(PermissionDenied) as e:
        _hand_over(uow, other, cid)
    assert e.value.code == "not_your_customer"
    assert _hand_over(uow, manager, cid).contract_id == cid


# --- 4.3.1.2: a deal is opened on an open intention only ----------------------------------


@pytest.mark.parametrize(("status", "code"), [("lost", "deal_lead_lost"), ("ordered", "deal_lead_closed")])
def test_4_3_1_2_no_deal_is_opened_on_a_lost_or_closed_lead(uow, people, status, code):
    consultant, manager, _finance, _tech = people
    make_price_list(uow, manager)
    car = make_vehicle(uow, manager)
    _customer, lead_id = make_lead(uow, consultant)
    with uow() as u:
        u.session.get(Lead, lead_id).status = status
        u.commit()
    with pytest.raises(ValidationFailed) as e:
        sales.open_deal(uow(), actor=consultant, lead_id=lead_id, vehicle_id=car, now=SALE_NOW)
    assert f"lead:{code}" in _codes(e)
    with uow() as u:
        assert u.session.scalar(select(Deal.id).where(Deal.lead_id == lead_id)) is None
    with uow() as u:  # followed again (the leads page's move), the deal opens
        u.session.get(Lead, lead_id).status = "following"
        u.commit()
    assert sales.open_deal(uow(), actor=consultant, lead_id=lead_id, vehicle_id=car, now=SALE_NOW).lead_id == lead_id


# --- 4.3.3 / 3.12-3.13: an ended contract leaves the lead followed again, not ordered --------


@pytest.mark.parametrize("kind", ["cancel", "terminate"])
def test_4_3_3_ending_the_contract_puts_the_lead_back_to_following(uow, people, kind):
    """The customer did not buy: the lead is followed up again from the next store day (and
    counts as a retained lead for 3.12/3.13), with the move in its status history."""
    consultant, manager, _finance, _tech = people
    deal_id, _ = ready_deal(uow, consultant, manager)
    contract = sign(uow, consultant, deal_id)
    with uow() as u:
        lead_id = u.session.get(Deal, deal_id).lead_id
        assert u.session.get(Lead, lead_id).status == "ordered"
    sales.end_contract(
        uow(), actor=manager, contract_id=contract.id, expected_version=contract.version, kind=kind,
        reason="客户放弃购车", now=SALE_NOW,
    )  # fmt: skip
    with uow() as u:
        lead = u.session.get(Lead, lead_id)
        assert (lead.status, lead.next_follow_up) == ("following", dt.date(2026, 3, 11))
        last = u.session.scalars(
            select(LeadStatusChange).where(LeadStatusChange.lead_id == lead_id).order_by(LeadStatusChange.id)
        ).all()[-1]
        assert (last.from_status, last.to_status, last.changed_at) == ("ordered", "following", SALE_NOW)
        assert contract.number in last.note


# --- 4.2.3.4: the disclosure's age line in the document's language ---------------------------


@pytest.mark.parametrize(
    ("language", "wanted", "unwanted"),
    [
        ("zh", ["生产日期 2023-06-01，已超过2年"], ["Produced", "over 2 years"]),
        ("en", ["Produced on 2023-06-01, more than 2 years ago"], ["已超过", "生产日期 2023"]),
        ("bilingual", ["生产日期 2023-06-01，已超过2年", "Produced on 2023-06-01, more than 2 years ago"], []),
    ],
)
def test_4_2_3_4_the_disclosed_age_reads_in_the_documents_language(uow, people, language, wanted, unwanted):
    from app.documents.api import get_document_bytes
    from tests.contract_factories import pads
    from tests.integration.test_cards_currency import pdf_text

    consultant, manager, _finance, _tech = people
    make_price_list(uow, manager)
    car = make_vehicle(uow, manager, production_date=dt.date(2023, 6, 1))
    _customer, lead_id = make_lead(uow, consultant)
    deal = sales.open_deal(uow(), actor=consultant, lead_id=lead_id, vehicle_id=car, now=SALE_NOW)
    d = sales.sign_disclosure(
        uow(), actor=consultant, deal_id=deal.id, follow_up_staff_id=consultant.user_id, signatures=pads(),
        language=language, now=SALE_NOW,
    )  # fmt: skip
    text = " ".join(pdf_text(get_document_bytes(uow(), actor=consultant, document_id=d.document_id)).split())
    compact = "".join(text.split())
    for needle in wanted:
        assert "".join(needle.split()) in compact, needle
    for needle in unwanted:
        assert "".join(needle.split()) not in compact, needle


# --- 三包 art. 9: the 三包凭证 gives the after-sales / complaint phone, not the sales hotline ---


def test_san_bao_9_the_certificate_gives_the_complaint_phone_for_repairs(uow, people):
    import shutil
    import subprocess

    from app.documents.api import get_document_bytes

    consultant, manager, finance, tech = people
    _deal, cid, _vid = ready_contract(uow, consultant, manager, finance, tech)
    done = _hand_over(uow, consultant, cid)
    exe = shutil.which("pdftotext")
    if exe is None:
        pytest.skip("pdftotext not installed")
    pdf = get_document_bytes(uow(), actor=consultant, document_id=done.warranty_document_id)
    text = subprocess.run([exe, "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    # The first phone number after the repairer's phone label is the complaint phone.
    after = text[text.index("售后投诉电话") :]
    assert re.findall(r"021-6400000\d", after)[0] == "021-64000001"  # make_store's complaint phone
    # The sales hotline stays in the page header (layout), never on the repairer's line.
    assert "021-64000000" not in after.split("\f")[0]


# --- 4.3.2.1: the test price list's promotion does not expire under the tests on 2027-01-01 ----


def test_4_3_2_1_the_listed_promotion_is_offered_on_any_day_the_tests_run(uow):
    """A quote priced two months from the day the tests run still takes the listed promotion
    (the factory's promotion ends a year past today, not on a fixed 2026-12-31)."""
    from app.core.clock import store_today, utcnow
    from tests.integration.test_quotes import World

    w = World(uow)
    d = w.deal()
    later = dt.datetime.combine(store_today(utcnow()) + dt.timedelta(days=60), dt.time(2, 0))
    data = w.data(promotion_item_ids=(w.item("PROMO-SPRING"),), valid_until=None)
    preview = sales.price_quote(uow(), actor=w.consultant, deal_id=d.id, data=data, now=later)
    assert "promotion" in [line.kind for line in preview.lines]


# --- S4 arts. 4-8 / the deal board's rule: a consultant reads their own customers' deals only ---


def test_a_consultant_reads_only_their_own_deals_managers_and_finance_every_deal(uow, people):
    """The quote, disclosure and contract forms of another consultant's deal are refused
    (not_your_customer), as the deal board already hides it; managers and finance read it."""
    consultant, manager, finance, _tech = people
    other = make_user(uow, Role.CONSULTANT, full_name="张顾问")
    deal_id, _ = ready_deal(uow, consultant, manager)
    reads = (
        sales.get_deal, sales.latest_quote, sales.latest_disclosure, sales.disclosure_items,
        sales.get_quote_form, sales.get_disclosure_form, sales.get_contract_form,
    )  # fmt: skip
    for read in reads:
        with pytest.raises(PermissionDenied) as e:
            read(uow(), actor=other, deal_id=deal_id)
        assert e.value.code == "not_your_customer", read.__name__
        for reader in (consultant, manager, finance):
            read(uow(), actor=reader, deal_id=deal_id)
