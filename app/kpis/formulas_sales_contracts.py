"""3.11 合同履约率 (T/CSCA 120031 5.2.1 a): of the contracts signed in the period, those
fulfilled (handed over) by the moment the figure is taken. An order is a signed contract: a
contract later cancelled or terminated stays in the denominator, it was signed. The signed
contracts are also 3.12's 月成交订单数. Consultant: the deal's; brand: the contract car's."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Select, and_, bindparam, case, func, select
from sqlalchemy.orm import Session

from app.kpis.definitions import KpiCode
from app.kpis.dto import Counts, GroupBy, GroupKey, RecordKind, RecordRef, Side
from app.kpis.formulas_care_rows import once_per_read
from app.kpis.formulas_sales_rows import BY_COLUMN, add_counts, oldest_first, refs, rows_in_group, store_total
from app.kpis.periods import Period
from app.reception.api import Query
from db.models import Vehicle
from db.sales_models import Contract, Deal


def _signed() -> Select:
    fulfilled = and_(Contract.fulfilled_at.is_not(None), Contract.fulfilled_at <= bindparam("as_of"))
    return (
        select(
            Contract.id.label("id"),
            Contract.signed_at.label("at"),
            Deal.consultant_id.label("consultant_id"),
            Vehicle.brand.label("brand"),
            Contract.number.label("number"),
            case((fulfilled, 1), else_=0).label("hit"),
        )
        .join(Deal, Deal.id == Contract.deal_id)
        .join(Vehicle, Vehicle.id == Contract.vehicle_id)
        .where(
            Contract.signed_at >= bindparam("start"),
            Contract.signed_at < bindparam("end"),
            Contract.signed_at <= bindparam("as_of"),
        )
    )


# Built once with named parameters: building and keying it per call cost more than running it
# (issue #20.8). The tallies: the whole store, per consultant, per brand.
_SIGNED = _signed()
_SQ = _SIGNED.subquery()
_TALLY = (func.coalesce(func.sum(_SQ.c.hit), 0), func.count())
_TALLIES: dict[str | None, Select] = {
    None: select(*_TALLY),
    **{c: select(_SQ.c[c], *_TALLY).group_by(_SQ.c[c]) for c in ("consultant_id", "brand")},
}


def contracts_signed(start: dt.datetime, end: dt.datetime, as_of: dt.datetime) -> Query:
    """Contracts signed in [start, end) and by `as_of` (indexed `signed_at`), `hit` = 1 when
    fulfilled by `as_of`: a contract signed after the figure is taken is not an order yet."""
    return _SIGNED, {"start": start, "end": end, "as_of": as_of}


_MEMO = "kpis.contracts_signed"


def signed_tally(
    session: Session, start: dt.datetime, end: dt.datetime, as_of: dt.datetime, column: str | None
) -> list[tuple[object, int, int]]:
    """(group, fulfilled by as_of, signed) of the contracts signed in [start, end). Read once per
    read transaction: 3.11's denominator and 3.12's numerator of a month are the same contracts."""

    def read() -> list[tuple[object, int, int]]:
        _, params = contracts_signed(start, end, as_of)
        if column is None:
            fulfilled, signed = session.connection().execute(_TALLIES[None], params).one()
            return [(None, int(fulfilled), int(signed))]
        return [(k, int(f), int(n)) for k, f, n in session.connection().execute(_TALLIES[column], params)]

    return once_per_read(session, _MEMO, (start, end, as_of, column), read)


def contract_refs(rows) -> list[RecordRef]:
    return refs(RecordKind.CONTRACT, rows, lambda r: r.number)  # the contract number, never the buyer


class ContractFulfilment:
    code: KpiCode = KpiCode.CONTRACT_FULFILMENT

    def counts(
        self, session: Session, period: Period, *, by: GroupBy | None, as_of: dt.datetime
    ) -> dict[GroupKey, Counts]:
        start, end = period.bounds()
        rows = signed_tally(session, start, end, as_of, BY_COLUMN[by])
        out: dict[GroupKey, Counts] = {}
        for key, fulfilled, signed in rows:
            add_counts(out, {key: int(fulfilled)}, {key: int(signed)})
        return store_total(out, by)

    def pending(self, session: Session, period: Period, *, as_of: dt.datetime) -> int:
        return 0

    def records(
        self, session: Session, period: Period, *, side: Side, by: GroupBy | None, group: GroupKey, as_of: dt.datetime
    ) -> list[RecordRef]:
        start, end = period.bounds()
        rows = rows_in_group(session, contracts_signed(start, end, as_of), by, group)
        if side is Side.NUMERATOR:
            rows = [r for r in rows if r.hit]
        return oldest_first(contract_refs(rows))
