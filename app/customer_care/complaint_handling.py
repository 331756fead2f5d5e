"""Handling a complaint to its closure (处理与结案, T/CSCA 120031 3.16-3.17, 4.5.2.1; 办法 art. 18).

Handling notes (internal, or told to the customer), the first response (3.17: within 72 hours),
the reply telling the customer how it was accepted and handled (办法 art. 18: within 7 working
days), and the closure. 3.16: a complaint is closed only with its result and the customer's
confirmation of it, or their refusal recorded with what they said; anything else is refused.
A closed complaint takes no more notes, answers or materials. Times are the server's
(issue #19.7). Each call is one transaction.
"""

from __future__ import annotations

from app.core.common import check_version, commit
from app.core.dto import Actor
from app.core.errors import FieldError, ValidationFailed
from app.core.permissions import Action, require
from app.core.validation import check_length, clean_text
from app.customer_care.clock import server_now
from app.customer_care.complaint_dto import ComplaintDTO
from app.customer_care.complaint_rows import complaint_dto, load_complaint
from db.complaint_models import Complaint, ComplaintNote, ComplaintStatus, Confirmation, NoteKind
from db.uow import UnitOfWork


def refuse_if_closed(row: Complaint) -> None:
    if row.status == ComplaintStatus.CLOSED:
        raise ValidationFailed([FieldError("complaint", "complaint_closed", {"number": row.number})])


def _text(raw: str, field: str) -> str:
    value, errors = clean_text(raw), []
    if not value:
        errors.append(FieldError(field, "required"))
    check_length(value, field, 4000, errors)
    if errors:
        raise ValidationFailed(errors)
    return value


def _note(s, row: Complaint, actor: Actor, kind: str, text: str, visible: bool, now) -> None:
    s.add(
        ComplaintNote(
            complaint_id=row.id,
            kind=kind,
            text=text,
            customer_visible=visible,
            written_at=now,
            written_by_id=actor.user_id,
        )  # fmt: skip
    )
    row.updated_at, row.updated_by_id = now, actor.user_id


def _write(uow: UnitOfWork, actor: Actor, complaint_id: int, kind: str, text: str, visible: bool) -> ComplaintDTO:
    require(actor, Action.HANDLE_COMPLAINTS)
    text = _text(text, "text")
    with uow:
        s = uow.session
        now = server_now(s)
        row = load_complaint(s, actor, complaint_id, Action.HANDLE_COMPLAINTS)
        refuse_if_closed(row)
        _note(s, row, actor, kind, text, visible, now)
        if kind in (NoteKind.FIRST_RESPONSE, NoteKind.REPLY) and row.first_response_at is None:
            row.first_response_at = now  # a reply within 72 hours is the first response too
        if kind == NoteKind.REPLY and row.reply_at is None:
            row.reply_at = now
        s.flush()
        dto = complaint_dto(s, row, now)
        commit(uow)
        return dto


def add_note(
    uow: UnitOfWork, actor: Actor, complaint_id: int, text: str, customer_visible: bool = False
) -> ComplaintDTO:
    """A handling note; `customer_visible` ones are shown to the customer's progress query."""
    return _write(uow, actor, complaint_id, NoteKind.NOTE, text, customer_visible)


def record_first_response(uow: UnitOfWork, actor: Actor, complaint_id: int, text: str) -> ComplaintDTO:
    """3.17: what the customer was told first (stops the 72-hour clock)."""
    return _write(uow, actor, complaint_id, NoteKind.FIRST_RESPONSE, text, True)


def record_reply(uow: UnitOfWork, actor: Actor, complaint_id: int, text: str) -> ComplaintDTO:
    """办法 art. 18: the customer told how the complaint was accepted and handled (stops the
    7-working-day clock)."""
    return _write(uow, actor, complaint_id, NoteKind.REPLY, text, True)


def _closure_errors(result: str, confirmation: str, note: str) -> list[FieldError]:
    errors: list[FieldError] = []
    if not result:
        errors.append(FieldError("result", "complaint_result_required"))
    if confirmation not in set(Confirmation):
        errors.append(FieldError("confirmation", "complaint_confirmation_required"))
    elif confirmation == Confirmation.REFUSED and not note:
        errors.append(FieldError("confirmation_note", "complaint_refusal_note_required"))
    check_length(result, "result", 4000, errors)
    check_length(note, "confirmation_note", 4000, errors)
    return errors


def close_complaint(
    uow: UnitOfWork,
    actor: Actor,
    complaint_id: int,
    expected_version: int,
    result: str,
    confirmation: str,
    confirmation_note: str = "",
) -> ComplaintDTO:
    """3.16: close with the result and the customer's confirmation (or refusal, with what
    they said). The result told is also the reply if none was recorded before."""
    require(actor, Action.CLOSE_COMPLAINTS)
    result, note = clean_text(result), clean_text(confirmation_note)
    errors = _closure_errors(result, confirmation, note)
    if errors:
        raise ValidationFailed(errors)
    with uow:
        s = uow.session
        now = server_now(s)
        row = load_complaint(s, actor, complaint_id, Action.VIEW_COMPLAINTS)
        check_version(row, expected_version)
        refuse_if_closed(row)
        _note(s, row, actor, NoteKind.RESULT, result, True, now)
        _note(s, row, actor, NoteKind.CLOSURE, f"{confirmation}: {note}" if note else confirmation, False, now)
        row.result, row.confirmation, row.confirmation_note = result, confirmation, note or None
        row.first_response_at = row.first_response_at or now
        row.reply_at = row.reply_at or now
        row.status, row.closed_at, row.closed_by_id = ComplaintStatus.CLOSED, now, actor.user_id
        s.flush()
        dto = complaint_dto(s, row, now)
        commit(uow)
        return dto
