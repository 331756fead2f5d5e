"""Repairs of not-OK PDI items (整改, issue #7; T/CSCA 120031-2023 4.4.1.4): what was done,
parts replaced, by whom; an assembly (总成) repair is disclosed to the customer, who
acknowledges it in writing before the inspection may pass."""

from __future__ import annotations

from app.core.clock import utcnow
from app.core.dto import Actor
from app.core.errors import FieldError, NotFound, ShowroomError, ValidationFailed
from app.core.permissions import Action, require
from app.core.common import check_version, commit
from app.core.validation import check_length, clean_line, clean_text
from app.pdi import guards
from app.pdi.dto import PdiInspectionDTO, PdiRectificationDTO
from app.pdi.guards import MAX_NAME, MAX_NOTE
from app.pdi.queries import rectification_dto
from app.pdi.rules import ItemResult
from db.pdi_models import PdiRectification
from db.uow import UnitOfWork


def record_rectification(
    uow: UnitOfWork,
    *,
    actor: Actor,
    item_result_id: int,
    action_taken: str,
    repaired_by: str,
    parts_replaced: str = "",
    assembly_repair: bool = False,
    assembly_name: str = "",
) -> PdiInspectionDTO:
    """The repair of a not-OK item (4.4.1.4): what was done, parts replaced, by whom; an
    assembly (总成) repair names the assembly and awaits the customer's acknowledgement.
    The item must then be re-checked (record_item)."""
    require(actor, Action.RECORD_PDI)
    # As pasted: whitespace normalised, too long said, never cut (issue #17.3).
    action_taken, repaired_by = clean_text(action_taken), clean_line(repaired_by)
    parts_replaced, assembly_name = clean_text(parts_replaced), clean_line(assembly_name)
    errors: list[FieldError] = []
    for name, value, limit in (("action_taken", action_taken, MAX_NOTE), ("repaired_by", repaired_by, MAX_NAME)):
        if not value:
            errors.append(FieldError(name, "required"))
        check_length(value, name, limit, errors)
    check_length(parts_replaced, "parts_replaced", MAX_NOTE, errors)
    if assembly_repair and not assembly_name:
        errors.append(FieldError("assembly_name", "pdi_assembly_needs_name"))
    check_length(assembly_name, "assembly_name", MAX_NAME, errors)
    if errors:
        raise ValidationFailed(errors)
    with uow:
        guards.certified(uow, actor)
        row, ins = guards.item(uow, item_result_id)
        guards.writable(ins)
        if row.result != ItemResult.NOT_OK:
            raise ShowroomError("pdi_item_not_defective", item=row.item_id)
        now = utcnow()
        uow.session.add(
            PdiRectification(
                inspection_id=ins.id,
                item_result_id=row.id,
                item_id=row.item_id,
                defect=row.note,
                action_taken=action_taken,
                parts_replaced=parts_replaced,
                repaired_by=repaired_by,
                assembly_repair=bool(assembly_repair),
                assembly_name=assembly_name if assembly_repair else "",
                recorded_at=now,
                recorded_by_id=actor.user_id,
                acknowledged_by="",
                updated_at=now,
            )
        )
        guards.touch(ins, actor)
        commit(uow)
        return guards.changed(uow, ins)


def acknowledge_disclosure(
    uow: UnitOfWork, *, actor: Actor, rectification_id: int, expected_version: int, customer_name: str
) -> PdiRectificationDTO:
    """4.4.1.4: the customer, shown the assembly repair in writing, acknowledges it; the
    technician records who and when (the signed report repeats it)."""
    require(actor, Action.RECORD_PDI)
    customer_name = clean_line(customer_name)  # as pasted (issue #17.3)
    errors = [] if customer_name else [FieldError("customer_name", "required")]
    check_length(customer_name, "customer_name", MAX_NAME, errors)
    if errors:
        raise ValidationFailed(errors)
    with uow:
        guards.certified(uow, actor)
        r = uow.session.get(PdiRectification, rectification_id)
        if r is None:
            raise NotFound(what="pdi_rectification", id=rectification_id)
        check_version(r, expected_version)
        ins = guards.inspection(uow, r.inspection_id)
        guards.writable(ins)
        if not r.assembly_repair:
            raise ShowroomError("pdi_not_assembly_repair", item=r.item_id)
        if r.acknowledged_at is not None:
            raise ShowroomError("pdi_already_acknowledged", item=r.item_id)
        r.acknowledged_by, r.acknowledged_at = customer_name, utcnow()
        r.acknowledgement_recorded_by_id = actor.user_id
        r.updated_at = utcnow()
        if not ins.customer_name:
            ins.customer_name = customer_name
        commit(uow)
        return rectification_dto(uow, r)
