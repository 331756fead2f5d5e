"""Intentions (意向, T/CSCA 120031 3.12/3.13): which leads count, created in a span or retained
at an instant. One definition, read by the KPI formulas (app.kpis) and the leads page's month line.

An intention is a lead whose customer has a person's contact on record: a mobile, not
anonymised. Anonymous visits and leads without contact never count (issue #20 defect 3).
Retained (留存) at an instant: still new or following then. At a month's start this comes from the
previous month's end snapshot (`lead_month_snapshot`, with the consultant it had then) when one
was taken, else from the append-only status history, as app/reception/snapshots.py rebuilds a
late snapshot, so both give the same leads. From a snapshot, whether a lead is an intention is
the flag recorded when the snapshot was taken (a late one reads the contact when it is taken), so
a past month's figure no longer changes when a customer is anonymised later; the snapshot's count
is one index range (kpi_month_id, intention, consultant_id) and joins `lead` only for its brand;
counted (store, per consultant), a closed month reads the counts the snapshot recorded per
consultant (`kpi_month_intentions`, a dozen rows instead of 600,000 on a group's database).

Each function returns a SELECT of (id, at, consultant_id, brand, model) rows: callers count it
grouped or list it, from the same statement. Every one is bounded by an indexed instant
(`lead.created_at`, `lead_status_change.changed_at`) or by one snapshot, never by all leads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ScalarSelect, Select, bindparam, func, select, union_all
from sqlalchemy.orm import Session
from sqlalchemy.types import DateTime

from app.core.clock import previous_month, store_day_bounds
from app.reception.rules import RETAINED_STATUSES
from app.reception.snapshots import dialect_of, settled_leads
from db.reception_models import Customer, KpiMonth, KpiMonthIntentions, Lead, LeadMonthSnapshot, LeadStatusChange

_RETAINED = [st.value for st in RETAINED_STATUSES]

# A statement and the values of its parameters. Every statement here is built once, with named
# parameters, and reused: building and keying a statement per call cost more than running it on
# SQLite (a month's eight KPIs, bench/kpis.py; issue #20.8).
Query = tuple[Select, dict[str, Any]]
_MOMENT = bindparam("moment", type_=DateTime)


def _with_contact(query: Select) -> Select:
    """Only leads of a customer with a mobile on record, not anonymised."""
    return query.join(Customer, Customer.id == Lead.customer_id).where(
        Customer.mobile.is_not(None), Customer.anonymised_at.is_(None)
    )


_NEW = _with_contact(
    select(
        Lead.id.label("id"),
        Lead.created_at.label("at"),
        Lead.consultant_id.label("consultant_id"),
        Lead.brand.label("brand"),
        Lead.model.label("model"),
    ).where(
        Lead.created_at >= bindparam("start"), Lead.created_at < bindparam("end"), Lead.created_at <= bindparam("as_of")
    )
)


def new_intentions(start: dt.datetime, end: dt.datetime, as_of: dt.datetime | None = None) -> Query:
    """本月新增意向: intentions created in [start, end) (and by `as_of`, when a figure is taken
    inside the span: one created later had not happened yet), at their creation, with their
    consultant."""
    return _NEW, {"start": start, "end": end, "as_of": end if as_of is None or as_of > end else as_of}


def _replayed_retained() -> Select:
    """(lead_id) of the leads changed at or after the moment that were retained at it: the last
    status each had before it (snapshots._replayed in SQL, so it joins instead of listing ids)."""
    changed = select(LeadStatusChange.lead_id).where(LeadStatusChange.changed_at >= _MOMENT)
    last = (
        select(
            LeadStatusChange.lead_id.label("lead_id"),
            LeadStatusChange.to_status.label("status"),
            func.row_number()
            .over(
                partition_by=LeadStatusChange.lead_id,
                order_by=(LeadStatusChange.changed_at.desc(), LeadStatusChange.id.desc()),
            )
            .label("rn"),
        )
        .where(LeadStatusChange.changed_at < _MOMENT, LeadStatusChange.lead_id.in_(changed))
        .subquery()
    )
    return select(last.c.lead_id).where(last.c.rn == 1, last.c.status.in_(_RETAINED))


def _retained_from_history(dialect: str) -> Select:
    cols = (
        Lead.id.label("id"),
        _MOMENT.label("at"),
        Lead.consultant_id.label("consultant_id"),
        Lead.brand.label("brand"),
    )
    settled = _with_contact(select(*cols, Lead.model.label("model")).where(*settled_leads(_MOMENT, dialect)))
    replayed = _replayed_retained().subquery()
    changed = _with_contact(select(*cols, Lead.model.label("model")).join(replayed, replayed.c.lead_id == Lead.id))
    u = union_all(settled, changed).subquery()
    return select(u.c.id, u.c.at, u.c.consultant_id, u.c.brand, u.c.model)


_HISTORY: dict[str, Select] = {}  # per database: "not changed since" is said per dialect


def _retained_from_snapshot(lead_columns: bool) -> Select:
    """The snapshot's intentions (its recorded flag). Without `lead_columns` only (id, at,
    consultant_id): counting them, whole or per consultant, never reads `lead` or `customer`."""
    cols = (
        LeadMonthSnapshot.lead_id.label("id"),
        _MOMENT.label("at"),
        LeadMonthSnapshot.consultant_id.label("consultant_id"),  # the owner at the month's end
    )
    mine = (LeadMonthSnapshot.kpi_month_id == bindparam("kpi_month_id"), LeadMonthSnapshot.intention.is_(True))
    if not lead_columns:
        return select(*cols).where(*mine)
    q = select(*cols, Lead.brand.label("brand"), Lead.model.label("model")).select_from(LeadMonthSnapshot)
    return q.join(Lead, Lead.id == LeadMonthSnapshot.lead_id).where(*mine)


_SNAPSHOT = {False: _retained_from_snapshot(False), True: _retained_from_snapshot(True)}
_KPI_MONTH = select(KpiMonth.id).where(KpiMonth.month == bindparam("month"))


def retained_intentions(session: Session, day: dt.date, *, lead_columns: bool = True) -> tuple[Query, bool]:
    """上月留存意向: intentions retained at the start of store day `day`, and whether they come
    from a month-end snapshot (only when `day` is a month's first day and the previous month's
    snapshot was taken); else from the status history at that instant. `lead_columns=False`
    lets a snapshot's rows leave out brand and model (for counts not grouped by brand)."""
    moment, _ = store_day_bounds(day)
    if day.day == 1:
        kpi_month_id = session.connection().scalar(_KPI_MONTH, {"month": previous_month(day)})
        if kpi_month_id is not None:
            return (_SNAPSHOT[lead_columns], {"moment": moment, "kpi_month_id": kpi_month_id}), True
    dialect = dialect_of(session)
    if dialect not in _HISTORY:
        _HISTORY[dialect] = _retained_from_history(dialect)
    return (_HISTORY[dialect], {"moment": moment}), False


