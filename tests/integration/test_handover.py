"""The delivery handover (issue #18.6; T/CSCA 120031 4.4.2, 《汽车销售管理办法》 art. 16, 三包规定
arts. 9, 13, 18-20) through the real services on a real database: every step refused at once until
it holds, then one transaction delivers the car, fulfils the contract (KPI 3.11), moves the deal
and archives the signed handover record and the 三包凭证."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from app.core.errors import Conflict, PermissionDenied, ValidationFailed
from app.core.personal_data import seal
from app.documents.api import get_document_bytes, reprint_copy, verify_document_bytes
from app.sales import api as sales
from db.handover_models import Handover
from db.models import Document, Role, Vehicle, VehicleStatusChange
from db.sales_models import Contract, Deal
from tests.factories import isolated_data_dir, make_store, make_user  # noqa: F401  (fixture)
from tests.handover_factories import (
    CONFORMITY_NO,
    add_gifts,
    full_input,
    handover_signatures,
    make_imported,
    ready_contract,
)
from tests.integration.test_pdi_permissions import technician

pytestmark = pytest.mark.usefixtures("isolated_data_dir")
BEFORE_INVOICE = dt.datetime(2026, 3, 15, 2, 0)  # delivered 15 March, invoiced 20 March
AFTER_INVOICE = dt.datetime(2026, 4, 2, 2, 0)  # delivered 2 April, invoiced 20 March


@pytest.fixture()
def people(uow):
    make_store(uow)
    return (
        make_user(uow, Role.CONSULTANT, full_name="李顾问"),
        make_user(uow, Role.SALES_MANAGER, full_name="王经理"),
        make_user(uow, Role.FINANCE, full_name="赵会计"),
        technician(uow),
    )


def _codes(e: ValidationFailed) -> dict[str, str]:
    return {f.field: f.code for f in e.errors}


def _complete(uow, actor, contract_id, data, **kw):
    kw.setdefault("signatures", handover_signatures())
    return sales.complete_handover(uow(), actor=actor, contract_id=contract_id, data=data, **kw)


def test_a_complete_handover_delivers_the_car_fulfils_the_contract_and_archives_both_documents(uow, people):
    consultant, manager, finance, tech = people
    deal_id, cid, vid = ready_contract(uow, consultant, manager, finance, tech)
    gifts = tuple(add_gifts(uow, cid))
    done = _complete(uow, consultant, cid, full_input(uow, cid, gifts), now=BEFORE_INVOICE, request_key="k-1")
    with uow() as u:
        s = u.session
        contract, car = s.get(Contract, cid), s.get(Vehicle, vid)
        # 3.11: the contract is fulfilled when its car is handed over; the deal is delivered.
        assert contract.status == "fulfilled" and contract.fulfilled_at == BEFORE_INVOICE
        assert s.get(Deal, deal_id).stage == "delivered"
        assert car.status == "delivered"
        change = s.scalars(select(VehicleStatusChange).where(VehicleStatusChange.vehicle_id == vid)).all()[-1]
        assert (change.from_status, change.to_status, change.changed_by_id) == ("sold", "delivered", consultant.user_id)
        h = s.scalar(select(Handover).where(Handover.contract_id == cid))
        assert h.odometer_km == 12 and {g["line_id"] for g in h.gifts} == set(gifts)
        assert {d["code"]: d["number"] for d in h.documents}["sanbao_certificate"] == done.warranty_document_number
        assert h.pdi_inspection_id is not None  # 4.4.1: the passed inspection it was delivered on
        docs = {
            d.doc_type: (d.id, d.number) for d in s.scalars(select(Document).where(Document.subject_type == "contract"))
        }
    assert docs["handover"][1].startswith("JC-") and docs["warranty_certificate"][1].startswith("SB-")
    assert done.document_number == docs["handover"][1]
    assert done.warranty_document_number == docs["warranty_certificate"][1]
    # Both signed digitally, the handover record by the customer and the consultant too.
    for doc_id, _ in docs.values():
        pdf = get_document_bytes(uow(), actor=consultant, document_id=doc_id)
        assert verify_document_bytes(uow(), actor=consultant, pdf_bytes=pdf).status == "intact"


def test_the_periods_run_from_the_invoice_date_when_it_is_the_later_one_sanbao_art_18(uow, people):
    consultant, manager, finance, tech = people
    _, cid, _ = ready_contract(uow, consultant, manager, finance, tech)
    done = _complete(uow, consultant, cid, full_input(uow, cid), now=BEFORE_INVOICE)
    assert (done.warranty_start, done.warranty_start_basis) == (dt.date(2026, 3, 20), "invoice")
    # 三包 ≥ 2 years / 50,000 km; 包修 ≥ 3 years / 60,000 km.
    assert (done.sanbao_until, done.sanbao_km) == (dt.date(2028, 3, 20), 50_000)
    assert (done.repair_warranty_until, done.repair_warranty_km) == (dt.date(2029, 3, 20), 60_000)


def test_the_periods_run_from_the_delivery_date_when_the_car_is_delivered_after_the_invoice(uow, people):
    consultant, manager, finance, tech = people
    _, cid, _ = ready_contract(uow, consultant, manager, finance, tech)
    done = _complete(uow, consultant, cid, full_input(uow, cid), now=AFTER_INVOICE)
    assert (done.warranty_start, done.warranty_start_basis) == (dt.date(2026, 4, 2), "delivery")
    assert done.sanbao_until == dt.date(2028, 4, 2) and done.repair_warranty_until == dt.date(2029, 4, 2)


def test_every_failed_step_is_refused_at_once_and_nothing_is_written_4_4_2(uow, people):
    consultant, manager, finance, _ = people
    _, cid, vid = ready_contract(uow, consultant, manager, finance, None, pdi=False, paid=False, invoice=False)
    add_gifts(uow, cid)
    with pytest.raises(ValidationFailed) as e:
        sales.complete_handover(
            uow(), actor=consultant, contract_id=cid, data=sales.HandoverInput(id_number="110105194912310021"),
            signatures=[],
        )  # fmt: skip
    codes = _codes(e.value)
    assert codes["pdi"] == "handover_pdi_required"  # 4.4.1.2: a passed PDI first
    assert codes["balance"] == "handover_balance_open"
    assert codes["documents.invoice"] == "handover_invoice_not_recorded"
    assert codes["id_number"] == "handover_id_mismatch"
    assert codes["vin"] == "handover_vin_mismatch"
    assert codes["documents.certificate"] == "handover_document_missing"
    assert codes["gifts"] == "handover_gifts_unticked"
    assert codes["onboard_items"] == "handover_onboard_incomplete"
    assert codes["explanations"] == "handover_explanations_incomplete"
    assert codes["odometer_km"] == "handover_odometer_required"
    assert codes["signatures"] == "handover_signatures_required"
    with uow() as u:
        assert u.session.get(Vehicle, vid).status == "sold"
        assert u.session.get(Contract, cid).status == "signed"
        assert u.session.scalar(select(func.count()).select_from(Handover)) == 0
        assert (
            u.session.scalar(select(func.count()).select_from(Document).where(Document.subject_type == "contract")) == 0
        )


def test_the_agents_id_is_accepted_in_place_of_the_buyers(uow, people):
    consultant, manager, finance, tech = people
    _, cid, _ = ready_contract(uow, consultant, manager, finance, tech)
    with uow() as u:
        c = u.session.get(Contract, cid)
        c.agent_name, c.agent_id_type = "李代理", "resident_id"
        c.agent_id_sealed = seal("310101199001011234", field="contract.agent_id")
        u.commit()
    # Typed as printed, with spaces: compared as the contract stores it.
    shown = "310101 19900101 1234"
    done = _complete(uow, consultant, cid, full_input(uow, cid, id_number=shown), now=AFTER_INVOICE)
    assert done.document_number


def test_the_car_must_be_the_contracts_with_its_configuration(uow, people):
    consultant, manager, finance, tech = people
    _, cid, vid = ready_contract(uow, consultant, manager, finance, tech)
    with uow() as u:
        u.session.get(Vehicle, vid).configuration = ["全景天窗"]  # the adaptive cruise is missing
        u.commit()
    with pytest.raises(ValidationFailed) as e:
        _complete(uow, consultant, cid, full_input(uow, cid, vin="LSVAB2180N2999999"))
    codes = _codes(e.value)
    assert codes["configuration"] == "handover_configuration_mismatch" and codes["vin"] == "handover_vin_mismatch"


def test_document_numbers_must_match_the_contract_and_the_invoice_banfa_art_16(uow, people):
    consultant, manager, finance, tech = people
    _, cid, _ = ready_contract(uow, consultant, manager, finance, tech)
    documents = {"certificate": "WRONG-1", "conformity": " ", "manual": "", "warranty_manual": "", "invoice": "X"}
    with pytest.raises(ValidationFailed) as e:
        _complete(uow, consultant, cid, full_input(uow, cid, documents=documents))
    codes = _codes(e.value)
    assert codes["documents.certificate"] == "handover_document_number_mismatch"
    assert codes["documents.conformity"] == "handover_document_number_required"
    assert codes["documents.invoice"] == "handover_document_number_mismatch"


def test_an_imported_car_needs_its_import_documents_banfa_art_16(uow, people):
    consultant, manager, finance, tech = people
    _, cid, vid = ready_contract(uow, consultant, manager, finance, None, pdi=False)
    make_imported(uow, cid, "WDD2050421F123456")  # WMI "WDD": made in Germany
    from tests.handover_factories import pass_pdi

    pass_pdi(uow, tech, vid)
    checklist = sales.handover_checklist(uow(), actor=consultant, contract_id=cid)
    assert checklist.imported
    assert {"import_inspection", "import_certificate"} <= {d.code for d in checklist.documents}
    with pytest.raises(ValidationFailed) as e:
        _complete(uow, consultant, cid, full_input(uow, cid))
    assert _codes(e.value) == {
        "documents.import_inspection": "handover_document_missing",
        "documents.import_certificate": "handover_document_missing",
    }
    data = full_input(uow, cid)
    docs = {**data.documents, "import_inspection": "SH-IMP-2026-1", "import_certificate": "IMP-88"}
    assert _complete(uow, consultant, cid, full_input(uow, cid, documents=docs), now=AFTER_INVOICE).id


def test_the_odometer_may_not_exceed_the_contracts_maximum(uow, people):
    consultant, manager, finance, tech = people
    _, cid, _ = ready_contract(uow, consultant, manager, finance, tech)
    with pytest.raises(ValidationFailed) as e:
        _complete(uow, consultant, cid, full_input(uow, cid, odometer_km=51))
    assert e.value.errors == [e.value.errors[0]] and e.value.errors[0].code == "handover_odometer_over"
    assert e.value.errors[0].params == {"max": 50}


def test_a_repeated_request_returns_the_first_handover_and_a_second_is_refused(uow, people):
    consultant, manager, finance, tech = people
    _, cid, _ = ready_contract(uow, consultant, manager, finance, tech)
    first = _complete(uow, consultant, cid, full_input(uow, cid), request_key="same", now=AFTER_INVOICE)
    again = _complete(uow, consultant, cid, full_input(uow, cid), request_key="same", now=AFTER_INVOICE)
    assert again.id == first.id and again.warranty_document_id == first.warranty_document_id
    with pytest.raises(ValidationFailed) as e:
        _complete(uow, consultant, cid, full_input(uow, cid), request_key="other")
    assert _codes(e.value) == {"contract": "handover_already_done"}


def test_the_sanbao_certificate_is_reprinted_free_byte_for_byte(uow, people):
    consultant, manager, finance, tech = people
    _, cid, _ = ready_contract(uow, consultant, manager, finance, tech)
    done = _complete(uow, consultant, cid, full_input(uow, cid), now=AFTER_INVOICE)
    copy = reprint_copy(uow(), actor=consultant, document_id=done.warranty_document_id)
    assert copy.document.number == done.warranty_document_number and copy.document.doc_type == "warranty_certificate"
    assert copy.pdf == get_document_bytes(uow(), actor=consultant, document_id=done.warranty_document_id)
    assert (
        verify_document_bytes(uow(), actor=consultant, pdf_bytes=copy.pdf).status == "intact"
    )  # the digital signature stays intact


def test_a_consultant_hands_over_only_their_own_deals(uow, people):
    consultant, manager, finance, tech = people
    _, cid, _ = ready_contract(uow, consultant, manager, finance, tech)
    other = make_user(uow, Role.CONSULTANT)
    with pytest.raises(PermissionDenied):
        _complete(uow, other, cid, full_input(uow, cid))
    # The sales manager may hand over any deal.
    assert _complete(uow, manager, cid, full_input(uow, cid), now=AFTER_INVOICE).id


def test_the_checklist_lists_what_applies_and_what_blocks_now(uow, people):
    consultant, manager, finance, _ = people
    deal_id, cid, _ = ready_contract(uow, consultant, manager, finance, None, pdi=False, paid=False)
    add_gifts(uow, cid)
    checklist = sales.handover_checklist(uow(), actor=consultant, deal_id=deal_id)
    assert checklist.contract_id == cid and not checklist.imported
    assert [d.code for d in checklist.documents] == [
        "certificate", "conformity", "manual", "warranty_manual", "sanbao_certificate", "invoice",
    ]  # fmt: skip
    numbers = {d.code: d.number for d in checklist.documents}
    assert numbers["certificate"] == "WDA123456789012" and numbers["invoice"]
    assert [g.description for g in checklist.gifts] == ["全车贴膜", "首保免费"]
    assert {b.code for b in checklist.blockers} == {"handover_pdi_required", "handover_balance_open"}
    assert checklist.max_odometer_km == 50 and checklist.buyer_id_masked.endswith("002X")
    assert CONFORMITY_NO not in numbers.values()


def test_a_delivery_appointment_is_booked_in_the_future_on_a_live_contract(uow, people):
    consultant, manager, finance, _ = people
    _, cid, _ = ready_contract(uow, consultant, manager, finance, None, pdi=False)
    now = dt.datetime(2026, 3, 20, 2, 0)
    with uow() as u:
        version = u.session.get(Contract, cid).version
    with pytest.raises(ValidationFailed) as e:
        sales.schedule_delivery(
            uow(), actor=consultant, contract_id=cid, at=now - dt.timedelta(hours=1), expected_version=version, now=now
        )
    assert _codes(e.value) == {"at": "delivery_in_past"}
    at = now + dt.timedelta(days=2)
    booked = sales.schedule_delivery(uow(), actor=consultant, contract_id=cid, at=at, expected_version=version, now=now)
    assert booked.delivery_appointment_at == at and booked.changes.sales
    assert sales.handover_checklist(uow(), actor=consultant, contract_id=cid).delivery_appointment_at == at
    with pytest.raises(Conflict):  # booked from a stale copy
        sales.schedule_delivery(uow(), actor=consultant, contract_id=cid, at=at, expected_version=version, now=now)
    with uow() as u:
        dead = u.session.get(Contract, cid)
        dead.status = "cancelled"
        u.commit()
        version = dead.version
    with pytest.raises(ValidationFailed) as e:
        sales.schedule_delivery(uow(), actor=consultant, contract_id=cid, at=at, expected_version=version, now=now)
    assert _codes(e.value) == {"contract": "handover_contract_not_live"}


def test_a_plug_in_car_is_handed_over_with_its_charging_cable_4_4_2(uow, people):
    consultant, manager, finance, _ = people
    _, cid, vid = ready_contract(uow, consultant, manager, finance, None, pdi=False)
    with uow() as u:
        u.session.get(Vehicle, vid).powertrain = "BEV"
        u.commit()
    checklist = sales.handover_checklist(uow(), actor=consultant, contract_id=cid)
    assert checklist.onboard_items[-1] == "charging_cable"
    with pytest.raises(ValidationFailed) as e:
        _complete(uow, consultant, cid, full_input(uow, cid))  # the ICE list, without the cable
    assert _codes(e.value)["onboard_items"] == "handover_onboard_incomplete"
