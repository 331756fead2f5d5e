"""The sample of signed documents in the evidence pack (issue #20.5): for each clause whose proof
is a signed paper — test-drive agreements (4.2.4.1), contracts (4.3.3), PDI reports (4.4.1.4),
handovers and 三包凭证 (4.4.2) — up to SAMPLE_SIZE documents issued in the period, and the
complaints closed in it (4.5.2.1; a complaint is its own record, not an archived document).

The draw is reproducible: random.Random(f"{seed}:{kind}") picks from the period's documents of
that kind listed by number, so an auditor given the seed (it is in the manifest) draws the
same sample again; a kind's draw does not depend on how many documents the other kinds have.
The PDFs are the archive's bytes, unchanged (their SHA-256 is checked on every read).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from app.core.dto import Actor, DocumentDTO
from app.kpis.clause_index_evidence import SAMPLED_KINDS, STORE_NOTICES_DIR, sample_dir
from app.kpis.evidence_parts import csv_bytes
from app.kpis.periods import Period
from db.uow import UnitOfWork

SAMPLE_SIZE = 5
STORE_NOTICE = "store_notice"
DEFAULT_SEED = 120031  # the standard's number: what a pack built without --seed draws with


@dataclass(frozen=True)
class Drawn:
    kind: str
    clause: str
    population: int  # how many there were to draw from
    documents: tuple[DocumentDTO, ...]


def draw(items: list, seed: int, kind: str, size: int = SAMPLE_SIZE) -> list:
    """Up to `size` of `items` (already in a stable order), drawn with the seed, in that order."""
    if len(items) <= size:
        return list(items)
    picked = set(random.Random(f"{seed}:{kind}").sample(range(len(items)), size))
    return [item for i, item in enumerate(items) if i in picked]


def draw_documents(uow: UnitOfWork, reader: Actor, period: Period, seed: int, size: int = SAMPLE_SIZE) -> list[Drawn]:
    """The sample of each signed kind, from the valid documents issued in the period."""
    from app.documents.api import documents_issued

    start, end = period.bounds()
    out = []
    for kind, clause in SAMPLED_KINDS:
        docs = documents_issued(uow, actor=reader, doc_type=kind, start=start, end=end)
        out.append(Drawn(kind, clause, len(docs), tuple(draw(docs, seed, kind, size))))
    return out


def document_path(doc: DocumentDTO) -> str:
    return f"{sample_dir(doc.doc_type)}{doc.number}-v{doc.version}.pdf"


def sample_files(uow: UnitOfWork, reader: Actor, drawn: list[Drawn], check: Callable[[str], None]) -> dict[str, bytes]:
    """The PDFs of the drawn documents, byte for byte; `check(label)` runs before each one (it
    reports progress and stops a cancelled build)."""
    from app.documents.api import get_document_bytes

    files = {}
    for d in drawn:
        for doc in d.documents:
            check(doc.number)
            files[document_path(doc)] = get_document_bytes(uow, actor=reader, document_id=doc.id)
    return files


def store_notices_in_force(
    uow: UnitOfWork, reader: Actor, period: Period, check: Callable[[str], None]
) -> dict[str, bytes]:
    """4.1.3.5 门店公示信息: the signed store notices issued by the period's end and not voided
    (the latest version of each number), as archived — registers, not a sample."""
    from app.documents.api import documents_issued, get_document_bytes

    _, end = period.bounds()
    latest: dict[str, DocumentDTO] = {}
    for doc in documents_issued(uow, actor=reader, doc_type=STORE_NOTICE, start=dt.datetime.min, end=end):
        latest[doc.number] = doc  # listed by number and version: the last one wins
    files = {}
    for number, doc in sorted(latest.items()):
        check(number)
        files[f"{STORE_NOTICES_DIR}{number}-v{doc.version}.pdf"] = get_document_bytes(
            uow, actor=reader, document_id=doc.id
        )
    return files


def sample_index(drawn: list[Drawn]) -> bytes:
    """samples/index.csv: what was drawn for which clause, out of how many, and its archive hash."""
    header: tuple[str, ...] = (
        "kind",
        "clause",
        "population",
        "number",
        "version",
        "issued_at",
        "subject",
        "sha256",
        "file",
    )
    rows: list[tuple] = [
        (d.kind, d.clause, d.population, doc.number, doc.version, doc.issued_at, doc.subject_ref, doc.sha256)
        + (document_path(doc),)
        for d in drawn
        for doc in d.documents
    ]
    rows += [(d.kind, d.clause, 0, "", "", "", "", "", "") for d in drawn if not d.documents]
    return csv_bytes(header, rows)


def complaint_closures(uow: UnitOfWork, reader: Actor, period: Period, seed: int, size: int = SAMPLE_SIZE) -> bytes:
    """4.5.2.1 / 5.2.7: up to SAMPLE_SIZE complaints closed in the period, drawn like the
    documents, with their handling times and result (no contact details)."""
    from app.customer_care.api import complaint_board, get_complaint

    start, end = period.bounds()
    board = complaint_board(uow, reader, open_only=False)
    closed = []
    for row in sorted(board.rows, key=lambda r: r.number):
        if row.status == "closed" and row.received_at < end:
            c = get_complaint(uow, reader, row.id)
            if c.closed_at is not None and start <= c.closed_at < end:
                closed.append(c)
    header: tuple[str, ...] = (
        "number",
        "population",
        "channel",
        "category",
        "received_at",
        "first_response_at",
        "reply_at",
    )
    header += ("closed_at", "handler", "result", "confirmation")
    return csv_bytes(
        header,
        (
            (c.number, len(closed), c.channel, c.category, c.received_at, c.first_response_at, c.reply_at)
            + (c.closed_at, c.handler_name, c.result, c.confirmation)
            for c in draw(closed, seed, "complaint_closure", size)
        ),
    )
