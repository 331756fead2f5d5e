"""The complaints board (issue #19.6) and the command line's list (issue #19.8): each complaint
with the clocks of its two deadlines read on the server's time, amber when near and red when
passed; and the 12345 count of 3.15.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Integer, func, literal, select

from app.core.dto import Actor
from app.core.permissions import MATRIX, Action, require
from app.customer_care.clock import server_now
from app.customer_care.complaint_dto import BoardDTO, ComplaintDTO
from app.customer_care.complaint_rows import board_row, complaint_dto, load_complaint, sees_all, staff_names
from db.complaint_models import Complaint, ComplaintChannel, ComplaintStatus
from db.uow import UnitOfWork

BOARD_LIMIT = 500
# The first screen's limit written into the SQL: with `LIMIT ?` SQLite plans the open-only
# query without knowing how few rows it needs and scans the table (bench/RESULTS.md, issue
# #19.10); the number is a constant, so one cached statement still serves every call.
_FIRST_SCREEN = literal(BOARD_LIMIT, Integer, literal_execute=True)
# What a board row shows, read as plain rows: 500 ORM objects (identity map, expiry at the
# rollback) were most of the "all" view's time.
BOARD_COLUMNS = (
    Complaint.id, Complaint.number, Complaint.channel, Complaint.category, Complaint.status, Complaint.received_at,
    Complaint.contact_name, Complaint.handler_id, Complaint.first_response_due, Complaint.first_response_at,
    Complaint.reply_due, Complaint.reply_at, Complaint.version,
)  # fmt: skip


def complaint_board(uow: UnitOfWork, actor: Actor, open_only: bool = True) -> BoardDTO:
    """Open complaints (or all, newest first), oldest deadline first when open only."""
    require(actor, Action.VIEW_COMPLAINTS)
    with uow:
        s = uow.session
        now = server_now(s)
        q = select(*BOARD_COLUMNS)
        if open_only:
            q = q.where(Complaint.status == ComplaintStatus.OPEN).order_by(Complaint.first_response_due)
        else:
            q = q.order_by(Complaint.received_at.desc())
        if not sees_all(actor):
            q = q.where(Complaint.handler_id == actor.user_id)
        rows = list(s.execute(q.limit(_FIRST_SCREEN)))
        names = staff_names(s, {r.handler_id for r in rows})
        hotline = sum(1 for r in rows if r.channel == ComplaintChannel.HOTLINE_12345)
        return BoardDTO(tuple(board_row(r, names, now) for r in rows), now, hotline)


def get_complaint(uow: UnitOfWork, actor: Actor, complaint_id: int) -> ComplaintDTO:
    require(actor, Action.VIEW_COMPLAINTS)
    with uow:
        s = uow.session
        return complaint_dto(s, load_complaint(s, actor, complaint_id, Action.VIEW_COMPLAINTS), server_now(s))


def count_by_channel(uow: UnitOfWork, actor: Actor, start: dt.datetime, end: dt.datetime) -> dict[str, int]:
    """Complaints received in [start, end) (naive UTC) per channel: 3.15 counts the
    `hotline_12345` ones."""
    require(actor, Action.VIEW_COMPLAINTS)
    with uow:
        q = (
            select(Complaint.channel, func.count())
            .where(Complaint.received_at >= start, Complaint.received_at < end)
            .group_by(Complaint.channel)
        )
        counts = {str(c): 0 for c in ComplaintChannel}
        counts.update({ch: n for ch, n in uow.session.execute(q)})
        return counts


def list_complaint_handlers(uow: UnitOfWork, actor: Actor) -> list[tuple[int, str]]:
    """(id, name) of the active staff who may handle a complaint, for the receiving form."""
    from db.models import StaffRole, StaffUser

    require(actor, Action.RECEIVE_COMPLAINTS)
    roles = [str(r) for r in MATRIX[Action.HANDLE_COMPLAINTS]]
    with uow:
        q = (
            select(StaffUser.id, StaffUser.full_name)
            .join(StaffRole)
            .where(StaffUser.active.is_(True), StaffRole.role.in_(roles))
            .distinct()
            .order_by(StaffUser.full_name)
        )
        return [(i, name) for i, name in uow.session.execute(q)]
