"""What the delivery handover (交车, T/CSCA 120031 4.4.2; 《汽车销售管理办法》 art. 16; 三包规定
arts. 9, 13) takes in and gives back: the checklist the dialog shows, the ticks the consultant
sends, and the completed handover with its two documents (交车确认 and 三包凭证)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from app.core.dto import Changes
from app.core.errors import FieldError

# 办法 art. 16: the documents handed over with the car. `numbered` ones are ticked with their
# number; the 三包凭证 is printed by the handover itself (its number is the SB document number).
CERTIFICATE = "certificate"  # 机动车整车出厂合格证
CONFORMITY = "conformity"  # 车辆一致性证书
MANUAL = "manual"  # 中文使用说明书
WARRANTY_MANUAL = "warranty_manual"  # 保修手册
SANBAO = "sanbao_certificate"  # 三包凭证 (printed here)
INVOICE = "invoice"  # 机动车销售统一发票 (recorded by finance)
IMPORT_INSPECTION = "import_inspection"  # 进口机动车辆随车检验单
IMPORT_CERTIFICATE = "import_certificate"  # 货物进口证明书

NUMBERED = frozenset({CERTIFICATE, CONFORMITY, INVOICE, IMPORT_INSPECTION, IMPORT_CERTIFICATE})
DOMESTIC_DOCUMENTS = (CERTIFICATE, CONFORMITY, MANUAL, WARRANTY_MANUAL, SANBAO, INVOICE)
IMPORT_DOCUMENTS = (IMPORT_INSPECTION, IMPORT_CERTIFICATE)

# 4.4.2: what travels in the car; a charging cable only with a plug.
ONBOARD_ITEMS = ("keys", "spare_wheel_or_kit", "tools", "warning_triangle")
CHARGING_CABLE = "charging_cable"
# 4.4.2 and 三包规定 art. 9: what the consultant explains to the customer.
EXPLANATIONS = ("operation", "warranty", "sanbao", "repairers", "safety")

# 三包规定 arts. 18-20: at least these, from the later of the invoice date and the delivery date.
SANBAO_YEARS, SANBAO_KM = 2, 50_000
REPAIR_YEARS, REPAIR_KM = 3, 60_000


@dataclass(frozen=True)
class ChecklistDocument:
    code: str
    numbered: bool
    number: str  # known to the records ("" if the consultant types it)
    printed_here: bool = False


@dataclass(frozen=True)
class GiftItem:
    """A gift or promise from the contract's quote (quote_line kinds gift and promise)."""

    line_id: int
    kind: str
    description: str


@dataclass(frozen=True)
class HandoverChecklistDTO:
    contract_id: int
    deal_id: int
    contract_number: str
    contract_version: int
    buyer_name: str
    buyer_id_masked: str
    agent_name: str
    vin: str
    car: str
    imported: bool
    documents: tuple[ChecklistDocument, ...]
    gifts: tuple[GiftItem, ...]
    onboard_items: tuple[str, ...]
    explanations: tuple[str, ...]
    max_odometer_km: int
    delivery_appointment_at: dt.datetime | None
    blockers: tuple[FieldError, ...]
    delivered: bool


@dataclass(frozen=True)
class HandoverInput:
    """The consultant's ticks. `documents` maps a document code to its number ("" for one
    without), only those handed over; `gifts` are quote line ids."""

    id_number: str = ""
    vin: str = ""  # read off the car
    documents: Mapping[str, str] = field(default_factory=dict)
    gifts: tuple[int, ...] = ()
    onboard_items: tuple[str, ...] = ()
    explanations: tuple[str, ...] = ()
    odometer_km: int | None = None


@dataclass(frozen=True)
class DeliveryAppointmentDTO:
    contract_id: int
    delivery_appointment_at: dt.datetime
    version: int
    changes: Changes = field(default_factory=lambda: Changes(sales=True))


@dataclass(frozen=True)
class HandoverDTO:
    id: int
    contract_id: int
    deal_id: int
    vehicle_id: int
    delivered_at: dt.datetime
    odometer_km: int
    warranty_start: dt.date
    warranty_start_basis: str  # "invoice" or "delivery": which date the periods count from
    sanbao_until: dt.date
    sanbao_km: int
    repair_warranty_until: dt.date
    repair_warranty_km: int
    document_id: int | None
    document_number: str | None
    warranty_document_id: int | None
    warranty_document_number: str | None
    changes: Changes = field(default_factory=lambda: Changes(sales=True, vehicles=True, documents=True))
