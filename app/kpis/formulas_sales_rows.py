"""Shared plumbing of the sales KPI formulas (3.11-3.13): each side of a figure is one SELECT of
(id, at, consultant_id, brand, ...) rows; a figure counts it grouped and a drill-down lists the
same rows, so the records always add up to the counts (issue #20.1/#20.2)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from app.kpis.dto import Counts, GroupBy, GroupKey, RecordKind, RecordRef
from app.reception.api import Query

# The column a SELECT groups on for each GroupBy (None: the whole store).
BY_COLUMN: dict[GroupBy | None, str | None] = {None: None, GroupBy.CONSULTANT: "consultant_id", GroupBy.BRAND: "brand"}


def add_counts(
    out: dict[GroupKey, Counts], numerators: dict[object, int], denominators: dict[object, int]
) -> dict[GroupKey, Counts]:
    """Add one piece's numerator and denominator counts into `out`, group by group."""
    for key in set(numerators) | set(denominators):
        k: GroupKey = key  # type: ignore[assignment]  # consultant ids and brands, as grouped
        out[k] = out.get(k, Counts()) + Counts(numerators.get(key, 0), denominators.get(key, 0))
    return out


def store_total(out: dict[GroupKey, Counts], by: GroupBy | None) -> dict[GroupKey, Counts]:
    """The store's figure is always there (0/0 when nothing was counted)."""
    if by is None:
        out.setdefault(None, Counts())
    return out


_IN_GROUP: dict[tuple[int, str | None, bool], tuple[Select, Select]] = {}


def _in_group(stmt: Select, column: str | None, none: bool) -> Select:
    """`stmt`'s rows of one group (`:group`, or no value when `none`), built once per statement."""
    key = (id(stmt), column, none)
    hit = _IN_GROUP.get(key)
    if hit is None or hit[0] is not stmt:
        sq = stmt.subquery()
        q = select(sq)
        if column is not None:
            q = q.where(sq.c[column].is_(None) if none else sq.c[column] == bindparam("group"))
        hit = _IN_GROUP[key] = (stmt, q)
    return hit[1]


def rows_in_group(session: Session, query: Query, by: GroupBy | None, group: GroupKey) -> list:
    """The rows of `query` that belong to `group` (all of them when `by` is None)."""
    stmt, params = query
    column = BY_COLUMN[by]
    return list(session.connection().execute(_in_group(stmt, column, group is None), {**params, "group": group}))


def refs(kind: RecordKind, rows: Iterable, reference: Callable[[Any], str]) -> list[RecordRef]:
    return [RecordRef(kind, r.id, r.at, reference(r), r.consultant_id, r.brand or "") for r in rows]


def oldest_first(records: Iterable[RecordRef]) -> list[RecordRef]:
    return sorted(records, key=lambda r: (r.at, r.kind, r.id))
