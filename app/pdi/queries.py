"""Reading PDI data (issue #7): the delivery queue and one inspection with its items, photos
and rectifications, as frozen DTOs. Writes nothing except loading the default template on
first use."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.pdi.rules import InspectionStatus, ItemState, QueueState, RepairState, TemplateDefinition, pass_blockers
from app.core.errors import NotFound
from app.core.permissions import Action, require
from app.core.dto import Actor
from app.pdi.dto import PdiInspectionDTO, PdiItemDTO, PdiItemEventDTO, PdiPhotoDTO, PdiQueueRowDTO, PdiRectificationDTO
from db.models import Document, StaffUser, Vehicle, VehicleStatus
from db.pdi_models import PdiInspection, PdiItemEvent, PdiItemResult, PdiPhoto, PdiRectification, PdiTemplate
from db.uow import UnitOfWork

IS = InspectionStatus
T = TypeVar("T")
# The delivery queue: cars sold or reserved for a customer (T/CSCA 120031 4.4.1).
QUEUE_STATUSES = (VehicleStatus.RESERVED.value, VehicleStatus.SOLD.value)


def _name(session: Session, user_id: int | None) -> str | None:
    if user_id is None:
        return None
    u = session.get(StaffUser, user_id)
    return u.full_name if u else None


def _cached_name(session: Session, names: dict[int, str | None], user_id: int) -> str | None:
    if user_id not in names:
        names[user_id] = _name(session, user_id)
    return names[user_id]


def rectification_dto(uow: UnitOfWork, r: PdiRectification) -> PdiRectificationDTO:
    return PdiRectificationDTO(
        id=r.id,
        item_id=r.item_id,
        defect=r.defect,
        action_taken=r.action_taken,
        parts_replaced=r.parts_replaced,
        repaired_by=r.repaired_by,
        assembly_repair=r.assembly_repair,
        assembly_name=r.assembly_name,
        recorded_at=r.recorded_at,
        recorded_by_name=_name(uow.session, r.recorded_by_id),
        acknowledged_by=r.acknowledged_by,
        acknowledged_at=r.acknowledged_at,
        version=r.version,
    )


def _photos(s: Session, inspection_id: int) -> dict[int, list[PdiPhotoDTO]]:
    """The photos of an inspection by item row (without their bytes)."""
    photos: dict[int, list[PdiPhotoDTO]] = {}
    for p in s.execute(
        select(
            PdiPhoto.id,
            PdiPhoto.item_result_id,
            PdiPhoto.content_type,
            PdiPhoto.size,
            PdiPhoto.caption,
            PdiPhoto.taken_at,
        )
        .join(PdiItemResult, PdiItemResult.id == PdiPhoto.item_result_id)
        .where(PdiItemResult.inspection_id == inspection_id)
        .order_by(PdiPhoto.id)
    ):
        photos.setdefault(p.item_result_id, []).append(PdiPhotoDTO(p.id, p.content_type, p.size, p.caption, p.taken_at))
    return photos


def _history(s: Session, inspection_id: int, names: dict[int, str | None]) -> dict[int, list[PdiItemEventDTO]]:
    """Every recording of every item, oldest first (4.4.1.4 traceable records)."""
    history: dict[int, list[PdiItemEventDTO]] = {}
    events = (
        select(PdiItemEvent)
        .join(PdiItemResult, PdiItemResult.id == PdiItemEvent.item_result_id)
        .where(PdiItemResult.inspection_id == inspection_id)
        .order_by(PdiItemEvent.id)
    )
    for e in s.scalars(events):
        history.setdefault(e.item_result_id, []).append(
            PdiItemEventDTO(e.result, e.value, e.note, _cached_name(s, names, e.recorded_by_id), e.recorded_at)
        )
    return history


def _item_dto(s: Session, row: PdiItemResult, definition: TemplateDefinition, photos, history, names) -> PdiItemDTO:
    t = definition.item(row.item_id)
    section = definition.section(t.section) if t else None
    return PdiItemDTO(
        id=row.id,
        item_id=row.item_id,
        section_id=t.section if t else "",
        section_zh=section.zh if section else "",
        section_en=section.en if section else "",
        zh=t.zh if t else row.item_id,
        en=t.en if t else row.item_id,
        value_kind=t.value_kind if t else None,
        value_unit=t.value_unit if t else "",
        result=row.result,
        value=row.value,
        note=row.note,
        defect_found=row.defect_found,
        recorded_at=row.recorded_at,
        recorded_by_name=_cached_name(s, names, row.recorded_by_id) if row.recorded_by_id else None,
        photos=tuple(photos.get(row.id, ())),
        version=row.version,
        history=tuple(history.get(row.id, ())),
        photos_required=t.photos if t else 0,
    )


def _items(s: Session, ins: PdiInspection, template: PdiTemplate) -> list[PdiItemDTO]:
    from app.pdi.templates import definition_of

    definition = definition_of(template)
    # Names looked up once per inspection: the session keeps no loaded user alive between
    # two look-ups, so each one was a query (the demo build's 10,000 loads, issue #17 speed).
    names: dict[int, str | None] = {}
    photos, history = _photos(s, ins.id), _history(s, ins.id, names)
    rows = s.scalars(
        select(PdiItemResult).where(PdiItemResult.inspection_id == ins.id).order_by(PdiItemResult.position)
    )
    return [_item_dto(s, row, definition, photos, history, names) for row in rows]


def _required(s: Session, model: type[T], id_: int) -> T:
    row = s.get(model, id_)
    if row is None:
        raise NotFound(what=getattr(model, "__tablename__", model.__name__), id=id_)
    return row


def inspection_dto(uow: UnitOfWork, ins: PdiInspection) -> PdiInspectionDTO:
    s = uow.session
    s.flush()
    v = _required(s, Vehicle, ins.vehicle_id)
    template = _required(s, PdiTemplate, ins.template_id)
    items = _items(s, ins, template)
    repairs = [
        rectification_dto(uow, r)
        for r in s.scalars(
            select(PdiRectification).where(PdiRectification.inspection_id == ins.id).order_by(PdiRectification.id)
        )
    ]
    blockers = pass_blockers(
        [ItemState(i.item_id, i.result, i.note) for i in items],
        [RepairState(r.item_id, r.assembly_repair, r.acknowledged_at is not None) for r in repairs],
    )
    report = s.get(Document, ins.report_document_id) if ins.report_document_id else None
    return PdiInspectionDTO(
        id=ins.id,
        vehicle_id=v.id,
        vin=v.vin,
        brand=v.brand,
        model=v.model,
        trim=v.trim,
        model_year=v.model_year,
        exterior_color=v.exterior_color,
        powertrain=ins.powertrain,
        production_date=v.production_date,
        template_id=template.id,
        template_key=template.key,
        template_brand=template.brand,
        template_version=template.template_version,
        template_title_zh=template.title_zh,
        template_title_en=template.title_en,
        template_current=template.current,
        status=ins.status,
        technician_id=ins.technician_id,
        technician_name=_name(s, ins.technician_id) or "",
        certificate_no=ins.certificate_no,
        started_at=ins.started_at,
        paused_at=ins.paused_at,
        completed_at=ins.completed_at,
        customer_name=ins.customer_name,
        report_document_id=ins.report_document_id,
        report_number=report.number if report else None,
        report_voided=report is not None and report.voided_at is not None,
        items=tuple(items),
        rectifications=tuple(repairs),
        blockers=blockers,
        version=ins.version,
    )


def get_inspection(uow: UnitOfWork, *, actor: Actor, inspection_id: int) -> PdiInspectionDTO:
    require(actor, Action.VIEW_PDI)
    with uow:
        ins = uow.session.get(PdiInspection, inspection_id)
        if ins is None:
            raise NotFound(what="pdi_inspection", id=inspection_id)
        return inspection_dto(uow, ins)


def inspections_of_vehicle(uow: UnitOfWork, *, actor: Actor, vehicle_id: int) -> list[PdiInspectionDTO]:
    require(actor, Action.VIEW_PDI)
    with uow:
        return [
            inspection_dto(uow, i)
            for i in uow.session.scalars(
                select(PdiInspection).where(PdiInspection.vehicle_id == vehicle_id).order_by(PdiInspection.id.desc())
            )
        ]


def _state(
    ins: PdiInspection | None, current_template_id: int | None, powertrain: str, reported: bool
) -> tuple[QueueState, bool]:
    if ins is None:
        return QueueState.AWAITING, False
    outdated = ins.template_id != current_template_id or ins.powertrain != powertrain
    if ins.status in (IS.IN_PROGRESS, IS.PAUSED):
        return QueueState.IN_PROGRESS, outdated
    if ins.status == IS.FAILED:
        return QueueState.FAILED, outdated
    if outdated or ins.status == IS.REPLACED:  # passed on a replaced checklist: the gate wants a new inspection
        return QueueState.AWAITING, True
    return (QueueState.REPORTED if reported else QueueState.PASSED), False


def _latest_inspections(s: Session, vehicle_ids: list[int]) -> dict[int, PdiInspection]:
    """{vehicle id: its latest inspection}, in one query for the whole queue."""
    if not vehicle_ids:
        return {}
    last = (
        select(func.max(PdiInspection.id))
        .where(PdiInspection.vehicle_id.in_(vehicle_ids))
        .group_by(PdiInspection.vehicle_id)
        .scalar_subquery()
    )
    return {i.vehicle_id: i for i in s.scalars(select(PdiInspection).where(PdiInspection.id.in_(last)))}


def _result_counts(s: Session, inspection_ids: list[int]) -> dict[int, tuple[int, int, int]]:
    """{inspection id: (items, items with a result, items not OK)}, in one query."""
    if not inspection_ids:
        return {}
    rows = s.execute(
        select(
            PdiItemResult.inspection_id,
            func.count(),
            func.count(PdiItemResult.result),
            func.count(case((PdiItemResult.result == "not_ok", 1))),
        )
        .where(PdiItemResult.inspection_id.in_(inspection_ids))
        .group_by(PdiItemResult.inspection_id)
    )
    return {i: (total, done, defects) for i, total, done, defects in rows}


def queue(uow: UnitOfWork, *, actor: Actor, include_delivered: bool = False) -> list[PdiQueueRowDTO]:
    """Cars sold or reserved (optionally also delivered ones) with their latest inspection:
    awaiting PDI, in progress, failed, passed, or passed with the signed report."""
    from app.pdi.gate import has_valid_report
    from app.pdi.templates import current_template_row, ensure_default_template

    require(actor, Action.VIEW_PDI)
    ensure_default_template(uow)
    statuses = QUEUE_STATUSES + ((VehicleStatus.DELIVERED.value,) if include_delivered else ())
    out: list[PdiQueueRowDTO] = []
    # One look-up per brand and per technician, not per car: the technician's home page opens
    # on this queue (issue #17, home page usable in ≤ 1 s on dataset S).
    templates: dict[str, PdiTemplate | None] = {}
    names: dict[int, str | None] = {}
    with uow:
        s = uow.session
        cars = list(
            s.scalars(select(Vehicle).where(Vehicle.status.in_(statuses)).order_by(Vehicle.updated_at, Vehicle.id))
        )
        latest = _latest_inspections(s, [v.id for v in cars])
        counts = _result_counts(s, [i.id for i in latest.values()])
        for v in cars:
            ins = latest.get(v.id)
            if v.brand not in templates:
                templates[v.brand] = current_template_row(s, v.brand)
            template = templates[v.brand]
            reported = ins is not None and has_valid_report(s, ins)
            state, outdated = _state(ins, template.id if template else None, v.powertrain, reported)
            done = total = defects = 0
            version = None
            if ins is not None:
                total, done, defects = counts.get(ins.id, (0, 0, 0))
                version = _required(s, PdiTemplate, ins.template_id).template_version
            out.append(
                PdiQueueRowDTO(
                    id=v.id,
                    vin=v.vin,
                    brand=v.brand,
                    model=v.model,
                    powertrain=v.powertrain,
                    vehicle_status=v.status,
                    state=state.value,
                    inspection_id=ins.id if ins else None,
                    inspection_status=ins.status if ins else None,
                    technician_name=_cached_name(s, names, ins.technician_id) if ins else None,
                    done=done,
                    total=total,
                    defects=defects,
                    template_version=version,
                    outdated=outdated,
                    updated_at=ins.updated_at if ins else None,
                )
            )
    return out