@dataclass(frozen=True)
class IntentionCounts:
    """The 3.12/3.13 denominator of one month piece per group: retained at its start + new in it."""

    retained: dict[object, int]
    new: dict[object, int]
    from_snapshot: bool

    def total(self, key: object) -> int:
        return self.retained.get(key, 0) + self.new.get(key, 0)

    def keys(self) -> set[object]:
        return set(self.retained) | set(self.new)


_COUNTED: dict[tuple[int, str | None], tuple[Select, Select]] = {}


def counted(stmt: Select, by: str | None) -> Select:
    """`stmt`'s rows counted (per its column `by` when given), built once per statement."""
    key = (id(stmt), by)
    hit = _COUNTED.get(key)
    if hit is None or hit[0] is not stmt:
        sq = stmt.subquery()
        built = (
            select(func.count()).select_from(sq) if by is None else select(sq.c[by], func.count()).group_by(sq.c[by])
        )
        hit = _COUNTED[key] = (stmt, built)
    return hit[1]


def count_by(session: Session, query: Query, by: str | None) -> dict[object, int]:
    """Rows of `query` per value of its column `by` (all under None when `by` is None)."""
    stmt, params = query
    if by is None:
        return {None: session.connection().scalar(counted(stmt, None), params) or 0}
    return {k: n for k, n in session.connection().execute(counted(stmt, by), params)}


def _new_count() -> ScalarSelect:
    """The number of `_NEW`'s rows: the period's leads (an index range, no join) less those of
    the few customers who are no intention (a partial index, ix_customer_no_contact). Joining
    each lead to its customer cost 450 ms for a month of dataset G's 123,000 leads; this, 13 ms.
    Every lead has a customer (a required foreign key), so the difference is `_NEW`'s count."""
    in_period = (
        Lead.created_at >= bindparam("start"),
        Lead.created_at < bindparam("end"),
        Lead.created_at <= bindparam("as_of"),
    )
    no_contact = (
        select(Customer.id)
        .where(Customer.id == Lead.customer_id, Customer.mobile.is_(None) | Customer.anonymised_at.is_not(None))
        .exists()
    )
    every = select(func.count()).select_from(Lead).where(*in_period).scalar_subquery()
    without = select(func.count()).select_from(Lead).where(*in_period, no_contact).scalar_subquery()
    return select(every - without).scalar_subquery()


