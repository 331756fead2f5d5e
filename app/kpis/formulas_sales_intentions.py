"""3.12 月平均成交率 and 3.13 试乘试驾率 (T/CSCA 120031 5.2.1 e, c): monthly figures over the
intentions (意向) of each month piece of the period: those retained at the piece's start (上月留存意向,
from the month-end snapshot or the status history) plus those created in it (本月新增意向); over
a longer period, the sum of its pieces. The intentions are reception's (app.reception.api).

3.12's numerator: contracts signed in the piece (an order is a signed contract, never a lead
status someone set). 3.13's: test drives returned in the piece (`status == returned`,
`actual_end` in it); a "had a test drive" tick on a visit without a drive never counts.
Consultant: the lead's (the snapshot's for retained ones), the deal's, the drive's escort (who
conducted it); brand: the lead's, the contract car's, the test car's.

Taken at `as_of`, a figure counts only what had happened by then: contracts signed, drives
returned and intentions created after it are left out, and a month piece not begun by then has
no figure yet (its retained intentions are not known), so a month in progress asked at an
instant equals the figure asked later for that same instant (docs/kpis_design.md).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app.kpis.definitions import KpiCode
from app.kpis.dto import Counts, GroupBy, GroupKey, RecordKind, RecordRef, Side
from app.kpis.formulas_sales_contracts import contract_refs, contracts_signed, signed_tally
from app.kpis.formulas_sales_rows import BY_COLUMN, add_counts, oldest_first, refs, rows_in_group, store_total
from app.kpis.periods import Period
from app.reception.api import Query, count_by, intention_counts, new_intentions, retained_intentions
from db.drive_models import DriveStatus, TestDrive, TestDriveCar
from db.models import Vehicle


_RETURNED = (
    select(
        TestDrive.id.label("id"),
        TestDrive.actual_end.label("at"),
        TestDrive.escort_id.label("consultant_id"),
        Vehicle.brand.label("brand"),
        TestDrive.agreement_number.label("number"),
    )
    .join(TestDriveCar, TestDriveCar.id == TestDrive.car_id)
    .join(Vehicle, Vehicle.id == TestDriveCar.vehicle_id)
    .where(
        TestDrive.status == DriveStatus.RETURNED.value,
        TestDrive.actual_end >= bindparam("start"),
        TestDrive.actual_end < bindparam("end"),
        TestDrive.actual_end <= bindparam("as_of"),
    )
)


def drives_returned(start: dt.datetime, end: dt.datetime, as_of: dt.datetime) -> Query:
    """Test drives returned in [start, end) and by `as_of` (index on status, actual_end), with
    their escort."""
    return _RETURNED, {"start": start, "end": end, "as_of": as_of}


def _drive_refs(rows) -> list[RecordRef]:
    return refs(RecordKind.TEST_DRIVE, rows, lambda r: r.number or f"#{r.id}")  # the agreement number


def _lead_refs(rows) -> list[RecordRef]:
    return refs(RecordKind.LEAD, rows, lambda r: f"#{r.id} {r.brand} {r.model}")  # no name, no mobile


def begun(piece: Period, as_of: dt.datetime) -> bool:
    """Whether the month piece had begun when the figure is taken: before, nothing of it is known."""
    return piece.bounds()[0] <= as_of


def intentions(session: Session, piece: Period, column: str | None, as_of: dt.datetime) -> dict[object, int]:
    """The denominator of one begun month piece per group: reception's count (app.reception.api,
    shared with the leads page), leaving out the intentions created after `as_of` when the piece
    is still in progress. 3.12 and 3.13 share it: counted once per read."""
    den = intention_counts(session, piece.first_day, piece.last_day, column, as_of)
    return {k: den.total(k) for k in den.keys()}


def intention_records(
    session: Session, piece: Period, by: GroupBy | None, group: GroupKey, as_of: dt.datetime
) -> list[RecordRef]:
    """The denominator's leads of one begun month piece: retained at its start, then new in it by `as_of`."""
    retained, _ = retained_intentions(session, piece.first_day)
    start, end = piece.bounds()
    new = new_intentions(start, end, as_of)
    return _lead_refs(rows_in_group(session, retained, by, group) + rows_in_group(session, new, by, group))


class IntentionRate:
    """A monthly rate whose denominator is the piece's intentions; subclasses give the numerator."""

    code: KpiCode = KpiCode.CLOSURE

    def numerator(self, start: dt.datetime, end: dt.datetime, as_of: dt.datetime) -> Query:
        raise NotImplementedError

    def numerator_refs(self, rows) -> list[RecordRef]:
        raise NotImplementedError

    def numerator_counts(
        self, session: Session, start: dt.datetime, end: dt.datetime, as_of: dt.datetime, column: str | None
    ) -> dict[object, int]:
        return count_by(session, self.numerator(start, end, as_of), column)

    def counts(
        self, session: Session, period: Period, *, by: GroupBy | None, as_of: dt.datetime
    ) -> dict[GroupKey, Counts]:
        column = BY_COLUMN[by]
        out: dict[GroupKey, Counts] = {}
        for piece in period.pieces():
            if not begun(piece, as_of):
                continue
            start, end = piece.bounds()
            num = self.numerator_counts(session, start, end, as_of, column)
            add_counts(out, num, intentions(session, piece, column, as_of))
        return store_total(out, by)

    def pending(self, session: Session, period: Period, *, as_of: dt.datetime) -> int:
        return 0

    def records(
        self, session: Session, period: Period, *, side: Side, by: GroupBy | None, group: GroupKey, as_of: dt.datetime
    ) -> list[RecordRef]:
        out: list[RecordRef] = []
        for piece in period.pieces():
            if not begun(piece, as_of):
                continue
            if side is Side.NUMERATOR:
                start, end = piece.bounds()
                out += self.numerator_refs(rows_in_group(session, self.numerator(start, end, as_of), by, group))
            else:
                out += intention_records(session, piece, by, group, as_of)
        return oldest_first(out)


class ClosureRate(IntentionRate):
    """3.12: 月成交订单数 / (上月留存意向 + 本月新增意向)."""

    code: KpiCode = KpiCode.CLOSURE

    def numerator(self, start: dt.datetime, end: dt.datetime, as_of: dt.datetime) -> Query:
        return contracts_signed(start, end, as_of)

    def numerator_refs(self, rows) -> list[RecordRef]:
        return contract_refs(rows)

    def numerator_counts(
        self, session: Session, start: dt.datetime, end: dt.datetime, as_of: dt.datetime, column: str | None
    ) -> dict[object, int]:
        # The same contracts as 3.11's denominator over a month: counted once per read.
        return {k: signed for k, _, signed in signed_tally(session, start, end, as_of, column)}


class TestDriveRate(IntentionRate):
    """3.13: 试乘试驾数 / 意向留存数 (the 3.12 denominator)."""

    code: KpiCode = KpiCode.TEST_DRIVE

    def numerator(self, start: dt.datetime, end: dt.datetime, as_of: dt.datetime) -> Query:
        return drives_returned(start, end, as_of)

    def numerator_refs(self, rows) -> list[RecordRef]:
        return _drive_refs(rows)
