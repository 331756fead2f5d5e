"""PDI inspections (新车售前检查, issue #7; T/CSCA 120031-2023 4.4.1.1–4.4.1.4).

A certified technician (4.4.1.3) starts an inspection of a car against the template version
current for its brand; every applicable item gets a row with its own version counter and is
recorded OK / not OK / not applicable with a value, note and photos, and who recorded it
when (4.4.1.4 traceable records). A not-OK item needs a rectification (what was done, parts,
by whom) before it may be re-checked OK; an assembly (总成) repair must be acknowledged by
the customer (4.4.1.4). Completing passes the inspection only when every item is OK (or not
applicable with a reason) and every assembly repair is acknowledged, else it fails and
stays open for repair. Reading the queue and details: queries.py; the report:
report.py; templates: templates.py.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.clock import utcnow
from app.core.common import check_version, commit
from app.core.dto import Actor
from app.core.errors import FieldError, NotFound, ShowroomError, ValidationFailed
from app.core.permissions import Action, require
from app.core.request_keys import first_record, remember
from app.core.validation import check_length, clean_line, clean_text
from app.pdi import guards
from app.pdi.dto import PdiInspectionDTO, PdiItemEntry
from app.pdi.gate import delivery_gate
from app.pdi.guards import MAX_NOTE, MAX_VALUE, changed
from app.pdi.photos import add_photo, get_photo
from app.pdi.queries import inspection_dto
from app.pdi.repairs import acknowledge_disclosure, record_rectification
from app.pdi.rules import InspectionStatus, ItemResult, TemplateDefinition
from app.pdi.templates import current_template_row, definition_of, ensure_default_template, require_approved
from db.models import StaffUser, Vehicle, VehicleStatus
from db.pdi_models import PdiInspection, PdiItemEvent, PdiItemResult, PdiPhoto, PdiRectification, PdiTemplate
from db.uow import UnitOfWork

# Repairs, photos and the delivery gate live in their own modules; callers (the demo, the
# UI, the tests) keep reaching them here, as before the split (issue #16.4).
__all__ = [
    "acknowledge_disclosure",
    "add_photo",
    "complete_inspection",
    "delivery_gate",
    "get_photo",
    "pause_inspection",
    "record_item",
    "record_items",
    "record_rectification",
    "resume_inspection",
    "start_inspection",
]

IS = InspectionStatus
RECORD_ITEM = "record_pdi_item"  # the request-key operation of record_item (issue #16.2)
RECORD_ITEMS = "record_pdi_items"  # ... and of record_items, several in one go
OPEN = (IS.IN_PROGRESS.value, IS.PAUSED.value, IS.FAILED.value)
# A car still on its way or already handed over is not inspected for delivery.
INSPECTABLE = frozenset(
    {
        VehicleStatus.IN_STOCK,
        VehicleStatus.ON_DISPLAY,
        VehicleStatus.TEST_DRIVE_FLEET,
        VehicleStatus.RESERVED,
        VehicleStatus.SOLD,
    }
)


def _make_way(s: Session, actor: Actor, v: Vehicle, template: PdiTemplate) -> None:
    """One open inspection per car, and none once it passed on this checklist: refuse, or
    retire an open one whose checklist (or the car's powertrain) changed since."""
    open_one = s.scalar(select(PdiInspection).where(PdiInspection.vehicle_id == v.id, PdiInspection.status.in_(OPEN)))
    if open_one is not None:
        if open_one.template_id == template.id and open_one.powertrain == v.powertrain:
            raise ShowroomError("pdi_inspection_open", vin=v.vin, id=open_one.id)
        # Its checklist was replaced (or the car's powertrain corrected) meanwhile: it
        # could never open the delivery gate, so a new inspection takes its place.
        open_one.status = IS.REPLACED.value
        guards.touch(open_one, actor)
    passed = s.scalar(
        select(PdiInspection.id).where(
            PdiInspection.vehicle_id == v.id,
            PdiInspection.status == IS.PASSED.value,
            PdiInspection.template_id == template.id,
            PdiInspection.powertrain == v.powertrain,
        )
    )
    if passed is not None:
        raise ShowroomError("pdi_already_passed", vin=v.vin, id=passed)


def _new_inspection(s: Session, actor: Actor, user: StaffUser, v: Vehicle, template: PdiTemplate) -> PdiInspection:
    """The inspection with one empty row per item that applies to the car's powertrain."""
    now = utcnow()
    ins = PdiInspection(
        vehicle_id=v.id,
        template_id=template.id,
        powertrain=v.powertrain,
        status=IS.IN_PROGRESS.value,
        technician_id=user.id,
        certificate_no=(user.pdi_certificate_no or "").strip(),
        started_at=now,
        customer_name="",
        updated_at=now,
        updated_by_id=actor.user_id,
    )
    s.add(ins)
    s.flush()
    for position, item in enumerate(definition_of(template).applicable(v.powertrain)):
        s.add(
            PdiItemResult(
                inspection_id=ins.id,
                item_id=item.id,
                position=position,
                value="",
                note="",
                defect_found=False,
                updated_at=now,
                updated_by_id=actor.user_id,
            )
        )
    return ins


def start_inspection(uow: UnitOfWork, *, actor: Actor, vehicle_id: int) -> PdiInspectionDTO:
    """Start a PDI of a car with the template current for its brand; one open inspection
    per car (resume it instead)."""
    require(actor, Action.RECORD_PDI)
    ensure_default_template(uow)
    with uow:
        s = uow.session
        user = guards.certified(uow, actor)
        v = s.get(Vehicle, vehicle_id)
        if v is None:
            raise NotFound(what="vehicle", id=vehicle_id)
        if v.status not in INSPECTABLE:
            raise ShowroomError("pdi_vehicle_not_available", vin=v.vin, status=v.status)
        template = current_template_row(s, v.brand)
        if template is None:  # ensure_default_template loaded one: only a broken database
            raise NotFound(what="pdi_template", brand=v.brand)
        require_approved(template)  # 4.4.1.2 b: not on a short checklist nobody approved
        _make_way(s, actor, v, template)
        ins = _new_inspection(s, actor, user, v, template)
        commit(uow)
        return changed(uow, ins)


def _validate_item(result: str, value: str, note: str, value_kind: str | None) -> tuple[str, str, str]:
    errors: list[FieldError] = []
    try:
        result = ItemResult(result).value
    except ValueError:
        errors.append(FieldError("result", "unknown_value"))
    value, note = clean_line(value), clean_text(note)  # as pasted (issue #17.3)
    if len(value) > MAX_VALUE:
        check_length(value, "value", MAX_VALUE, errors)
    elif value and value_kind == "number":
        try:
            float(value.replace(",", "."))
        except ValueError:
            errors.append(FieldError("value", "pdi_value_not_number"))
    if len(note) > MAX_NOTE:
        check_length(note, "note", MAX_NOTE, errors)
    elif result == ItemResult.NOT_OK and not note:
        # 4.4.1.4: the defect is described, so the repair and the disclosure can refer to it.
        errors.append(FieldError("note", "pdi_defect_needs_note"))
    elif result == ItemResult.NOT_APPLICABLE and not note:
        errors.append(FieldError("note", "pdi_na_needs_reason"))
    if errors:
        raise ValidationFailed(errors)
    return result, value, note


def _check_recheck(s: Session, row: PdiItemResult, result: str) -> None:
    """4.4.1.4: a not-OK item is re-checked only after its repair was recorded."""
    if row.result == ItemResult.NOT_OK and result != ItemResult.NOT_OK:
        repaired = s.scalar(
            select(PdiRectification.id).where(
                PdiRectification.item_result_id == row.id, PdiRectification.recorded_at >= row.recorded_at
            )
        )
        if repaired is None:
            raise ValidationFailed([FieldError("result", "pdi_rectification_required", {"item": row.item_id})])


def _check_photos(s: Session, row: PdiItemResult, result: str, required: int) -> None:
    """An item whose checklist entry asks for photos (F01: four corners and the odometer)
    passes only with them attached (4.4.1.4 traceable records; issue #17.9)."""
    if result != ItemResult.OK or not required:
        return
    have = s.scalar(select(func.count(PdiPhoto.id)).where(PdiPhoto.item_result_id == row.id)) or 0
    if have < required:
        raise ValidationFailed(
            [FieldError("photo", "pdi_photos_required", {"item": row.item_id, "required": required, "have": have})]
        )


def _apply(
    uow: UnitOfWork,
    actor: Actor,
    row: PdiItemResult,
    ins: PdiInspection,
    definition: TemplateDefinition,
    entry: PdiItemEntry,
) -> PdiItemEvent:
    """Check one recording against every rule and write it with its history event: the
    version (conflict), an open inspection, the value, the repair before a re-check, the
    photos (4.4.1.4; issue #17.9). Shared by record_item and record_items."""
    check_version(row, entry.expected_version)
    guards.writable(ins)
    item = definition.item(row.item_id)
    result, value, note = _validate_item(entry.result, entry.value, entry.note, item.value_kind if item else None)
    _check_recheck(uow.session, row, result)
    _check_photos(uow.session, row, result, item.photos if item else 0)
    now = utcnow()
    row.result, row.value, row.note = result, value, note
    row.defect_found = row.defect_found or result == ItemResult.NOT_OK
    row.recorded_at, row.recorded_by_id = now, actor.user_id
    row.updated_at, row.updated_by_id = now, actor.user_id
    event = PdiItemEvent(
        item_result_id=row.id, result=result, value=value, note=note, recorded_at=now, recorded_by_id=actor.user_id
    )
    uow.session.add(event)
    if ins.status == IS.FAILED:
        ins.status = IS.IN_PROGRESS.value  # re-checked after a repair: back to work
        guards.touch(ins, actor)
    return event


def record_item(
    uow: UnitOfWork,
    *,
    actor: Actor,
    item_result_id: int,
    expected_version: int,
    result: str,
    value: str = "",
    note: str = "",
    request_key: str | None = None,
) -> PdiInspectionDTO:
    """Record one item. A not-OK item may only be re-checked OK or N/A after a rectification
    was recorded for it (4.4.1.4). Conflict when another terminal saved this item since.
    An item that asks for photos passes only with them (`pdi_photos_required`, issue #17.9).
    A repeated `request_key` (a double click, a retry) records nothing more and returns the
    inspection as it is (issue #16.2): one press, one result in the item's history."""
    require(actor, Action.RECORD_PDI)
    with uow:
        guards.certified(uow, actor)
        row, ins = guards.item(uow, item_result_id)
        if first_record(uow.session, request_key, RECORD_ITEM) is not None:
            return changed(uow, ins)
        definition = definition_of(guards.template_of(uow, ins))
        entry = PdiItemEntry(item_result_id, expected_version, result, value, note)
        event = _apply(uow, actor, row, ins, definition, entry)
        uow.session.flush()
        remember(uow.session, request_key, RECORD_ITEM, event.id, actor_id=actor.user_id, now=event.recorded_at)
        commit(uow)
        return changed(uow, ins)


def record_items(
    uow: UnitOfWork,
    *,
    actor: Actor,
    inspection_id: int,
    entries: Sequence[PdiItemEntry],
    request_key: str | None = None,
) -> PdiInspectionDTO:
    """Record several items of one inspection in one transaction (the demo, an import):
    each entry is checked exactly as by record_item, and the first one refused (a conflict,
    a missing photo or repair, a bad value) refuses them all, so nothing is half-saved.
    The inspection is read once and returned once, at the end (issue #17, speed). A repeated
    `request_key` records nothing more (issue #16.2)."""
    require(actor, Action.RECORD_PDI)
    with uow:
        s = uow.session
        guards.certified(uow, actor)
        ins = guards.inspection(uow, inspection_id)
        if first_record(s, request_key, RECORD_ITEMS) is not None:
            return changed(uow, ins)
        guards.writable(ins)  # paused or closed refuses even an empty batch
        definition = definition_of(guards.template_of(uow, ins))
        rows = {r.id: r for r in s.scalars(select(PdiItemResult).where(PdiItemResult.inspection_id == ins.id))}
        events: list[PdiItemEvent] = []
        for entry in entries:
            row = rows.get(entry.item_result_id)
            if row is None:  # not an item of this inspection
                raise NotFound(what="pdi_item_result", id=entry.item_result_id)
            events.append(_apply(uow, actor, row, ins, definition, entry))
            s.flush()  # the next entry's checks (and version counters) see this one
        if events:
            remember(s, request_key, RECORD_ITEMS, events[-1].id, actor_id=actor.user_id, now=events[-1].recorded_at)
        commit(uow)
        return changed(uow, ins)


def _set_status(
    uow: UnitOfWork,
    actor: Actor,
    inspection_id: int,
    expected_version: int,
    allowed_from: tuple[str, ...],
    to: InspectionStatus,
    code: str,
) -> PdiInspectionDTO:
    require(actor, Action.RECORD_PDI)
    with uow:
        guards.certified(uow, actor)
        ins = guards.inspection(uow, inspection_id)
        check_version(ins, expected_version)
        if ins.status not in allowed_from:
            raise ShowroomError(code, id=ins.id, status=ins.status)
        ins.status = to.value
        ins.paused_at = utcnow() if to is IS.PAUSED else None
        guards.touch(ins, actor)
        commit(uow)
        return changed(uow, ins)


def pause_inspection(uow: UnitOfWork, *, actor: Actor, inspection_id: int, expected_version: int) -> PdiInspectionDTO:
    """Put an inspection aside (end of shift, car on the lift elsewhere); resume later."""
    return _set_status(
        uow,
        actor,
        inspection_id,
        expected_version,
        (IS.IN_PROGRESS.value, IS.FAILED.value),
        IS.PAUSED,
        "pdi_inspection_not_running",
    )


def resume_inspection(uow: UnitOfWork, *, actor: Actor, inspection_id: int, expected_version: int) -> PdiInspectionDTO:
    return _set_status(
        uow, actor, inspection_id, expected_version, (IS.PAUSED.value,), IS.IN_PROGRESS, "pdi_inspection_not_paused"
    )


def complete_inspection(
    uow: UnitOfWork, *, actor: Actor, inspection_id: int, expected_version: int
) -> PdiInspectionDTO:
    """Finish: every item must be recorded (else `pdi_items_open`, nothing changes). Passed
    when every item is OK or N/A and every assembly repair is acknowledged (4.4.1.2, 4.4.1.4);
    otherwise failed, and it stays open for repairs and re-checks."""
    require(actor, Action.RECORD_PDI)
    with uow:
        guards.certified(uow, actor)
        ins = guards.inspection(uow, inspection_id)
        check_version(ins, expected_version)
        guards.writable(ins)
        dto = inspection_dto(uow, ins)
        if dto.blockers.get("open"):
            raise ShowroomError(
                "pdi_items_open", items=", ".join(dto.blockers["open"]), count=len(dto.blockers["open"])
            )
        now = utcnow()
        ins.status = (IS.FAILED if dto.blockers else IS.PASSED).value
        ins.completed_at, ins.completed_by_id = now, actor.user_id
        guards.touch(ins, actor)
        commit(uow)
        return changed(uow, ins)
