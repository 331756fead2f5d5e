"""The sales contract, signed through the real service (issue #18.4; T/CSCA 120031-2023
4.3.3; 《汽车销售管理办法》 art. 15; domain_reference §4.1; 民法典 586-587)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.core.errors import ValidationFailed
from app.core.personal_data import fingerprint, unseal
from app.sales.api import contract_blockers
from db.models import Document, Role, Vehicle, VehicleStatusChange
from db.reception_models import Lead
from db.sales_models import Contract, ContractRevision, Deal, Disclosure, Quote
from tests.contract_factories import contract_input, pads, ready_deal, sign
from tests.factories import isolated_data_dir, make_store, make_user  # noqa: F401
from tests.sales_factories import BUYER_ID, SALE_NOW, make_deal

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


@pytest.fixture()
def staff(uow):
    make_store(uow)
    return make_user(uow, Role.CONSULTANT, full_name="李顾问"), make_user(uow, Role.SALES_MANAGER)


def _codes(excinfo) -> set[str]:
    return {f"{e.field}:{e.code}" for e in excinfo.value.errors}


def test_signing_sells_the_car_orders_the_lead_and_archives_the_papers(uow, staff):
    """4.3.3 / 办法 art. 15: the contract takes the HT document's number, the car becomes sold
    with a history row, the lead ordered, the deal at the contract stage; the entrustment
    agreement is a separate document (办法 art. 14)."""
    consultant, manager = staff
    deal_id, vehicle_id = ready_deal(uow, consultant, manager)
    dto = sign(uow, consultant, deal_id)
    assert dto.number.startswith("HT-2026-") and dto.price_fen == 20_790_000
    assert dto.price_words == "贰拾万柒仟玖佰元整"
    with uow() as u:
        s = u.session
        c = s.get(Contract, dto.id)
        assert c.live_vehicle_id == vehicle_id and c.status == "signed"
        assert s.get(Vehicle, vehicle_id).status == "sold"
        assert (
            s.scalars(select(VehicleStatusChange.to_status).where(VehicleStatusChange.vehicle_id == vehicle_id)).all()[
                -1
            ]
            == "sold"
        )
        deal = s.get(Deal, deal_id)
        assert deal.stage == "contract" and s.get(Lead, deal.lead_id).status == "ordered"
        docs = {d.doc_type: d for d in s.scalars(select(Document).where(Document.subject_id == deal_id))}
        assert docs["sales_contract"].number == c.number and docs["entrustment"].id == c.entrustment_document_id
        assert "special_terms" not in docs
        assert s.scalars(select(ContractRevision.revision).where(ContractRevision.contract_id == c.id)).all() == [1]


def test_buyer_id_is_sealed_masked_and_fingerprinted(uow, staff):
    """PIPL / domain_reference §5: the number never sits in clear in the database."""
    consultant, manager = staff
    deal_id, _ = ready_deal(uow, consultant, manager)
    dto = sign(uow, consultant, deal_id)
    with uow() as u:
        c = u.session.get(Contract, dto.id)
        assert BUYER_ID.encode() not in c.buyer_id_sealed
        assert unseal(c.buyer_id_sealed, field="contract.buyer_id") == BUYER_ID
        assert c.buyer_id_masked.endswith("002X") and BUYER_ID[:6] not in c.buyer_id_masked
        assert c.buyer_id_fingerprint == fingerprint(BUYER_ID, field="contract.buyer_id")


def test_one_car_is_never_in_two_live_contracts(uow, staff):
    """contract.live_vehicle_id: a second deal on a car already under contract is refused."""
    consultant, manager = staff
    deal_id, vehicle_id = ready_deal(uow, consultant, manager)
    sign(uow, consultant, deal_id)
    other, _ = make_deal(uow, consultant, vehicle_id=vehicle_id)
    with pytest.raises(ValidationFailed) as e:
        sign(uow, consultant, other)
    assert "vehicle:vehicle_in_live_contract" in _codes(e)


def test_without_a_signed_quote_or_a_car_nothing_is_signed(uow, staff):
    """4.3.1.3: the contract follows a signed quote; a car must be on the deal."""
    consultant, manager = staff
    deal_id, _ = ready_deal(uow, consultant, manager)
    with uow() as u:
        deal = u.session.get(Deal, deal_id)
        deal.vehicle_id = None
        for q in u.session.scalars(select(Quote).where(Quote.deal_id == deal_id)):
            q.signed_at = None
        u.commit()
    codes = {f"{e.field}:{e.code}" for e in contract_blockers(uow(), actor=consultant, deal_id=deal_id, now=SALE_NOW)}
    assert {"quote:quote_not_signed", "vehicle:vehicle_missing"} <= codes


def _disclose(uow, consultant, deal_id):
    """The customer signs the disclosure through the quote part's real service."""
    from app.sales.api import sign_disclosure

    return sign_disclosure(
        uow(), actor=consultant, deal_id=deal_id, follow_up_staff_id=consultant.user_id, signatures=pads(),
        now=SALE_NOW,
    )  # fmt: skip


