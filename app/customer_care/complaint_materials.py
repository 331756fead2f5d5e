"""The archive of a complaint's materials (投诉资料存档, T/CSCA 120031 4.5.2.2; issue #19.3): the
customer's letter, photos, a call's recording. Each file is stored with its SHA-256 and cannot
be changed or deleted afterwards: the service only ever adds, and the database refuses UPDATE
and DELETE on `complaint_material` (triggers of migration 0021), whoever asks. Nothing is added
once the complaint is closed.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import select

from app.core.common import commit
from app.core.dto import Actor
from app.core.errors import FieldError, NotFound, ValidationFailed
from app.core.permissions import Action, require
from app.core.validation import clean_line
from app.customer_care.clock import server_now
from app.customer_care.complaint_dto import ComplaintDTO
from app.customer_care.complaint_handling import refuse_if_closed
from app.customer_care.complaint_rows import complaint_dto, load_complaint
from db.complaint_models import ComplaintMaterial
from db.uow import UnitOfWork

# Files, photos and audio as phones and recorders make them.
MEDIA_TYPES = frozenset(
    {"application/pdf", "image/jpeg", "image/png", "audio/mpeg", "audio/mp4", "audio/wav", "audio/amr", "text/plain"}
)
MAX_BYTES = 20 * 1024 * 1024


def _check(filename: str, media_type: str, content: bytes) -> str:
    name, errors = clean_line(filename), []
    if not name:
        errors.append(FieldError("filename", "required"))
    elif len(name) > 200:
        errors.append(FieldError("filename", "too_long", {"max": 200}))
    if media_type not in MEDIA_TYPES:
        errors.append(FieldError("media_type", "complaint_material_type", {"type": media_type}))
    if not content:
        errors.append(FieldError("content", "required"))
    elif len(content) > MAX_BYTES:
        errors.append(FieldError("content", "complaint_material_too_large", {"max_mb": MAX_BYTES // 2**20}))
    if errors:
        raise ValidationFailed(errors)
    return name


def add_material(
    uow: UnitOfWork, actor: Actor, complaint_id: int, filename: str, media_type: str, content: bytes
) -> ComplaintDTO:
    require(actor, Action.HANDLE_COMPLAINTS)
    name = _check(filename, media_type, content)
    with uow:
        s = uow.session
        now = server_now(s)
        row = load_complaint(s, actor, complaint_id, Action.HANDLE_COMPLAINTS)
        refuse_if_closed(row)
        s.add(
            ComplaintMaterial(
                complaint_id=row.id,
                filename=name,
                media_type=media_type,
                size=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
                content=content,
                added_at=now,
                added_by_id=actor.user_id,
            )  # fmt: skip
        )
        row.updated_at, row.updated_by_id = now, actor.user_id
        s.flush()
        dto = complaint_dto(s, row, now)
        commit(uow)
        return dto


def material_content(uow: UnitOfWork, actor: Actor, material_id: int) -> bytes:
    """The stored bytes, checked against the hash recorded with them."""
    require(actor, Action.VIEW_COMPLAINTS)
    with uow:
        s = uow.session
        m = s.scalars(select(ComplaintMaterial).where(ComplaintMaterial.id == material_id)).first()
        if m is None:
            raise NotFound(what="complaint_material", id=material_id)
        load_complaint(s, actor, m.complaint_id, Action.VIEW_COMPLAINTS)
        if hashlib.sha256(m.content).hexdigest() != m.sha256:
            raise ValidationFailed([FieldError("content", "complaint_material_damaged")])
        return bytes(m.content)
