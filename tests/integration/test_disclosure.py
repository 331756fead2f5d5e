"""Disclosure before the contract (披露告知, T/CSCA 120031 4.2.3.4; 三包规定 art. 32; issue #18.3):
a car produced more than 2 years before the store day, of unknown age, or with recorded defects
or repairs (its notes and its PDI assembly repairs) needs the customer's signed disclosure naming
what was disclosed; the disclosure names a follow-up person who gets a task."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import func, select

from app.core.errors import ValidationFailed
from app.sales import api
from db.care_models import FollowUpTask
from db.models import Role
from db.sales_models import Deal, Disclosure
from tests.factories import isolated_data_dir, make_store, make_user, signature_capture  # noqa: F401
from tests.integration.test_cards_currency import pdf_text
from tests.sales_factories import SALE_NOW, make_lead, make_price_list, make_vehicle

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


@pytest.fixture()
def w(uow):
    make_store(uow)
    manager = make_user(uow, Role.SALES_MANAGER, full_name="周经理")
    consultant = make_user(uow, Role.CONSULTANT, full_name="李顾问")
    make_price_list(uow, manager)
    return uow, manager, consultant


def _deal(w, **car) -> int:
    uow, manager, consultant = w
    vehicle = make_vehicle(uow, manager, **car)
    _c, lead = make_lead(uow, consultant)
    return api.open_deal(uow(), actor=consultant, lead_id=lead, vehicle_id=vehicle, now=SALE_NOW).id


def _items(w, deal_id):
    return api.disclosure_items(w[0](), actor=w[2], deal_id=deal_id, now=SALE_NOW)


def _required(w, deal_id) -> bool:
    with w[0]() as u:
        return api.disclosure_required(u.session, u.session.get(Deal, deal_id), SALE_NOW)


def _sign(w, deal_id, roles=("customer", "consultant"), key=None):
    sigs = [signature_capture(name, role, n) for n, (name, role) in enumerate(zip(("王先生", "李顾问"), roles), 1)]
    return api.sign_disclosure(
        w[0](), actor=w[2], deal_id=deal_id, follow_up_staff_id=w[1].user_id, signatures=sigs, request_key=key,
        now=SALE_NOW,
    )  # fmt: skip


def test_4_2_3_4_a_young_car_with_a_clean_record_needs_no_disclosure(w):
    deal = _deal(w, production_date=dt.date(2025, 5, 1))
    assert _items(w, deal) == () and not _required(w, deal)
    with pytest.raises(ValidationFailed) as e:
        _sign(w, deal)
    assert "nothing_to_disclose" in [x.code for x in e.value.errors]


def test_4_2_3_4_age_over_two_years_on_the_store_day_and_unknown_age_are_disclosed(w):
    exactly_two = _deal(w, production_date=dt.date(2024, 3, 10))  # two years to the day: not over
    over = _deal(w, production_date=dt.date(2024, 3, 9))
    unknown = _deal(w, production_date=None)
    assert _items(w, exactly_two) == ()
    assert [i.kind for i in _items(w, over)] == ["age"]
    assert [i.kind for i in _items(w, unknown)] == ["age_unknown"]


def test_san_bao_32_recorded_defects_repairs_and_pdi_assembly_repairs_are_disclosed(w):
    from app.pdi import inspections as pdi
    from tests.integration.test_pdi_permissions import technician

    uow, manager, _consultant = w
    deal = _deal(w, defect_notes="右后门漆面划痕", repair_notes="运输途中更换前保险杠")
    with uow() as u:
        car_id = u.session.get(Deal, deal).vehicle_id
    tech = technician(uow)
    ins = pdi.start_inspection(uow(), actor=tech, vehicle_id=car_id)
    ac = ins.item("I06")
    ins = pdi.record_item(
        uow(), actor=tech, item_result_id=ac.id, expected_version=ac.version, result="not_ok", note="空调不制冷"
    )
    pdi.record_rectification(
        uow(), actor=tech, item_result_id=ac.id, action_taken="更换空调压缩机总成", repaired_by="张师傅",
        assembly_repair=True, assembly_name="空调压缩机",
    )  # fmt: skip
    items = _items(w, deal)
    assert [i.kind for i in items] == ["defect", "repair", "pdi_repair"]
    assert "空调压缩机" in items[2].text


def test_4_2_3_4_signed_disclosure_unblocks_the_contract_names_the_items_and_sets_a_follow_up(w):
    from app.documents.api import get_document_bytes

    deal = _deal(w, production_date=dt.date(2023, 6, 1), defect_notes="右后门漆面划痕")
    assert _required(w, deal)
    key = str(uuid.uuid4())
    d = _sign(w, deal, key=key)
    assert _sign(w, deal, key=key).id == d.id  # a repeated request signs once
    assert not _required(w, deal)
    assert d.document_number.startswith("DS-") and d.changes.tasks
    with w[0]() as u:
        task = u.session.get(FollowUpTask, d.follow_up_task_id)
        assert (task.kind, task.assignee_id, task.due_at) == ("disclosure", w[1].user_id, SALE_NOW + dt.timedelta(7))
        assert u.session.scalar(select(func.count()).select_from(Disclosure)) == 1
    text = "".join(pdf_text(get_document_bytes(w[0](), actor=w[2], document_id=d.document_id)).split())
    for needle in (
        "车辆情况披露告知书",
        "2023-06-01",
        "已超过2年",
        "右后门漆面划痕",
        "周经理",
        "2026-03-17",
        "4.2.3.4",
        "第三十二条",
        "王先生",
        "李顾问",
    ):
        assert needle in text, needle


def test_4_2_3_4_the_customer_and_the_consultant_both_sign(w):
    deal = _deal(w, production_date=None)
    with pytest.raises(ValidationFailed) as e:
        _sign(w, deal, roles=("customer", "customer"))
    assert [x.code for x in e.value.errors] == ["disclosure_signatures_required"]