def test_a_car_needing_disclosure_waits_for_the_signed_disclosure(uow, staff):
    """4.2.3.4 / 三包 art. 32: a car with repair notes is sold only after its disclosure."""
    consultant, manager = staff
    deal_id, vehicle_id = ready_deal(uow, consultant, manager, repair_notes="右前门重新喷漆")
    with pytest.raises(ValidationFailed) as e:
        sign(uow, consultant, deal_id)
    assert "disclosure:disclosure_required" in _codes(e)
    _disclose(uow, consultant, deal_id)
    assert sign(uow, consultant, deal_id).status == "signed"


def test_4_2_3_4_a_car_of_unknown_production_date_is_disclosed_before_the_contract(uow, staff):
    """4.2.3.4: a car whose age is not known may be over two years old: disclosed first."""
    consultant, manager = staff
    deal_id, _ = ready_deal(uow, consultant, manager, production_date=None)
    with pytest.raises(ValidationFailed) as e:
        sign(uow, consultant, deal_id)
    assert "disclosure:disclosure_required" in _codes(e)
    _disclose(uow, consultant, deal_id)
    assert sign(uow, consultant, deal_id).status == "signed"


def test_san_bao_32_a_pdi_assembly_repair_is_disclosed_before_the_contract(uow, staff):
    """三包 art. 32 / 4.2.3.4: an assembly repaired at PDI is a repair the buyer is told of in
    writing; a disclosure signed before the repair does not cover it."""
    from app.pdi import inspections as pdi
    from tests.integration.test_pdi_permissions import technician

    consultant, manager = staff
    deal_id, vehicle_id = ready_deal(uow, consultant, manager)
    assert contract_blockers(uow(), actor=consultant, deal_id=deal_id, now=SALE_NOW) == []
    tech = technician(uow)
    ins = pdi.start_inspection(uow(), actor=tech, vehicle_id=vehicle_id)
    ac = ins.item("I06")
    pdi.record_item(
        uow(), actor=tech, item_result_id=ac.id, expected_version=ac.version, result="not_ok", note="空调不制冷"
    )
    pdi.record_rectification(
        uow(), actor=tech, item_result_id=ac.id, action_taken="更换空调压缩机总成", repaired_by="张师傅",
        assembly_repair=True, assembly_name="空调压缩机",
    )  # fmt: skip
    with pytest.raises(ValidationFailed) as e:
        sign(uow, consultant, deal_id)
    assert "disclosure:disclosure_required" in _codes(e)
    _disclose(uow, consultant, deal_id)
    assert sign(uow, consultant, deal_id).status == "signed"


def test_earnest_money_above_20_percent_is_refused_prepayment_is_not(uow, staff):
    """民法典 586: a 定金 over 20 % of the contract value is refused; a 订金 is an advance payment."""
    consultant, manager = staff
    deal_id, _ = ready_deal(uow, consultant, manager)
    limit = 20_790_000 // 5
    with pytest.raises(ValidationFailed) as e:
        sign(uow, consultant, deal_id, contract_input(deposit_kind="earnest", deposit_fen=limit + 1))
    assert "deposit:earnest_over_20_percent" in _codes(e)
    dto = sign(uow, consultant, deal_id, contract_input(deposit_kind="prepayment", deposit_fen=limit + 1))
    assert (dto.deposit_kind, dto.deposit_fen) == ("prepayment", limit + 1)


def test_every_paper_needs_both_signatures(uow, staff):
    """Special terms and the entrustment agreement are signed separately (办法 art. 14)."""
    consultant, manager = staff
    deal_id, _ = ready_deal(uow, consultant, manager)
    data = contract_input(special_terms="交车前加装行车记录仪")
    with pytest.raises(ValidationFailed) as e:
        sign(uow, consultant, deal_id, data, special_terms_signatures=pads()[:1], entrustment_signatures=())
    assert _codes(e) == {
        "special_terms_signatures:special_terms_signatures_required",
        "entrustment_signatures:entrustment_signatures_required",
    }
    dto = sign(uow, consultant, deal_id, data)
    assert dto.special_terms_document_id is not None and dto.special_terms == "交车前加装行车记录仪"


def test_no_entrustment_without_agency_services(uow, staff):
    """办法 art. 14: agency services are never a condition; none opted in, no agreement."""
    consultant, manager = staff
    deal_id, _ = ready_deal(uow, consultant, manager, services=())
    dto = sign(uow, consultant, deal_id, entrustment_signatures=())
    assert dto.entrustment_document_id is None and dto.price_fen == 20_790_000


def test_bad_fields_are_all_reported_at_once(uow, staff):
    consultant, manager = staff
    deal_id, _ = ready_deal(uow, consultant, manager)
    data = contract_input(
        buyer_id_number="110105194912310021", engine_no=" ", payment_method="loan", delivery_date=None,
        agent_name="张代理", agent_id_type="passport", agent_id_number="E1",
    )  # fmt: skip
    with pytest.raises(ValidationFailed) as e:
        sign(uow, consultant, deal_id, data)
    assert {
        "buyer_id:ric_checksum", "engine_no:required", "loan_lender:required", "loan_amount:loan_amount_range",
        "delivery_date:required", "agent_id:passport_format",
    } <= _codes(e)  # fmt: skip


def test_a_repeated_request_key_returns_the_first_contract(uow, staff):
    consultant, manager = staff
    deal_id, _ = ready_deal(uow, consultant, manager)
    first = sign(uow, consultant, deal_id, request_key="k-contract-1")
    again = sign(uow, consultant, deal_id, request_key="k-contract-1")
    assert again.id == first.id