_NEW_COUNT = _new_count()
_BOTH: dict[int, tuple[Select, Select]] = {}


def _both_counted(retained: Select) -> Select:
    """Retained and new counted in one round trip (the store's figure)."""
    hit = _BOTH.get(id(retained))
    if hit is None or hit[0] is not retained:
        hit = _BOTH[id(retained)] = (retained, select(counted(retained, None).scalar_subquery(), _NEW_COUNT))
    return hit[1]


_MEMO = "reception.intention_counts"
_MONTH = KpiMonthIntentions.kpi_month_id == bindparam("kpi_month_id")
# A closed month's retained intentions, counted per consultant when its snapshot was taken.
_PER_OWNER = select(KpiMonthIntentions.consultant_id, KpiMonthIntentions.intentions).where(_MONTH)
_MONTH_ENDED = KpiMonth.month == bindparam("month")
# The store's figure of a month piece in one round trip: whether the previous month's snapshot
# was taken, its intentions as counted then, and the intentions new in the piece.
_SNAPSHOT_AND_NEW = select(
    select(KpiMonth.id).where(_MONTH_ENDED).scalar_subquery(),
    select(func.coalesce(func.sum(KpiMonthIntentions.intentions), 0))
    .join(KpiMonth, KpiMonth.id == KpiMonthIntentions.kpi_month_id)
    .where(_MONTH_ENDED)
    .scalar_subquery(),
    _NEW_COUNT,
)


def _store_from_snapshot(session: Session, first_day: dt.date, new: Query) -> IntentionCounts | None:
    """The store's count when `first_day` starts a month whose previous month has a snapshot."""
    if first_day.day != 1:
        return None
    params = {"month": previous_month(first_day), **new[1]}
    kpi_month_id, n_retained, n_new = session.connection().execute(_SNAPSHOT_AND_NEW, params).one()
    if kpi_month_id is None:
        return None
    return IntentionCounts({None: int(n_retained)}, {None: n_new or 0}, True)


def _counted(session: Session, retained: Query, from_snapshot: bool, new: Query, by: str | None) -> IntentionCounts:
    """Retained (from the snapshot's counts when it has them: not by brand, the lead's now) and new."""
    if from_snapshot and by == "consultant_id":
        params = {"kpi_month_id": retained[1]["kpi_month_id"]}
        per_owner: dict[object, int] = {c: n for c, n in session.connection().execute(_PER_OWNER, params) if n}
        return IntentionCounts(per_owner, count_by(session, new, by), True)
    if by is None:  # the store's figure (the leads page, the dashboard): both counts in one round trip
        n_retained, n_new = session.connection().execute(_both_counted(retained[0]), {**retained[1], **new[1]}).one()
        return IntentionCounts({None: n_retained or 0}, {None: n_new or 0}, from_snapshot)
    return IntentionCounts(count_by(session, retained, by), count_by(session, new, by), from_snapshot)


def intention_counts(
    session: Session, first_day: dt.date, last_day: dt.date, by: str | None, as_of: dt.datetime | None = None
) -> IntentionCounts:
    """Intentions retained at `first_day`'s start and created up to the end of `last_day` (one
    month piece; only those created by `as_of` when it falls inside), per `by` column
    ('consultant_id', 'brand' or None). 3.12 and 3.13 share the denominator: it is counted once
    per read transaction (remembered on the session)."""
    memo = session.info.setdefault(_MEMO, {})
    start, _ = store_day_bounds(first_day)
    _, end = store_day_bounds(last_day)
    new = new_intentions(start, end, as_of)
    key = (first_day, last_day, by, new[1]["as_of"])
    hit = memo.get(key)
    if hit is not None and hit[0] is session.get_transaction():
        return hit[1]
    out = _store_from_snapshot(session, first_day, new) if by is None else None
    if out is None:
        retained, from_snapshot = retained_intentions(session, first_day, lead_columns=by == "brand")
        out = _counted(session, retained, from_snapshot, new, by)
    memo[key] = (session.get_transaction(), out)
    return out
