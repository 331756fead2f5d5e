"""Issuing documents into the archive: number, render, sign with the store's certificate,
store once (issue #3). Reading, voiding, printing and verifying: archive.py,
re-exported here so that callers import this module only.

An issued document is immutable: type, subject, number, version, language, issuer, time,
SHA-256 and the signed PDF bytes never change (database triggers refuse it too, migration
0002). A mistake is corrected by voiding it with a reason and issuing a replacement: the
same number with the next version, in one transaction with the voiding.

Numbers read PREFIX-YEAR-SEQUENCE (e.g. SN-2026-000001): a counter per type and Shanghai
calendar year, taken by one atomic upsert, so two terminals never get the same number.
The number is taken (and committed) before rendering, so that the slow part (rendering and
signing, about a second) holds no database lock; a number whose rendering fails is
therefore skipped, never reused.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import cast

from sqlalchemy import Table, select
from sqlalchemy.exc import IntegrityError

from app.core.clock import utcnow
from app.core.errors import Conflict, FieldError, NotFound, ShowroomError, ValidationFailed
from app.core.permissions import Action, require
from app.documents.archive import (
    MAX_REASON,
    PRINT_KINDS,
    DocumentQuery,
    document_dto,
    get_document,
    get_document_by_id,
    get_document_bytes,
    list_documents,
    list_prints,
    list_versions,
    record_print,
    verify_archived_document,
    verify_document_bytes,
    void_document,
)
from app.documents.archive_page import DocumentPageDTO, list_document_page
from app.core.dto import Actor, Changes, DocumentDTO, SignatureCapture
from app.core.request_keys import first_record, remember
from app.documents.numbers import DOC_TYPES, allocate_number, format_number, number_year
from app.documents.signing_session import SigningSession, open_signing_session
from db.models import Document, DocumentSignature
from db.uow import UnitOfWork

# Types whose new version is routine, not a manager's decision to void a signed document:
# a vehicle card must be replaced whenever the car's facts change (一车一卡, 4.2.1.2), by
# whoever may issue it. Every other replacement needs VOID_DOCUMENTS.
ROUTINELY_REPLACED = frozenset({"vehicle_card"})
SUBJECT_TYPES = ("store", "vehicle", "customer", "test_drive", "pdi", "price_list", "deal", "contract", "payment")
LANGUAGES = ("zh", "en", "bilingual")
SIGNER_ROLES = ("customer", "consultant", "escort", "technician", "manager", "finance")  # layout.SignerRole

Render = Callable[[str, int, dt.datetime], bytes]


def _validate(*, doc_type, subject_type, language, subject_ref, signatures, replaces, reason) -> None:
    errors = []
    if doc_type not in DOC_TYPES:
        errors.append(FieldError("doc_type", "unknown_value"))
    if subject_type not in SUBJECT_TYPES:
        errors.append(FieldError("subject_type", "unknown_value"))
    if language not in LANGUAGES:
        errors.append(FieldError("language", "unknown_value"))
    if len(subject_ref or "") > 100:
        errors.append(FieldError("subject_ref", "too_long", {"max": 100}))
    for s in signatures:
        if s.role not in SIGNER_ROLES:
            errors.append(FieldError("signatures", "unknown_value"))
        elif not (s.signer_name or "").strip() or not s.png:
            errors.append(FieldError("signatures", "required"))
        elif len(s.signer_name.strip()) > 100:
            errors.append(FieldError("signatures", "too_long", {"max": 100}))
    if replaces is not None:
        if not (reason or "").strip():
            errors.append(FieldError("reason", "required"))
        elif len(reason.strip()) > MAX_REASON:
            errors.append(FieldError("reason", "too_long", {"max": MAX_REASON}))
    if errors:
        raise ValidationFailed(errors)


def _latest_version(uow: UnitOfWork, number: str, doc_type: str) -> Document:
    with uow:
        doc = uow.session.scalar(
            select(Document).where(Document.number == number).order_by(Document.version.desc()).limit(1)
        )
        if doc is None:
            raise NotFound(what="document", number=number)
        if doc.doc_type != doc_type:
            raise ValidationFailed([FieldError("replaces", "doc_type_mismatch")])
        uow.session.expunge(doc)
        return doc


def issue_document(
    uow: UnitOfWork,
    *,
    actor: Actor,
    doc_type: str,
    subject_type: str,
    subject_id: int | None,
    language: str,
    render: Render,
    signatures: Sequence[SignatureCapture] = (),
    replaces: str | None = None,
    reason: str = "",
    subject_ref: str = "",
    request_key: str | None = None,
) -> DocumentDTO:
    """Number, render, sign and archive one document; returns it (without bytes).

    `render(number, version, issued_at) -> PDF bytes` is pure and prints what it is given.
    `signatures` are the handwritten ones already drawn by `render`, kept as evidence.
    `replaces=NUMBER` issues the next version of that number and voids the current one
    with `reason` in the same transaction (needs VOID_DOCUMENTS too). `subject_ref` is a
    short non-personal reference to search by (a VIN): never a customer's name or phone.
    A repeated `request_key` returns the document the first request issued (issue #16.2).
    """
    if request_key:
        with uow:
            first = first_record(uow.session, request_key, "issue_document")
        if first is not None:
            return document_dto(uow, first)
    prepared = prepare_document(
        uow,
        actor=actor,
        doc_type=doc_type,
        subject_type=subject_type,
        subject_id=subject_id,
        language=language,
        render=render,
        signatures=signatures,
        replaces=replaces,
        reason=reason,
        subject_ref=subject_ref,
    )
    with uow:
        document_id = archive_prepared(uow.session, prepared, actor)
        remember(
            uow.session, request_key, "issue_document", document_id, actor_id=actor.user_id, now=prepared.issued_at
        )
        uow.commit()
    return document_dto(uow, document_id)


@dataclass(frozen=True)
class PreparedDocument:
    """A numbered, rendered and signed document not yet archived (prepare_document): the
    slow part done, with no transaction open. `archive_prepared` stores it inside the
    caller's transaction, so that it commits together with what the document is for."""

    doc_type: str
    subject_type: str
    subject_id: int | None
    subject_ref: str
    number: str
    version: int
    language: str
    issued_at: dt.datetime
    signed_pdf: bytes
    signer_subject: str
    certificate_id: int
    signatures: tuple[SignatureCapture, ...]
    old: Document | None  # the version it replaces (detached), if any
    reason: str


def _number_and_version(
    uow: UnitOfWork, session: SigningSession, doc_type: str, old: Document | None, issued_at: dt.datetime
) -> tuple[str, int]:
    """A replacement keeps the number with the next version; a new document takes the next
    number of its type and year (committed at once, skipped if it is never archived)."""
    if old is not None:
        return old.number, old.version + 1
    return session.new_number(uow, doc_type, number_year(issued_at)), 1


def prepare_document(
    uow: UnitOfWork,
    *,
    actor: Actor,
    doc_type: str,
    subject_type: str,
    subject_id: int | None,
    language: str,
    render: Render,
    signatures: Sequence[SignatureCapture] = (),
    replaces: str | None = None,
    reason: str = "",
    subject_ref: str = "",
    session: SigningSession | None = None,
) -> PreparedDocument:
    """The checks, number, rendering and signature of issue_document, archiving nothing.
    A number taken here and never archived is skipped, as after a failed rendering.
    A batch passes one `session` (open_signing_session) for all its documents."""
    require(actor, Action.ISSUE_DOCUMENTS)
    if replaces is not None:
        replaces = replaces.strip()
    signatures = tuple(signatures)
    _validate(
        doc_type=doc_type, subject_type=subject_type, language=language, subject_ref=subject_ref,
        signatures=signatures, replaces=replaces, reason=reason,
    )  # fmt: skip
    old = _latest_version(uow, replaces, doc_type) if replaces is not None else None
    if old is not None and old.voided_at is None and doc_type not in ROUTINELY_REPLACED:
        # Replacing voids the current version: a manager's decision. A version a manager
        # has already voided is replaced by whoever issues that type (a PDI report, #17.2).
        require(actor, Action.VOID_DOCUMENTS)
    session = session or open_signing_session(uow, actor=actor)
    issued_at = utcnow()
    number, version = _number_and_version(uow, session, doc_type, old, issued_at)
    pdf = render(number, version, issued_at)
    if not isinstance(pdf, bytes | bytearray) or not bytes(pdf[:1024]).lstrip().startswith(b"%PDF"):
        raise ShowroomError("pdf_invalid", reason="render")
    signed = session.signer.sign(
        bytes(pdf), reason=f"Showroom {doc_type} {number} v{version}", location=session.location
    )
    return PreparedDocument(
        doc_type, subject_type, subject_id, (subject_ref or "").strip(), number, version, language, issued_at,
        signed, session.signer.subject, session.certificate_id, signatures, old, reason.strip(),
    )  # fmt: skip


def archive_prepared(session, prepared: PreparedDocument, actor: Actor) -> int:
    """Store a prepared document (and void the version it replaces) in the caller's open
    transaction, without committing; returns its id. On a (number, version) taken meanwhile
    by another terminal the transaction is rolled back and Conflict raised."""
    p = prepared
    doc = Document(
        doc_type=p.doc_type,
        subject_type=p.subject_type,
        subject_id=p.subject_id,
        subject_ref=p.subject_ref,
        number=p.number,
        version=p.version,
        language=p.language,
        issued_by_id=actor.user_id,
        issued_at=p.issued_at,
        sha256=hashlib.sha256(p.signed_pdf).hexdigest(),
        size=len(p.signed_pdf),
        content=p.signed_pdf,
        signed=True,
        signer_subject=p.signer_subject,
        certificate_id=p.certificate_id,
    )
    try:
        session.add(doc)  # the INSERT comes first: on SQLite it takes the write lock at once
        session.flush()
        for sig in p.signatures:
            session.add(
                DocumentSignature(
                    document_id=doc.id,
                    signer_name=sig.signer_name.strip(),
                    role=sig.role,
                    signed_at=sig.signed_at,
                    strokes=list(sig.strokes or []),
                    png=bytes(sig.png),
                )
            )
        if p.old is not None:
            _void_for_replacement(session, p.old, doc.id, actor, p.reason)
            session.flush()
        # Else the signatures go with the caller's next flush (issue #18.11): only the
        # document's (number, version) can be taken meanwhile, and its INSERT is done.
    except IntegrityError:  # (number, version) taken: replaced on another terminal
        session.rollback()
        raise Conflict(table="document", number=p.number, version=p.version) from None
    return doc.id


def _void_for_replacement(session, old: Document, new_id: int, actor: Actor, reason: str) -> None:
    table = cast(Table, Document.__table__)
    if old.voided_at is None:
        stmt = (
            table.update()
            .where(table.c.id == old.id, table.c.voided_at.is_(None))
            .values(voided_at=utcnow(), voided_by_id=actor.user_id, void_reason=reason, replaced_by_id=new_id)
        )
    else:  # voided earlier without a replacement: now it gets one
        stmt = (
            table.update().where(table.c.id == old.id, table.c.replaced_by_id.is_(None)).values(replaced_by_id=new_id)
        )
    if session.execute(stmt).rowcount != 1:
        session.rollback()
        raise Conflict(table="document", number=old.number, version=old.version)


def issue_store_notice(
    uow: UnitOfWork,
    *,
    actor: Actor,
    language: str,
    signatures: Sequence[SignatureCapture] = (),
    replaces: str | None = None,
    reason: str = "",
    request_key: str | None = None,
) -> DocumentDTO:
    """门店公示信息 (T/CSCA 120031 4.1.3.5, 4.5.2.1) from the store record, signed by
    management; `replaces` a previous notice's number when the store's details changed."""
    from app.documents.layout import SignatureDTO, SignerRole
    from app.documents.sample_notice import render_store_notice
    from app.store.api import get_store

    require(actor, Action.ISSUE_STORE_NOTICE)
    store = get_store(uow)
    signatures = tuple(signatures)
    if any(s.role not in SIGNER_ROLES for s in signatures):
        raise ValidationFailed([FieldError("signatures", "unknown_value")])
    drawn = [SignatureDTO(s.signer_name.strip(), SignerRole(s.role), s.signed_at, bytes(s.png)) for s in signatures]

    def render(number: str, version: int, issued_at: dt.datetime) -> bytes:
        return render_store_notice(
            store, number=number, version=version, language=language, issued_at=issued_at, signatures=drawn
        )

    doc = issue_document(
        uow,
        actor=actor,
        doc_type="store_notice",
        subject_type="store",
        subject_id=store.id,
        language=language,
        render=render,
        signatures=signatures,
        replaces=replaces,
        reason=reason,
        subject_ref=store.legal_name[:100],
        request_key=request_key,
    )
    return replace(doc, changes=Changes(documents=True, store=True, ids=frozenset({doc.id})))


__all__ = [
    "DOC_TYPES",
    "SUBJECT_TYPES",
    "LANGUAGES",
    "SIGNER_ROLES",
    "PRINT_KINDS",
    "DocumentQuery",
    "issue_document",
    "prepare_document",
    "archive_prepared",
    "PreparedDocument",
    "issue_store_notice",
    "allocate_number",
    "format_number",
    "list_documents",
    "list_document_page",
    "DocumentPageDTO",
    "get_document",
    "get_document_by_id",
    "list_versions",
    "get_document_bytes",
    "void_document",
    "record_print",
    "list_prints",
    "verify_document_bytes",
    "verify_archived_document",
]
