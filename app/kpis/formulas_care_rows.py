"""The shape shared by the after-sale KPI formulas (3.14-3.18): each reads the period's records
once into `Row`s (the record, and whether it counts in the numerator, the denominator or is
still pending), and `counts`, `pending` and `records` are all taken from those rows, so a
drill-down always adds up to the figure shown (issue #20.2).

Every query is bounded by an indexed time column of the period (issue #20.8): its cost grows with
the period's rows, not with the table. An event after `as_of` has not happened yet when the
figure is taken, so it is left out too (`in_period`, `period_params`).

The KPI statements select plain columns, never mapped objects, so every formula runs them on the
session's connection (`session.connection().execute`), in the same read transaction, without
the ORM's per-statement handling of results: about a sixth of a month's eight figures on
SQLite (bench/kpis.py, issue #20.8).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import bindparam
from sqlalchemy.orm import Session

from app.kpis.definitions import KpiCode
from app.kpis.dto import Counts, GroupBy, GroupKey, RecordRef, Side
from app.kpis.periods import Period

T = TypeVar("T")


@dataclass(frozen=True)
class Row:
    ref: RecordRef
    numerator: bool
    denominator: bool
    pending: bool = False


def in_period(column):
    """`column` in the period's [start, end) and not after `as_of` (a range on its index). The
    statements are built once with these parameters (`period_params` fills them): building and
    keying a statement per call cost more than running it (issue #20.8)."""
    return (column >= bindparam("start")) & (column < bindparam("end")) & (column <= bindparam("as_of"))


def period_params(period: Period, as_of: dt.datetime) -> dict[str, dt.datetime]:
    start, end = period.bounds()
    return {"start": start, "end": end, "as_of": as_of}


def group_key(ref: RecordRef, by: GroupBy | None) -> GroupKey:
    """None for the store; per consultant their staff id, per brand the car's brand. A record
    naming no consultant (or no car) falls in the group None, so the groups add up to the store."""
    if by is GroupBy.CONSULTANT:
        return ref.consultant_id
    if by is GroupBy.BRAND:
        return ref.brand or None
    return None


def tally(rows: Iterable[Row], by: GroupBy | None) -> dict[GroupKey, Counts]:
    # Plain integers per group, made into Counts at the end: adding Counts row by row built a
    # dataclass per record (thousands a month), a measurable part of the dashboard's read.
    sums: dict[GroupKey, list[int]] = {}
    if by is None:
        sums[None] = [0, 0]  # the store's figure exists even when nothing happened ("—")
    for r in rows:
        if r.numerator or r.denominator:
            key = None if by is None else group_key(r.ref, by)
            acc = sums.get(key)
            if acc is None:
                acc = sums[key] = [0, 0]
            acc[0] += r.numerator
            acc[1] += r.denominator
    return {k: Counts(n, d) for k, (n, d) in sums.items()}


def once_per_read(session: Session, name: str, key: object, read: Callable[[], T]) -> T:
    """`read()` once per read transaction for `key` (remembered on the session), as reception's
    intention counts are: the report asks several figures of the same rows in one read."""
    memo = session.info.setdefault(name, {})
    hit = memo.get(key)
    if hit is not None and hit[0] is session.get_transaction():
        return hit[1]
    out = read()
    if len(memo) >= 32:  # a session's older reads are never asked again
        memo.clear()
    memo[key] = (session.get_transaction(), out)
    return out


def pick(rows: Iterable[Row], side: Side, by: GroupBy | None, group: GroupKey) -> list[RecordRef]:
    """The records counted on `side` for `group` (every group when `by` is None), oldest first."""
    on_side = (r for r in rows if (r.numerator if side is Side.NUMERATOR else r.denominator))
    chosen = [r.ref for r in on_side if by is None or group_key(r.ref, by) == group]
    return sorted(chosen, key=lambda ref: (ref.at, ref.kind.value, ref.id))


class RowFormula:
    """A formula whose `rows` say everything: subclasses only read the rows of a period."""

    code: KpiCode

    def rows(self, session: Session, period: Period, as_of: dt.datetime) -> list[Row]:
        raise NotImplementedError

    def counts(
        self, session: Session, period: Period, *, by: GroupBy | None, as_of: dt.datetime
    ) -> dict[GroupKey, Counts]:
        return tally(self.rows(session, period, as_of), by)

    # Only 3.14 has records not judged yet (pick-ups inside their 72 hours); the others answer
    # without reading anything.
    has_pending = False

    def pending(self, session: Session, period: Period, *, as_of: dt.datetime) -> int:
        if not self.has_pending:
            return 0
        return sum(1 for r in self.rows(session, period, as_of) if r.pending)

    def records(
        self, session: Session, period: Period, *, side: Side, by: GroupBy | None, group: GroupKey, as_of: dt.datetime
    ) -> list[RecordRef]:
        return pick(self.rows(session, period, as_of), Side(side), by, group)
