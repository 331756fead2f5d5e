"""Shared plumbing of the sales KPI formulas (3.11-3.13): each side of a figure is one SELECT of
(id, at, consultant_id, brand, ...) rows; a figure counts it grouped and a drill-down lists the
same rows, so the records always add up to the counts (issue #20.1/#20.2)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.kpis.dto import Counts, GroupBy, GroupKey, RecordKind, RecordRef

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


def rows_in_group(session: Session, query: Select, by: GroupBy | None, group: GroupKey) -> list:
    """The rows of `query` that belong to `group` (all of them when `by` is None)."""
    sq = query.subquery()
    q = select(sq)
    column = BY_COLUMN[by]
    if column is not None:
        q = q.where(sq.c[column].is_(None) if group is None else sq.c[column] == group)
    return list(session.execute(q))


def refs(kind: RecordKind, rows: Iterable, reference: Callable[[Any], str]) -> list[RecordRef]:
    return [RecordRef(kind, r.id, r.at, reference(r), r.consultant_id, r.brand or "") for r in rows]


def oldest_first(records: Iterable[RecordRef]) -> list[RecordRef]:
    return sorted(records, key=lambda r: (r.at, r.kind, r.id))
