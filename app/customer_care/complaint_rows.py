"""Reading complaints for the services: loading one with the rights to it, and turning rows
into DTOs with their clocks read on the server's time (issue #19.3)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from app.core.dto import Actor
from app.core.errors import NotFound, PermissionDenied
from app.core.permissions import Action
from app.customer_care.complaint_deadlines import clock_state
from app.customer_care.complaint_dto import BoardRow, ComplaintDTO, MaterialDTO, NoteDTO, mask_mobile, mask_name
from db.complaint_models import Complaint, ComplaintMaterial, ComplaintNote
from db.models import Role, StaffUser


def sees_all(actor: Actor) -> bool:
    """The desk, customer care and managers see every complaint; a consultant those they handle."""
    return any(actor.has(r) for r in (Role.SALES_MANAGER, Role.RECEPTION, Role.CUSTOMER_CARE))


def load_complaint(s: Session, actor: Actor, complaint_id: int, action: Action) -> Complaint:
    row = s.get(Complaint, complaint_id)
    if row is None:
        raise NotFound(what="complaint", id=complaint_id)
    manages = actor.has(Role.SALES_MANAGER) or actor.has(Role.CUSTOMER_CARE)  # 客服 handle any
    mine = row.handler_id == actor.user_id
    if action is Action.VIEW_COMPLAINTS and not (sees_all(actor) or mine):
        raise PermissionDenied(action=str(action))
    if action is Action.HANDLE_COMPLAINTS and not (manages or mine):
        raise PermissionDenied(action=str(action))
    return row


def staff_names(s: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict(s.execute(select(StaffUser.id, StaffUser.full_name).where(StaffUser.id.in_(ids))).all())


def board_row(c: Complaint | Row, names: dict[int, str], now: dt.datetime) -> BoardRow:
    return BoardRow(
        id=c.id, number=c.number, channel=c.channel, category=c.category, status=c.status,
        received_at=c.received_at, contact_name=mask_name(c.contact_name), handler_name=names.get(c.handler_id, ""),
        first_response_due=c.first_response_due,
        first_response_clock=clock_state("first_response", c.first_response_due, c.first_response_at, now),
        reply_due=c.reply_due, reply_clock=clock_state("reply", c.reply_due, c.reply_at, now), version=c.version,
    )  # fmt: skip


def _notes(s: Session, c: Complaint) -> tuple[NoteDTO, ...]:
    rows = list(s.scalars(select(ComplaintNote).where(ComplaintNote.complaint_id == c.id).order_by(ComplaintNote.id)))
    names = staff_names(s, {n.written_by_id for n in rows})
    return tuple(
        NoteDTO(n.kind, n.text, n.customer_visible, n.written_at, names.get(n.written_by_id, "")) for n in rows
    )


def _materials(s: Session, c: Complaint) -> tuple[MaterialDTO, ...]:
    q = select(ComplaintMaterial).where(ComplaintMaterial.complaint_id == c.id).order_by(ComplaintMaterial.id)
    return tuple(MaterialDTO(m.id, m.filename, m.media_type, m.size, m.sha256, m.added_at) for m in s.scalars(q))


def complaint_dto(s: Session, c: Complaint, now: dt.datetime) -> ComplaintDTO:
    handler = staff_names(s, {c.handler_id}).get(c.handler_id, "")
    return ComplaintDTO(
        id=c.id, number=c.number, channel=c.channel, category=c.category, status=c.status,
        received_at=c.received_at, summary=c.summary, contact_name=mask_name(c.contact_name),
        contact_mobile=mask_mobile(c.contact_mobile), handler_id=c.handler_id, handler_name=handler,
        first_response_due=c.first_response_due, first_response_at=c.first_response_at,
        first_response_clock=clock_state("first_response", c.first_response_due, c.first_response_at, now),
        reply_due=c.reply_due, reply_at=c.reply_at, reply_clock=clock_state("reply", c.reply_due, c.reply_at, now),
        result=c.result, confirmation=c.confirmation, closed_at=c.closed_at, version=c.version,
        customer_id=c.customer_id, vehicle_id=c.vehicle_id, contract_id=c.contract_id, staff_id=c.staff_id,
        notes=_notes(s, c), materials=_materials(s, c),
    )  # fmt: skip
