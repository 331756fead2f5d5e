"""Reprinting an archived document (issue #17.17): a damaged card on the car, a lost 三包凭证
(warranty certificate) asked for again later. A reprint is the archived PDF byte for byte (its
digital signature stays intact) and issues no new version; once printed it is a "reprint" line
in the print ledger (who, when, where, copies), like any print.

A voided or superseded version is refused, not stamped: a stamp would change the signed bytes
(the signature would no longer verify), and a refused reprint points the user at what is valid
now (the replacing version, or a new issue). Its archived copy can still be opened and saved as
evidence (documents page, `documents export`).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.dto import Actor, DocumentDTO
from app.core.errors import ShowroomError
from app.core.permissions import Action, require
from app.documents.archive import document_dto, get_document_bytes
from db.uow import UnitOfWork


@dataclass(frozen=True)
class ReprintDTO:
    """What goes to the printer: the archived version and its exact bytes."""

    document: DocumentDTO
    pdf: bytes


def reprint_copy(uow: UnitOfWork, *, actor: Actor, document_id: int) -> ReprintDTO:
    """The archived bytes of a valid document, for printing again. Refuses a voided one
    with `reprint_voided` (number, version, reason) or, when a newer version replaced it,
    `reprint_superseded` (number, version, current). Nothing is written: the ledger line
    comes with the print (record_print kind="reprint"), so a cancelled print leaves none."""
    require(actor, Action.PRINT_DOCUMENTS)
    doc = document_dto(uow, document_id)
    if doc.replaced_by_version is not None:
        raise ShowroomError(
            "reprint_superseded", number=doc.number, version=doc.version, current=doc.replaced_by_version
        )
    if doc.is_voided:
        raise ShowroomError("reprint_voided", number=doc.number, version=doc.version, reason=doc.void_reason or "")
    return ReprintDTO(doc, get_document_bytes(uow, actor=actor, document_id=document_id))
