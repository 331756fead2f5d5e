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

from dataclasses import replace

from sqlalchemy import select

from app.core.clock import store_today, utcnow
from app.pdi.rules import InspectionStatus, ItemResult, check_certificate
from app.core.errors import FieldError, NotFound, ShowroomError, ValidationFailed
from app.core.permissions import Action, require
from app.core.common import check_version, commit
from app.core.dto import Actor, Changes
from app.pdi.dto import PdiInspectionDTO, PdiRectificationDTO
from app.pdi.queries import inspection_dto, rectification_dto
from app.pdi.templates import current_template_row, definition_of, ensure_default_template
from db.models import StaffUser, Vehicle, VehicleStatus
from db.pdi_models import PdiInspection, PdiItemEvent, PdiItemResult, PdiPhoto, PdiRectification, PdiTemplate
from db.uow import UnitOfWork

IS = InspectionStatus
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
MAX_VALUE, MAX_NOTE, MAX_NAME = 100, 2000, 100
MAX_PHOTO_BYTES = 8 * 1024 * 1024
PHOTO_TYPES = ((b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg"))


def changed(uow: UnitOfWork, ins: PdiInspection) -> PdiInspectionDTO:
    """The inspection after a write, with its change set: the car's PDI state (issue #16)."""
    return replace(inspection_dto(uow, ins), changes=Changes(pdi=True, ids=frozenset({ins.vehicle_id})))


def _certified(uow: UnitOfWork, actor: Actor) -> StaffUser:
    """4.4.1.3: the technician's certificate as stored now (not as at login): missing or
    expired refuses every recording action, not only the start."""
    user = uow.session.get(StaffUser, actor.user_id)
    if user is None:
        raise NotFound(what="staff_user", id=actor.user_id)
    check_certificate(user.pdi_certificate_no, user.pdi_certificate_expiry, store_today())
    return user


def _inspection(uow: UnitOfWork, inspection_id: int) -> PdiInspection:
    ins = uow.session.get(PdiInspection, inspection_id)
    if ins is None:
        raise NotFound(what="pdi_inspection", id=inspection_id)
    return ins


def _writable(ins: PdiInspection) -> None:
    if ins.status == IS.PAUSED:
        raise ShowroomError("pdi_inspection_paused", id=ins.id)
    if ins.status in (IS.PASSED, IS.REPLACED):
        raise ShowroomError("pdi_inspection_closed", id=ins.id)


def _touch(ins: PdiInspection, actor: Actor) -> None:
    ins.updated_by_id = actor.user_id
    ins.updated_at = utcnow()


def start_inspection(uow: UnitOfWork, *, actor: Actor, vehicle_id: int) -> PdiInspectionDTO:
    """Start a PDI of a car with the template current for its brand; one open inspection
    per car (resume it instead)."""
    require(actor, Action.RECORD_PDI)
    ensure_default_template(uow)
    with uow:
        s = uow.session
        user = _certified(uow, actor)
        v = s.get(Vehicle, vehicle_id)
        if v is None:
            raise NotFound(what="vehicle", id=vehicle_id)
        if v.status not in INSPECTABLE:
            raise ShowroomError("pdi_vehicle_not_available", vin=v.vin, status=v.status)
        template = current_template_row(s, v.brand)
        open_one = s.scalar(
            select(PdiInspection).where(PdiInspection.vehicle_id == v.id, PdiInspection.status.in_(OPEN))
        )
        if open_one is not None:
            if open_one.template_id == template.id and open_one.powertrain == v.powertrain:
                raise ShowroomError("pdi_inspection_open", vin=v.vin, id=open_one.id)
            # Its checklist was replaced (or the car's powertrain corrected) meanwhile: it
            # could never open the delivery gate, so a new inspection takes its place.
            open_one.status = IS.REPLACED.value
            _touch(open_one, actor)
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
        now = utcnow()
        ins = PdiInspection(
            vehicle_id=v.id,
            template_id=template.id,
            powertrain=v.powertrain,
            status=IS.IN_PROGRESS.value,
            technician_id=user.id,
            certificate_no=user.pdi_certificate_no.strip(),
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
        commit(uow)
        return changed(uow, ins)


def _item(uow: UnitOfWork, item_result_id: int) -> tuple[PdiItemResult, PdiInspection]:
    row = uow.session.get(PdiItemResult, item_result_id)
    if row is None:
        raise NotFound(what="pdi_item_result", id=item_result_id)
    return row, _inspection(uow, row.inspection_id)


def _validate_item(result: str, value: str, note: str, value_kind: str | None) -> tuple[str, str, str]:
    errors: list[FieldError] = []
    try:
        result = ItemResult(result).value
    except ValueError:
        errors.append(FieldError("result", "unknown_value"))
    value, note = (value or "").strip(), (note or "").strip()
    if len(value) > MAX_VALUE:
        errors.append(FieldError("value", "too_long", {"max": MAX_VALUE}))
    elif value and value_kind == "number":
        try:
            float(value.replace(",", "."))
        except ValueError:
            errors.append(FieldError("value", "pdi_value_not_number"))
    if len(note) > MAX_NOTE:
        errors.append(FieldError("note", "too_long", {"max": MAX_NOTE}))
    elif result == ItemResult.NOT_OK and not note:
        # 4.4.1.4: the defect is described, so the repair and the disclosure can refer to it.
        errors.append(FieldError("note", "pdi_defect_needs_note"))
    elif result == ItemResult.NOT_APPLICABLE and not note:
        errors.append(FieldError("note", "pdi_na_needs_reason"))
    if errors:
        raise ValidationFailed(errors)
    return result, value, note


def record_item(
    uow: UnitOfWork,
    *,
    actor: Actor,
    item_result_id: int,
    expected_version: int,
    result: str,
    value: str = "",
    note: str = "",
) -> PdiInspectionDTO:
    """Record one item. A not-OK item may only be re-checked OK or N/A after a rectification
    was recorded for it (4.4.1.4). Conflict when another terminal saved this item since."""
    require(actor, Action.RECORD_PDI)
    with uow:
        _certified(uow, actor)
        row, ins = _item(uow, item_result_id)
        check_version(row, expected_version)
        _writable(ins)
        item = definition_of(ins_template(uow, ins)).item(row.item_id)
        result, value, note = _validate_item(result, value, note, item.value_kind if item else None)
        if row.result == ItemResult.NOT_OK and result != ItemResult.NOT_OK:
            repaired = uow.session.scalar(
                select(PdiRectification.id).where(
                    PdiRectification.item_result_id == row.id, PdiRectification.recorded_at >= row.recorded_at
                )
            )
            if repaired is None:
                raise ValidationFailed([FieldError("result", "pdi_rectification_required", {"item": row.item_id})])
        now = utcnow()
        row.result, row.value, row.note = result, value, note
        row.defect_found = row.defect_found or result == ItemResult.NOT_OK
        row.recorded_at, row.recorded_by_id = now, actor.user_id
        row.updated_at, row.updated_by_id = now, actor.user_id
        uow.session.add(
            PdiItemEvent(
                item_result_id=row.id,
                result=result,
                value=value,
                note=note,
                recorded_at=now,
                recorded_by_id=actor.user_id,
            )
        )
        if ins.status == IS.FAILED:
            ins.status = IS.IN_PROGRESS.value  # re-checked after a repair: back to work
            _touch(ins, actor)
        commit(uow)
        return changed(uow, ins)


def ins_template(uow: UnitOfWork, ins: PdiInspection) -> PdiTemplate:
    return uow.session.get(PdiTemplate, ins.template_id)


def _photo_type(content: bytes) -> str:
    for magic, kind in PHOTO_TYPES:
        if content.startswith(magic):
            return kind
    raise ValidationFailed([FieldError("photo", "pdi_photo_type")])


def add_photo(
    uow: UnitOfWork, *, actor: Actor, item_result_id: int, content: bytes, caption: str = ""
) -> PdiInspectionDTO:
    """Attach a photo (JPEG or PNG) to an item; kept in the database as evidence."""
    require(actor, Action.RECORD_PDI)
    content = bytes(content or b"")
    if not content:
        raise ValidationFailed([FieldError("photo", "required")])
    if len(content) > MAX_PHOTO_BYTES:
        raise ValidationFailed(
            [FieldError("photo", "pdi_photo_too_large", {"max_mb": MAX_PHOTO_BYTES // (1024 * 1024)})]
        )
    kind = _photo_type(content)
    caption = (caption or "").strip()
    if len(caption) > 200:
        raise ValidationFailed([FieldError("caption", "too_long", {"max": 200})])
    with uow:
        _certified(uow, actor)
        row, ins = _item(uow, item_result_id)
        _writable(ins)
        uow.session.add(
            PdiPhoto(
                item_result_id=row.id,
                content_type=kind,
                content=content,
                size=len(content),
                caption=caption,
                taken_at=utcnow(),
                taken_by_id=actor.user_id,
            )
        )
        commit(uow)
        return changed(uow, ins)


def get_photo(uow: UnitOfWork, *, actor: Actor, photo_id: int) -> bytes:
    require(actor, Action.VIEW_PDI)
    with uow:
        photo = uow.session.get(PdiPhoto, photo_id)
        if photo is None:
            raise NotFound(what="pdi_photo", id=photo_id)
        return bytes(photo.content)


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
        _certified(uow, actor)
        ins = _inspection(uow, inspection_id)
        check_version(ins, expected_version)
        if ins.status not in allowed_from:
            raise ShowroomError(code, id=ins.id, status=ins.status)
        ins.status = to.value
        ins.paused_at = utcnow() if to is IS.PAUSED else None
        _touch(ins, actor)
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
    action_taken, repaired_by = (action_taken or "").strip(), (repaired_by or "").strip()
    parts_replaced, assembly_name = (parts_replaced or "").strip(), (assembly_name or "").strip()
    errors: list[FieldError] = []
    for name, value, limit in (("action_taken", action_taken, MAX_NOTE), ("repaired_by", repaired_by, MAX_NAME)):
        if not value:
            errors.append(FieldError(name, "required"))
        elif len(value) > limit:
            errors.append(FieldError(name, "too_long", {"max": limit}))
    if len(parts_replaced) > MAX_NOTE:
        errors.append(FieldError("parts_replaced", "too_long", {"max": MAX_NOTE}))
    if assembly_repair and not assembly_name:
        errors.append(FieldError("assembly_name", "pdi_assembly_needs_name"))
    elif len(assembly_name) > MAX_NAME:
        errors.append(FieldError("assembly_name", "too_long", {"max": MAX_NAME}))
    if errors:
        raise ValidationFailed(errors)
    with uow:
        _certified(uow, actor)
        row, ins = _item(uow, item_result_id)
        _writable(ins)
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
        _touch(ins, actor)
        commit(uow)
        return changed(uow, ins)


def acknowledge_disclosure(
    uow: UnitOfWork, *, actor: Actor, rectification_id: int, expected_version: int, customer_name: str
) -> PdiRectificationDTO:
    """4.4.1.4: the customer, shown the assembly repair in writing, acknowledges it; the
    technician records who and when (the signed report repeats it)."""
    require(actor, Action.RECORD_PDI)
    customer_name = (customer_name or "").strip()
    if not customer_name:
        raise ValidationFailed([FieldError("customer_name", "required")])
    if len(customer_name) > MAX_NAME:
        raise ValidationFailed([FieldError("customer_name", "too_long", {"max": MAX_NAME})])
    with uow:
        _certified(uow, actor)
        r = uow.session.get(PdiRectification, rectification_id)
        if r is None:
            raise NotFound(what="pdi_rectification", id=rectification_id)
        check_version(r, expected_version)
        ins = _inspection(uow, r.inspection_id)
        _writable(ins)
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


def complete_inspection(
    uow: UnitOfWork, *, actor: Actor, inspection_id: int, expected_version: int
) -> PdiInspectionDTO:
    """Finish: every item must be recorded (else `pdi_items_open`, nothing changes). Passed
    when every item is OK or N/A and every assembly repair is acknowledged (4.4.1.2, 4.4.1.4);
    otherwise failed, and it stays open for repairs and re-checks."""
    require(actor, Action.RECORD_PDI)
    with uow:
        _certified(uow, actor)
        ins = _inspection(uow, inspection_id)
        check_version(ins, expected_version)
        _writable(ins)
        dto = inspection_dto(uow, ins)
        if dto.blockers.get("open"):
            raise ShowroomError(
                "pdi_items_open", items=", ".join(dto.blockers["open"]), count=len(dto.blockers["open"])
            )
        now = utcnow()
        ins.status = (IS.FAILED if dto.blockers else IS.PASSED).value
        ins.completed_at, ins.completed_by_id = now, actor.user_id
        _touch(ins, actor)
        commit(uow)
        return changed(uow, ins)


def delivery_gate(session, vehicle: Vehicle) -> None:
    """T/CSCA 120031 4.4.1.2–4.4.1.4, called by vehicles.change_status before 'delivered':
    the car needs a passed PDI of the template version current for its brand, and its
    signed report (the customer's copy). Raises `pdi_required` / `pdi_report_required`."""
    template = current_template_row(session, vehicle.brand)
    passed = None
    if template is not None:
        passed = session.scalar(
            select(PdiInspection)
            .where(
                PdiInspection.vehicle_id == vehicle.id,
                PdiInspection.status == IS.PASSED.value,
                PdiInspection.template_id == template.id,
                # Inspected as the car is now: a corrected powertrain changes the applicable items.
                PdiInspection.powertrain == vehicle.powertrain,
            )
            .order_by(PdiInspection.id.desc())
            .limit(1)
        )
    if passed is None:
        outdated = session.scalar(
            select(PdiInspection.id).where(
                PdiInspection.vehicle_id == vehicle.id, PdiInspection.status == IS.PASSED.value
            )
        )
        raise ShowroomError("pdi_required", vin=vehicle.vin, outdated=outdated is not None)
    if passed.report_document_id is None:
        raise ShowroomError("pdi_report_required", vin=vehicle.vin, id=passed.id)
