"""The public module of documents: other features import the services they need from here,
never from its other modules (README, Development; tests/unit/test_layers.py checks it).

The PDF kit is public too: app.documents.layout and app.documents.fonts (every document type
renders with them) and app.documents.signing (signing and verifying a PDF), and
app.documents.layout_text (layout's Text and local_time without reportlab, for modules that
only word a document, issue #17 peak memory)."""

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
from app.documents.reprint import ReprintDTO, reprint_copy
from app.documents.signing_session import SigningSession, open_signing_session

__all__ = [
    "LANGUAGES",
    "PreparedDocument",
    "archive_prepared",
    "create_certificate",
    "document_dto",
    "get_document_by_id",
    "get_document_bytes",
    "list_certificates",
    "open_signing_session",
    "prepare_document",
    "record_print",
    "ReprintDTO",
    "SigningSession",
    "reprint_copy",
    "verify_document_bytes",
]
