"""What the contract form sends and what the contract services return (购车合同, T/CSCA
120031-2023 4.3.3; 办法 art. 15; domain_reference §4.1): the fields of the Shanghai model
contract. Money in fen; the buyer's ID number travels in clear only inside ContractInput,
on its way to being sealed (app/core/personal_data.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.core.dto import Changes


@dataclass(frozen=True)
class ContractInput:
    """The contract as typed: buyer (and an agent, 代理人, where one signs for the buyer),
    the car's engine and certificate (合格证) numbers, payment, deposit, delivery and the
    special terms (signed on their own page). The price comes from the signed quote."""

    buyer_name: str
    buyer_id_type: str
    buyer_id_number: str
    engine_no: str
    certificate_no: str
    payment_method: str
    delivery_place: str
    delivery_date: dt.date | None
    max_delivery_odometer_km: int | None
    buyer_address: str = ""
    buyer_phone: str = ""
    agent_name: str = ""
    agent_id_type: str = ""
    agent_id_number: str = ""
    loan_lender: str = ""
    loan_amount_fen: int = 0
    deposit_kind: str = "none"  # none | earnest (定金) | prepayment (订金)
    deposit_fen: int = 0
    special_terms: str = ""


@dataclass(frozen=True)
class ContractDTO:
    id: int
    deal_id: int
    quote_id: int
    number: str  # the HT document number
    revision: int
    status: str
    buyer_name: str
    buyer_id_type: str
    buyer_id_masked: str
    agent_name: str
    agent_id_type: str | None  # the agent's ID number stays sealed; its type prefills an amendment
    agent_id_masked: str | None
    vehicle_id: int
    vin: str
    engine_no: str
    certificate_no: str
    price_fen: int
    price_words: str
    payment_method: str
    loan_lender: str
    loan_amount_fen: int
    deposit_kind: str
    deposit_fen: int
    delivery_place: str
    delivery_date: dt.date
    max_delivery_odometer_km: int
    special_terms: str
    document_id: int | None
    special_terms_document_id: int | None
    entrustment_document_id: int | None
    signed_at: dt.datetime
    ended_at: dt.datetime | None
    end_reason: str
    version: int

    @property
    def changes(self) -> Changes:
        """A contract moves the deal, the car, the lead and the archive (issue #18)."""
        return Changes(sales=True, vehicles=True, reception=True, documents=True, payments=True)


@dataclass(frozen=True)
class EndedContractDTO:
    """A cancelled or terminated contract and the refund request it left for finance."""

    contract: ContractDTO
    refund_request_id: int | None
    refund_fen: int

    @property
    def changes(self) -> Changes:
        return self.contract.changes


def contract_dto(c) -> ContractDTO:
    return ContractDTO(
        id=c.id,
        deal_id=c.deal_id,
        quote_id=c.quote_id,
        number=c.number,
        revision=c.revision,
        status=c.status,
        buyer_name=c.buyer_name,
        buyer_id_type=c.buyer_id_type,
        buyer_id_masked=c.buyer_id_masked,
        agent_name=c.agent_name,
        agent_id_type=c.agent_id_type,
        agent_id_masked=c.agent_id_masked,
        vehicle_id=c.vehicle_id,
        vin=c.vin,
        engine_no=c.engine_no,
        certificate_no=c.certificate_no,
        price_fen=c.price_fen,
        price_words=c.price_words,
        payment_method=c.payment_method,
        loan_lender=c.loan_lender,
        loan_amount_fen=c.loan_amount_fen,
        deposit_kind=c.deposit_kind,
        deposit_fen=c.deposit_fen,
        delivery_place=c.delivery_place,
        delivery_date=c.delivery_date,
        max_delivery_odometer_km=c.max_delivery_odometer_km,
        special_terms=c.special_terms,
        document_id=c.document_id,
        special_terms_document_id=c.special_terms_document_id,
        entrustment_document_id=c.entrustment_document_id,
        signed_at=c.signed_at,
        ended_at=c.ended_at,
        end_reason=c.end_reason,
        version=c.version,
    )
