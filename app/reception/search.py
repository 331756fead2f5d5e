"""Finding people and past visits fast, however many years a store keeps (issue #10).

`search_customers`: by the last digits of a mobile (the way customers say it: "尾号 5678"), the
whole mobile, or the start of a name. `list_visits`: the visit history newest first, a page at
a time (keyset paging, so the hundredth page costs what the first does).

Both are index look-ups on any volume: the tail of a mobile is found through
`customer.mobile_rev` (the number reversed, kept by db/reception_models.py), a name prefix
through the index on `customer.name`, a page of visits through the (arrival_at, id) index.
Consultants see only their own customers and visits (PIPL: need to know).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import String, and_, bindparam, or_, select

from app.core.masking import mask_mobile, mask_name
from app.core.validation import normalize_mobile
from app.core.errors import FieldError, ValidationFailed
from app.core.permissions import Action, require
from app.core.dto import Actor
from db.models import Role, StaffUser
from db.reception_models import Customer, Visit
from db.uow import UnitOfWork

MIN_TAIL = 3


@dataclass(frozen=True)
class CustomerHitDTO:
    id: int
    name: str | None  # in clear for the search; the list shows the masked forms (PIPL)
    mobile: str | None
    consultant_id: int | None
    consultant_name: str | None

    @property
    def name_masked(self) -> str:
        return mask_name(self.name)

    @property
    def mobile_masked(self) -> str:
        return mask_mobile(self.mobile)


@dataclass(frozen=True)
class VisitRowDTO:
    id: int
    arrival_at: dt.datetime
    visit_type: str
    status: str
    outcome: str | None
    had_test_drive: bool
    intent_level: str | None
    customer_name: str | None
    consultant_name: str | None

    @property
    def customer_name_masked(self) -> str:
        return mask_name(self.customer_name)


@dataclass(frozen=True)
class VisitPageDTO:
    rows: tuple[VisitRowDTO, ...]
    # Pass back as VisitHistoryQuery.after to get the next page; None: this was the last.
    next_after: tuple[dt.datetime, int] | None


@dataclass(frozen=True)
class VisitHistoryQuery:
    day_from: dt.datetime | None = None  # UTC bounds, inclusive / exclusive
    day_to: dt.datetime | None = None
    consultant_id: int | None = None  # managers only
    after: tuple[dt.datetime, int] | None = None
    limit: int = 100


def _prefix(column, value: str, dialect: str):
    """`column` starts with `value`, in a form the database answers from its index: a range on
    SQLite (binary collation), LIKE on PostgreSQL (the index uses varchar_pattern_ops)."""
    if dialect == "postgresql":
        escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        # Rendered into the statement, not bound: PostgreSQL turns LIKE 'x%' into an index
        # range only when it sees the pattern, and psycopg prepares repeated statements, whose
        # generic plan would scan 1.5 M customers (bench/run.py on dataset G, issue #10).
        pattern = bindparam(None, escaped + "%", type_=String(), literal_execute=True)
        return column.like(pattern, escape="\\")
    return and_(column >= value, column < value + "\U0010ffff")


def search_customers(uow: UnitOfWork, *, actor: Actor, text: str, limit: int = 50) -> list[CustomerHitDTO]:
    """Customers whose mobile ends with, or is, the digits typed, or whose name starts with the
    text. Raises ValidationFailed(search, search_too_short) for fewer than 3 digits or an empty
    name."""
    require(actor, Action.MANAGE_CUSTOMERS)
    raw = (text or "").strip()
    digits = normalize_mobile(raw) if raw else ""
    with uow:
        s = uow.session
        dialect = s.get_bind().dialect.name
        if digits.isdigit():
            if len(digits) < MIN_TAIL:
                raise ValidationFailed([FieldError("search", "search_too_short", {"min": MIN_TAIL})])
            by = Customer.mobile if len(digits) >= 11 else Customer.mobile_rev
            cond = (
                Customer.mobile == digits if len(digits) >= 11 else _prefix(Customer.mobile_rev, digits[::-1], dialect)
            )
        elif raw:
            by = Customer.name
            cond = _prefix(Customer.name, raw, dialect)
        else:
            raise ValidationFailed([FieldError("search", "search_too_short", {"min": 1})])
        stmt = (
            select(Customer.id, Customer.name, Customer.mobile, Customer.consultant_id, StaffUser.full_name)
            .outerjoin(StaffUser, StaffUser.id == Customer.consultant_id)
            # In the searched index's order: "ORDER BY id LIMIT 50" lets PostgreSQL walk
            # the primary key filtering 1.5 M rows when it misjudges the match count.
            .where(cond)
            .order_by(by, Customer.id)
            .limit(limit)
        )
        if not actor.has(Role.SALES_MANAGER) and not actor.has(Role.RECEPTION):
            stmt = stmt.where(Customer.consultant_id == actor.user_id)
        return [CustomerHitDTO(*row) for row in s.execute(stmt)]


def list_visits(uow: UnitOfWork, *, actor: Actor, query: VisitHistoryQuery = VisitHistoryQuery()) -> VisitPageDTO:
    """One page of the visit history, newest first."""
    require(actor, Action.VIEW_QUEUE)
    limit = max(1, min(query.limit, 500))
    stmt = (
        select(
            Visit.id,
            Visit.arrival_at,
            Visit.visit_type,
            Visit.status,
            Visit.outcome,
            Visit.had_test_drive,
            Visit.intent_level,
            Customer.name,
            StaffUser.full_name,
        )
        .outerjoin(Customer, Customer.id == Visit.customer_id)
        .outerjoin(StaffUser, StaffUser.id == Visit.consultant_id)
        .order_by(Visit.arrival_at.desc(), Visit.id.desc())
        .limit(limit + 1)
    )
    if not actor.has(Role.SALES_MANAGER) and not actor.has(Role.RECEPTION):
        stmt = stmt.where(Visit.consultant_id == actor.user_id)
    elif query.consultant_id is not None:
        stmt = stmt.where(Visit.consultant_id == query.consultant_id)
    if query.day_from is not None:
        stmt = stmt.where(Visit.arrival_at >= query.day_from)
    if query.day_to is not None:
        stmt = stmt.where(Visit.arrival_at < query.day_to)
    if query.after is not None:
        at, vid = query.after
        stmt = stmt.where(or_(Visit.arrival_at < at, and_(Visit.arrival_at == at, Visit.id < vid)))
    with uow:
        rows = [VisitRowDTO(*r) for r in uow.session.execute(stmt)]
    more = len(rows) > limit
    rows = rows[:limit]
    return VisitPageDTO(tuple(rows), (rows[-1].arrival_at, rows[-1].id) if more else None)
