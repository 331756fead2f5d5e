"""Month-end lead snapshots (月末留存意向快照, T/CSCA 120031 3.12), taken automatically (issue #17.14).

Which leads were retained (new or following) at the end of a store-local month is recorded
once and for good (`kpi_month` + `lead_month_snapshot`): next month's 3.12 closure rate reads
上月留存意向 from it. Nobody has to remember a button: every terminal, when it starts and again
just after each month end while it runs, takes the snapshot of every closed month that has none
(`take_due_snapshots`, a system step with no actor). A month whose end passed while no terminal
ran is rebuilt from the append-only status history (`lead_status_change`): the status each lead
had at that instant, so a late snapshot equals the one taken on time. Each lead also records
whether it was an intention (意向: its customer had a mobile, not anonymised) when the snapshot
was taken, so a past month's 3.12/3.13 denominator no longer changes; a snapshot taken late reads
the contact when it is taken (the rule, docs/kpis_design.md), and the intentions are counted per
consultant once (`kpi_month_intentions`), so a closed month's count reads a dozen rows, not
600,000 on a group's database (issue #20.8). The month is unique in
`kpi_month`, so two terminals taking it at once leave one snapshot.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter

from sqlalchemy import ColumnElement, func, insert, select
from sqlalchemy.exc import IntegrityError

from app.core.clock import month_start, next_month, store_month_bounds, to_store_time, utcnow
from app.reception.dto import SnapshotDTO
from app.reception.rules import RETAINED_STATUSES, retained_at
from db.reception_models import Customer, KpiMonth, KpiMonthIntentions, Lead, LeadMonthSnapshot, LeadStatusChange
from db.uow import UnitOfWork

log = logging.getLogger(__name__)


def _replayed(session, moment: dt.datetime) -> dict[int, str]:
    """Status at `moment` of the leads whose status changed at or after it (their current
    status is not the one they had then), from their history."""
    changed = select(LeadStatusChange.lead_id).where(LeadStatusChange.changed_at >= moment).scalar_subquery()
    history: dict[int, list[tuple[dt.datetime, str]]] = {}
    for lead_id, at, to_status in session.execute(
        select(LeadStatusChange.lead_id, LeadStatusChange.changed_at, LeadStatusChange.to_status)
        .where(LeadStatusChange.changed_at < moment, LeadStatusChange.lead_id.in_(changed))
        .order_by(LeadStatusChange.changed_at, LeadStatusChange.id)
    ):
        history.setdefault(lead_id, []).append((at, to_status))
    return {i: h[-1][1] for i, h in history.items() if retained_at(h, moment)}


def settled_leads(moment: dt.datetime | ColumnElement[dt.datetime], dialect: str):
    """Leads that existed at `moment`, are retained now and have not changed since: their
    status then is their status now. Only the others need their history replayed, a few rows
    for a recent month instead of every change of the store's years (bench/run.py, #10).

    "Not changed since" is said per database (`dialect`, the session's): PostgreSQL cannot hash
    a `NOT IN` list of 100,000s of changed leads within work_mem and tests it lead by lead (a
    month of a G-sized store never finished), so there it is a correlated NOT EXISTS, an
    anti-join; SQLite builds the `NOT IN` list once, twice as fast as probing each lead's history
    (bench/RESULTS.md, issue #20.8)."""
    unchanged: ColumnElement[bool]
    if dialect == "sqlite":
        changed = select(LeadStatusChange.lead_id).where(LeadStatusChange.changed_at >= moment)
        unchanged = Lead.id.not_in(changed)
    else:
        unchanged = ~(
            select(LeadStatusChange.id)
            .where(LeadStatusChange.lead_id == Lead.id, LeadStatusChange.changed_at >= moment)
            .exists()
        )
    return (Lead.created_at < moment, Lead.status.in_([st.value for st in RETAINED_STATUSES]), unchanged)


def dialect_of(session) -> str:
    """The name of the database `session` reads ("sqlite", "postgresql")."""
    return session.get_bind().dialect.name


def retained_leads(session, moment: dt.datetime) -> list[tuple[int, int, str]]:
    """(lead id, consultant id, status) of every lead retained (new/following) at `moment`."""
    return [(i, c, st) for i, c, st, _ in retained_with_contact(session, moment)]


def _has_contact() -> ColumnElement[bool]:
    """The lead is an intention now: its customer has a mobile on record, not anonymised."""
    return (Customer.mobile.is_not(None) & Customer.anonymised_at.is_(None)).label("intention")


def retained_with_contact(session, moment: dt.datetime) -> list[tuple[int, int, str, bool]]:
    """(lead id, consultant id, status, intention now) of every lead retained at `moment`."""
    rows = session.execute(
        select(Lead.id, Lead.consultant_id, Lead.status, _has_contact())
        .outerjoin(Customer, Customer.id == Lead.customer_id)
        .where(*settled_leads(moment, dialect_of(session)))
    )
    out = [(i, c, st, bool(yes)) for i, c, st, yes in rows]
    replayed = _replayed(session, moment)
    owners: dict[int, tuple[int, bool]] = {}
    ids = list(replayed)
    # In slices: a group's month end replays ~70,000 leads, more than a statement may bind
    # (PostgreSQL's 65,535 parameters; SQLite's 32,766).
    for n in range(0, len(ids), _SLICE):
        owners.update(
            (i, (c, bool(yes)))
            for i, c, yes in session.execute(
                select(Lead.id, Lead.consultant_id, _has_contact())
                .outerjoin(Customer, Customer.id == Lead.customer_id)
                .where(Lead.id.in_(ids[n : n + _SLICE]))
            )
        )
    out += [(i, owners[i][0], st, owners[i][1]) for i, st in replayed.items()]
    return sorted(out)


_SLICE = 10_000


def _per_owner(retained: list[tuple[int, int, str, bool]]) -> list[tuple[int, int]]:
    """(consultant id, intentions) of a snapshot's leads: what 3.12/3.13 read of a closed month."""
    owners = Counter(c for _i, c, _st, yes in retained if yes)
    return sorted(owners.items())


def _insert_rows(session, kpi_month_id: int, retained: list[tuple[int, int, str, bool]]) -> None:
    """The snapshot's rows and its counts, as plain multi-row INSERTs: a group's month-end holds
    ~600,000 leads, and one ORM object per lead made taking it minutes (bench/kpis.py, G)."""
    if not retained:
        return
    session.execute(
        insert(LeadMonthSnapshot),
        [
            dict(kpi_month_id=kpi_month_id, lead_id=i, consultant_id=c, status=st, intention=yes)
            for i, c, st, yes in retained
        ],
    )
    counted = [dict(kpi_month_id=kpi_month_id, consultant_id=c, intentions=n) for c, n in _per_owner(retained)]
    if counted:
        session.execute(insert(KpiMonthIntentions), counted)


def snapshot_dto(session, k: KpiMonth) -> SnapshotDTO:
    ids = tuple(
        session.scalars(
            select(LeadMonthSnapshot.lead_id)
            .where(LeadMonthSnapshot.kpi_month_id == k.id)
            .order_by(LeadMonthSnapshot.lead_id)
        )
    )
    return SnapshotDTO(k.month, k.retained_count, k.taken_at, k.taken_by_id, ids)


def record_snapshot(uow: UnitOfWork, first: dt.date, *, now: dt.datetime, taken_by_id: int | None) -> SnapshotDTO:
    """The snapshot of the closed month starting `first`: the one on record, else taken now
    (as at the month's end, from the status history). One transaction."""
    _, end = store_month_bounds(first)
    with uow:
        s = uow.session
        existing = s.scalar(select(KpiMonth).where(KpiMonth.month == first))
        if existing is not None:
            return snapshot_dto(s, existing)
        retained = retained_with_contact(s, end)
        k = KpiMonth(month=first, retained_count=len(retained), taken_at=now, taken_by_id=taken_by_id)
        try:
            s.add(k)
            s.flush()  # the month is unique: a terminal that took it meanwhile stops us here
            _insert_rows(s, k.id, retained)
            uow.commit()
        except IntegrityError:  # another terminal took it at the same moment: theirs stands
            s.rollback()
            return snapshot_dto(s, s.scalars(select(KpiMonth).where(KpiMonth.month == first)).one())
        return snapshot_dto(s, k)


def due_months(uow: UnitOfWork, now: dt.datetime) -> list[dt.date]:
    """First days of the closed store-local months, since the store's first lead, with no
    snapshot yet (before the first lead nothing was retained: no snapshot is needed)."""
    this_month = month_start(to_store_time(now).date())
    with uow:
        s = uow.session
        first_lead = s.scalar(select(func.min(Lead.created_at)))
        if first_lead is None:
            return []
        taken = set(s.scalars(select(KpiMonth.month)))
    months, m = [], month_start(to_store_time(first_lead).date())
    while m < this_month:
        if m not in taken:
            months.append(m)
        m = next_month(m)
    return months


def take_due_snapshots(uow: UnitOfWork, *, now: dt.datetime | None = None) -> list[SnapshotDTO]:
    """Take every due month-end snapshot (a system step: at start-up and after each month end
    on every terminal). Each month is its own transaction; idempotent."""
    now = now or utcnow()
    taken = [record_snapshot(uow, m, now=now, taken_by_id=None) for m in due_months(uow, now)]
    if taken:
        log.info("month-end lead snapshots taken: %s", ", ".join(t.month.isoformat() for t in taken))
    return taken


def next_month_end(now: dt.datetime | None = None) -> dt.datetime:
    """When (naive UTC) the current store-local month ends: the next snapshot falls due then."""
    now = now or utcnow()
    _, end = store_month_bounds(to_store_time(now).date())
    return end
