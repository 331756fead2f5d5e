"""Photos of PDI items (issue #7; T/CSCA 120031-2023 4.4.1.4 traceable records): JPEG or PNG
kept in the database as evidence of what the technician saw."""

from __future__ import annotations

from app.core.clock import utcnow
from app.core.dto import Actor
from app.core.errors import FieldError, NotFound, ValidationFailed
from app.core.permissions import Action, require
from app.core.common import commit
from app.core.validation import clean_line
from app.pdi import guards
from app.pdi.dto import PdiInspectionDTO
from db.pdi_models import PdiPhoto
from db.uow import UnitOfWork

MAX_PHOTO_BYTES = 8 * 1024 * 1024
MAX_CAPTION = 200
PHOTO_TYPES = ((b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg"))


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
    caption = clean_line(caption)  # as pasted (issue #17.3)
    if len(caption) > MAX_CAPTION:
        raise ValidationFailed([FieldError("caption", "too_long", {"max": MAX_CAPTION, "length": len(caption)})])
    with uow:
        guards.certified(uow, actor)
        row, ins = guards.item(uow, item_result_id)
        guards.writable(ins)
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
        return guards.changed(uow, ins)


def get_photo(uow: UnitOfWork, *, actor: Actor, photo_id: int) -> bytes:
    require(actor, Action.VIEW_PDI)
    with uow:
        photo = uow.session.get(PdiPhoto, photo_id)
        if photo is None:
            raise NotFound(what="pdi_photo", id=photo_id)
        return bytes(photo.content)
