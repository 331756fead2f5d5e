"""What every PDI write checks first (issue #7; T/CSCA 120031-2023 4.4.1.3–4.4.1.4): the
technician's certificate as stored now, that the inspection and item exist, that the
inspection is open for recording; and the change set every write returns.

Shared by inspections.py (items, status), repairs.py (整改, acknowledgement) and photos.py.
"""

from __future__ import annotations

from dataclasses import replace

from app.core.clock import store_today, utcnow
from app.core.dto import Actor, Changes
from app.core.errors import NotFound, ShowroomError
from app.pdi.dto import PdiInspectionDTO
from app.pdi.queries import inspection_dto
from app.pdi.rules import InspectionStatus, check_certificate
from db.models import StaffUser
from db.pdi_models import PdiInspection, PdiItemResult, PdiTemplate
from db.uow import UnitOfWork

IS = InspectionStatus
MAX_VALUE, MAX_NOTE, MAX_NAME = 100, 2000, 100


def changed(uow: UnitOfWork, ins: PdiInspection) -> PdiInspectionDTO:
    """The inspection after a write, with its change set: the car's PDI state (issue #16)."""
    return replace(inspection_dto(uow, ins), changes=Changes(pdi=True, ids=frozenset({ins.vehicle_id})))


def certified(uow: UnitOfWork, actor: Actor) -> StaffUser:
    """4.4.1.3: the technician's certificate as stored now (not as at login): missing or
    expired refuses every recording action, not only the start."""
    user = uow.session.get(StaffUser, actor.user_id)
    if user is None:
        raise NotFound(what="staff_user", id=actor.user_id)
    check_certificate(user.pdi_certificate_no, user.pdi_certificate_expiry, store_today())
    return user


def inspection(uow: UnitOfWork, inspection_id: int) -> PdiInspection:
    ins = uow.session.get(PdiInspection, inspection_id)
    if ins is None:
        raise NotFound(what="pdi_inspection", id=inspection_id)
    return ins


def item(uow: UnitOfWork, item_result_id: int) -> tuple[PdiItemResult, PdiInspection]:
    row = uow.session.get(PdiItemResult, item_result_id)
    if row is None:
        raise NotFound(what="pdi_item_result", id=item_result_id)
    return row, inspection(uow, row.inspection_id)


def template_of(uow: UnitOfWork, ins: PdiInspection) -> PdiTemplate:
    t = uow.session.get(PdiTemplate, ins.template_id)
    if t is None:
        raise NotFound(what="pdi_template", id=ins.template_id)
    return t


def writable(ins: PdiInspection) -> None:
    if ins.status == IS.PAUSED:
        raise ShowroomError("pdi_inspection_paused", id=ins.id)
    if ins.status in (IS.PASSED, IS.REPLACED):
        raise ShowroomError("pdi_inspection_closed", id=ins.id)


def touch(ins: PdiInspection, actor: Actor) -> None:
    ins.updated_by_id = actor.user_id
    ins.updated_at = utcnow()
