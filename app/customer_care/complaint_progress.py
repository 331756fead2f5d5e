"""The customer's progress query (投诉进度查询, T/CSCA 120031 5.2.7; issue #19.3).

The front desk answers "where is my complaint?" from the number on the receipt plus the last
four digits of the mobile the complaint was made with. Only what the customer may see is
returned: the dates, the status, what they were told and the result; never staff names,
internal notes, other contacts or another complaint. A wrong number and a wrong mobile get the
same answer, so a query cannot be used to find which numbers exist.
"""

from __future__ import annotations

import re

from sqlalchemy import select

from app.core.dto import Actor
from app.core.errors import FieldError, ValidationFailed
from app.core.permissions import Action, require
from app.customer_care.complaint_dto import ProgressDTO
from app.customer_care.complaints import find_by_number
from db.complaint_models import ComplaintNote, NoteKind
from db.uow import UnitOfWork

TAIL_RE = re.compile(r"^\d{4}$", re.ASCII)
# What the customer was told: first response, reply, result and the notes marked for them.
_TOLD = (NoteKind.FIRST_RESPONSE, NoteKind.REPLY, NoteKind.RESULT, NoteKind.NOTE)


def query_progress(uow: UnitOfWork, actor: Actor, number: str, mobile_tail: str) -> ProgressDTO:
    require(actor, Action.QUERY_COMPLAINT_PROGRESS)
    tail = (mobile_tail or "").strip()
    if not TAIL_RE.match(tail):
        raise ValidationFailed([FieldError("mobile_tail", "mobile_tail_format")])
    with uow:
        s = uow.session
        row = find_by_number(s, number or "")
        if row is None or not row.contact_mobile.endswith(tail):
            raise ValidationFailed([FieldError("number", "complaint_not_found")])
        q = (
            select(ComplaintNote.written_at, ComplaintNote.text)
            .where(ComplaintNote.complaint_id == row.id, ComplaintNote.customer_visible.is_(True))
            .where(ComplaintNote.kind.in_([str(k) for k in _TOLD]))
            .order_by(ComplaintNote.id)
        )
        return ProgressDTO(
            number=row.number, received_at=row.received_at, status=row.status,
            first_response_at=row.first_response_at, reply_due=row.reply_due, reply_at=row.reply_at,
            result=row.result, notes=tuple((at, said) for at, said in s.execute(q)),
        )  # fmt: skip
