"""3.15 服务投诉率 (5.2.1 f), 3.16 投诉处理率 (g) and 3.17 投诉响应率 (h), from the complaint
register (db/complaint_models.py) and the cars sold.

- 3.15: complaints received in the period through the 12345 hotline (`channel`), over cars sold
  = contracts fulfilled (handed over) in the period (销量). Lower is better; no car sold is "—".
- 3.16: complaints received in the period; numerator: those closed by `as_of` (a complaint
  received in the period and closed after it counts as closed when the figure is taken later).
- 3.17: complaints received in the period; numerator: first response to the customer within 72
  clock hours of receipt, i.e. at or before the complaint's own `first_response_due` (received +
  72 h, app/customer_care/complaint_deadlines.py). Holidays do not stop this clock, unlike the
  7-working-day reply of 办法 art. 18; a response after `as_of` does not count yet.

Who a complaint counts for (decided for issue #20.1): per consultant, the consultant of the deal
whose contract the complaint names; failing that, the staff member it names (the person
complained about); a complaint naming neither goes to the group "no consultant" (key None), so
the consultants' figures still add up to the store's. Per brand: the brand of the car it names
(or of its contract's car); naming none, the group None. Cars sold count for the deal's
consultant and the contract car's brand, as in 3.11 and 3.14.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from app.kpis.definitions import KpiCode
from app.kpis.dto import RecordKind, RecordRef
from app.kpis.formulas_care_calls import contract_pick_ups
from app.kpis.formulas_care_rows import Row, RowFormula, in_period, once_per_read, period_params
from app.kpis.periods import Period
from db.complaint_models import Complaint, ComplaintChannel
from db.models import Vehicle
from db.sales_models import Contract, Deal


_named_car, _contract_car = aliased(Vehicle, name="named_car"), aliased(Vehicle, name="contract_car")

# The complaints received in the period. The channel is checked on the rows rather than in SQL,
# so the database ranges over the receipt-time index (the period's complaints), not over every
# 12345 complaint ever received (issue #20.8).
COMPLAINTS = (
    select(
        Complaint.id,
        Complaint.number,
        Complaint.received_at,
        func.coalesce(Deal.consultant_id, Complaint.staff_id),
        func.coalesce(_named_car.brand, _contract_car.brand),
        Complaint.first_response_at,
        Complaint.first_response_due,
        Complaint.closed_at,
        Complaint.channel,
    )  # fmt: skip
    .outerjoin(Contract, Contract.id == Complaint.contract_id)
    .outerjoin(Deal, Deal.id == Contract.deal_id)
    .outerjoin(_named_car, _named_car.id == Complaint.vehicle_id)
    .outerjoin(_contract_car, _contract_car.id == Contract.vehicle_id)
    .where(in_period(Complaint.received_at))
)


def complaints_received(session: Session, period: Period, as_of: dt.datetime, *, hotline_only: bool = False) -> list:
    """(ref, first response, response due, closed) of the complaints received in the period.
    Read once per read transaction: 3.15, 3.16 and 3.17 all ask for them (issue #20.8)."""
    every = once_per_read(session, _MEMO, (period, as_of), lambda: _complaints(session, period, as_of))
    return [c[:4] for c in every if not hotline_only or c[4] == ComplaintChannel.HOTLINE_12345]


_MEMO = "kpis.complaints_received"


def _complaints(session: Session, period: Period, as_of: dt.datetime) -> list:
    return [
        (RecordRef(RecordKind.COMPLAINT, cid, at, number, consultant, brand or ""), answered, due, closed, channel)
        for cid, number, at, consultant, brand, answered, due, closed, channel in session.connection().execute(
            COMPLAINTS, period_params(period, as_of)
        )
    ]


def cars_sold(session: Session, period: Period, as_of: dt.datetime) -> list[RecordRef]:
    """Contracts fulfilled (cars handed over) in the period: 销量, 3.15's denominator. They are
    3.14's pick-ups, read once per read for both figures."""
    return [ref for ref, _, _ in contract_pick_ups(session, period, as_of)]


def _by(moment: dt.datetime | None, limit: dt.datetime) -> bool:
    return moment is not None and moment <= limit


class HotlineComplaintRate(RowFormula):
    code = KpiCode.HOTLINE_COMPLAINT

    def rows(self, session: Session, period: Period, as_of: dt.datetime) -> list[Row]:
        hotline = complaints_received(session, period, as_of, hotline_only=True)
        sold = cars_sold(session, period, as_of)
        return [Row(c[0], numerator=True, denominator=False) for c in hotline] + [
            Row(ref, numerator=False, denominator=True) for ref in sold
        ]


class ComplaintHandlingRate(RowFormula):
    code = KpiCode.COMPLAINT_HANDLING

    def rows(self, session: Session, period: Period, as_of: dt.datetime) -> list[Row]:
        return [
            Row(ref, numerator=_by(closed, as_of), denominator=True)
            for ref, _, _, closed in complaints_received(session, period, as_of)
        ]


class ComplaintResponseRate(RowFormula):
    code = KpiCode.COMPLAINT_RESPONSE

    def rows(self, session: Session, period: Period, as_of: dt.datetime) -> list[Row]:
        return [
            Row(ref, numerator=_by(answered, min(due, as_of)), denominator=True)
            for ref, answered, due, _ in complaints_received(session, period, as_of)
        ]
