"""The document archive a page at a time (文件档案分页): the documents page reads a store's
years of archived documents as the user scrolls, newest first, instead of all at once
(issue #17, peak memory with dataset S open).

Issue and archive services live in app/documents/documents.py, which re-exports this too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import and_, func, or_, select

from app.core.dto import Actor, DocumentDTO
from app.core.permissions import Action, require
from app.documents.archive import DocumentQuery, _dtos, document_filter
from db.models import Document
from db.uow import UnitOfWork

DOCUMENT_PAGE = 200  # rows per page: a screenful several times over


@dataclass(frozen=True)
class DocumentPageDTO:
    rows: tuple[DocumentDTO, ...]
    # Pass back as DocumentQuery.after for the next page; None: this was the last.
    next_after: tuple[dt.datetime, int] | None
    total: int | None = None  # every document the query matches; counted with the first page only


def list_document_page(uow: UnitOfWork, *, actor: Actor, query: DocumentQuery | None = None) -> DocumentPageDTO:
    """One page of list_documents, newest first, after `query.after` (issued_at, id) when
    given. `query.limit` is the page size (DOCUMENT_PAGE when left at the list's default)."""
    require(actor, Action.VIEW_DOCUMENTS)
    q = query or DocumentQuery()
    if q.limit == DocumentQuery.limit:
        q = replace(q, limit=DOCUMENT_PAGE)
    limit = max(1, min(q.limit, 1000))
    stmt = document_filter(select(Document), q)
    if q.after is not None:
        at, doc_id = q.after
        stmt = stmt.where(or_(Document.issued_at < at, and_(Document.issued_at == at, Document.id < doc_id)))
    stmt = stmt.order_by(Document.issued_at.desc(), Document.id.desc()).limit(limit + 1)
    with uow:
        s = uow.session
        total = s.scalar(document_filter(select(func.count(Document.id)), q)) if q.after is None else None
        docs = list(s.scalars(stmt))
        more = len(docs) > limit
        rows = _dtos(s, docs[:limit])
    last = rows[-1] if rows else None
    return DocumentPageDTO(tuple(rows), (last.issued_at, last.id) if more and last else None, total)
