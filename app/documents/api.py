"""The public module of documents: other features import the services they need from here,
never from its other modules (README, Development; tests/unit/test_layers.py checks it).

The PDF kit is public too: app.documents.layout and app.documents.fonts (every document type
renders with them) and app.documents.signing (signing and verifying a PDF), and
app.documents.layout_text (layout's Text and local_time without reportlab, for modules that
only word a document, issue #17 peak memory)."""

import datetime as dt

from sqlalchemy import select

from app.core.dto import Actor, DocumentDTO
from app.core.permissions import Action, require
from app.documents.archive import DocumentQuery, _dtos, document_filter
from app.documents.certificates import create_certificate, list_certificates
from app.documents.documents import (
    LANGUAGES,
    PreparedDocument,
    archive_prepared,
    document_dto,
    get_document_by_id,
    get_document_bytes,
    prepare_document,
    record_print,
    verify_document_bytes,
)
from app.documents.numbers import DOC_TYPES
from app.documents.reprint import ReprintDTO, reprint_copy
from app.documents.signing_session import SigningSession, open_signing_session, signing_session_in
from db.models import Document
from db.uow import UnitOfWork

__all__ = [
    "DOC_TYPES",
    "LANGUAGES",
    "PreparedDocument",
    "archive_prepared",
    "create_certificate",
    "document_dto",
    "documents_issued",
    "get_document_by_id",
    "get_document_bytes",
    "list_certificates",
    "open_signing_session",
    "signing_session_in",
    "prepare_document",
    "record_print",
    "ReprintDTO",
    "SigningSession",
    "reprint_copy",
    "verify_document_bytes",
]


def documents_issued(
    uow: UnitOfWork, *, actor: Actor, doc_type: str, start: dt.datetime, end: dt.datetime
) -> list[DocumentDTO]:
    """The valid (not voided) documents of one kind issued in [start, end) (naive UTC), by number
    and version: the frame the KPI evidence pack draws its sample from (issue #20.5)."""
    require(actor, Action.VIEW_DOCUMENTS)
    stmt = document_filter(select(Document), DocumentQuery(doc_type=doc_type)).where(
        Document.issued_at >= start, Document.issued_at < end
    )
    with uow:
        docs = list(uow.session.scalars(stmt.order_by(Document.number, Document.version)))
        return _dtos(uow.session, docs)
