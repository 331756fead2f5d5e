"""Document numbers (文件编号): PREFIX-YEAR-SEQUENCE, e.g. SN-2026-000001, a counter per
document type and Shanghai calendar year, taken by one atomic upsert so that two terminals
never get the same number. Used by documents.py, which re-exports these names.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, cast

from sqlalchemy import Table, bindparam
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

import datetime as dt

from db.models import DocumentSequence
from db.uow import UnitOfWork

# Number prefix per document type. A new document type adds its line here.
DOC_TYPES: dict[str, str] = {
    "store_notice": "SN",
    "test_drive_agreement": "TD",
    "pdi_report": "PDI",
    "vehicle_card": "VC",
    # Issue #18: the sale's documents.
    "price_list_notice": "PL",
    "quote": "QT",
    "disclosure": "DS",
    "sales_contract": "HT",  # 合同
    "special_terms": "ST",
    "entrustment": "WT",  # 委托服务协议
    "payment_receipt": "SK",  # 收款凭证
    "settlement": "JS",  # 结算单
    "handover": "JC",  # 交车确认
    "warranty_certificate": "SB",  # 三包凭证
}
SHANGHAI = dt.timezone(dt.timedelta(hours=8))
# INSERT ... ON CONFLICT of each database the app supports (the same statement on both).
_UPSERTS: dict[str, Callable[[Table], Any]] = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def format_number(doc_type: str, year: int, sequence: int) -> str:
    return f"{DOC_TYPES[doc_type]}-{year}-{sequence:06d}"


def number_year(issued_at: dt.datetime) -> int:
    """The year in a number is the Shanghai calendar year of issue (naive means UTC)."""
    moment = issued_at if issued_at.tzinfo else issued_at.replace(tzinfo=dt.UTC)
    return moment.astimezone(SHANGHAI).year


def allocate_number(uow: UnitOfWork, *, doc_type: str, year: int, count: int = 1) -> int:
    """The next sequence number for (doc_type, year), committed at once; with `count`, that
    many consecutive numbers, of which this is the last (a batch takes its numbers in one
    commit, issue #17). One statement, INSERT ... ON CONFLICT DO UPDATE SET last = last +
    count RETURNING last: atomic on both PostgreSQL (row lock) and SQLite (the statement
    takes the write lock)."""
    if count < 1:
        raise ValueError("count must be at least 1")
    with uow:
        sequence = take_number(uow.session, doc_type=doc_type, year=year, count=count)
        uow.commit()
        return sequence


def take_number(session: Session, *, doc_type: str, year: int, count: int = 1) -> int:
    """allocate_number's upsert in the caller's transaction, which must commit at once: the
    counter's row stays locked until it does (issue #18.11: the contract takes its number
    at the end of its checks' transaction instead of in one of its own)."""
    if count < 1:
        raise ValueError("count must be at least 1")
    dialect = session.get_bind().dialect.name
    if dialect not in _UPSERTS:  # pragma: no cover - the app supports these two
        raise NotImplementedError(dialect)
    params = {"seq_type": doc_type, "seq_year": year, "seq_count": count}
    return session.execute(_upsert(dialect), params).scalar_one()


@functools.cache
def _upsert(dialect: str):
    # Built once per database kind, the type, year and count bound at each call: every
    # document issued takes a number (issue #18.11).
    table = cast(Table, DocumentSequence.__table__)
    count: Any = bindparam("seq_count")
    stmt = _UPSERTS[dialect](table).values(doc_type=bindparam("seq_type"), year=bindparam("seq_year"), last=count)
    stmt = stmt.on_conflict_do_update(
        index_elements=[table.c.doc_type, table.c.year], set_={"last": table.c.last + count}
    )
    return stmt.returning(table.c.last)
