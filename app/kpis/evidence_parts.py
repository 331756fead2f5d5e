"""The registers, lists and extracts of the evidence pack (issue #20.5), each as the bytes of one
file: the KPI figures, the test-drive routes and fleet register (4.2.4.3, 4.2.4.8), the public
notices in force (4.1.3.5), the staff qualifications (4.2.4.4 escort licences, 4.4.1.3 PDI
certificates; numbers masked) and the audit-log extract with its chain check (5.1.1).

Every file is a pure function of the records and the period: CSV with "\\n" line ends, rows in
a fixed order, instants in Shanghai time, nothing "now" (so two builds hash alike). The other
features are read through their api.py only.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Sequence

from app.core.dto import Actor
from app.kpis.api import figures_in
from app.kpis.definitions import BY_CODE
from app.kpis.periods import Period
from db.uow import UnitOfWork

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
AUDIT_ROWS = 10_000_000  # a store-month of audit rows, with room to spare: the extract is whole


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    out = io.StringIO(newline="")
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    for row in rows:
        w.writerow(["" if v is None else _text(v) for v in row])
    return out.getvalue().encode("utf-8")


def _text(value: object) -> str:
    if isinstance(value, dt.datetime):
        return local(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def local(moment: dt.datetime) -> str:
    """Naive UTC (the app's convention) as Shanghai time, to the second, with its offset."""
    aware = moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment
    return aware.astimezone(SHANGHAI).replace(microsecond=0).isoformat()


def mask(number: str | None) -> str:
    """A certificate or personal number with all but its last 4 characters hidden."""
    if not number:
        return ""
    keep = number[-4:] if len(number) > 4 else ""
    return "*" * (len(number) - len(keep)) + keep


def kpi_figures_csv(uow: UnitOfWork, period: Period, as_of: dt.datetime) -> bytes:
    """The eight 5.2.1 figures of the period as at `as_of` (the workbook holds their rows)."""
    with uow:
        report = figures_in(uow.session, period, by=None, as_of=as_of)
    rows = []
    for f in report.store.figures:
        d = BY_CODE[f.code]
        value = "" if f.value_bp is None else f"{f.value_bp / 100:.2f}"
        rows.append(
            (f.code, d.name_zh, d.name_en, f.numerator, f.denominator, value, f"{f.target.target_bp / 100:.2f}")
            + (f.verdict, f.pending)
        )
    header: tuple[str, ...] = (
        "code",
        "name_zh",
        "name_en",
        "numerator",
        "denominator",
        "value_pct",
        "target_pct",
        "verdict",
    )
    return csv_bytes(header + ("pending",), rows)


def routes_csv(uow: UnitOfWork, reader: Actor) -> bytes:
    """4.2.4.3: the routes with their filing with the traffic police, active ones first."""
    from app.test_drives.api import list_routes

    header: tuple[str, ...] = (
        "name",
        "active",
        "distance_km",
        "typical_minutes",
        "filing_ref",
        "filing_date",
        "description",
    )
    routes = list_routes(uow, actor=reader)
    return csv_bytes(
        header,
        (
            (r.name, r.active, f"{r.distance_km:.1f}", r.typical_minutes, r.filing_ref, r.filing_date, r.description)
            for r in routes
        ),
    )


def fleet_csv(uow: UnitOfWork, reader: Actor, period: Period) -> bytes:
    """4.2.4.8: the fleet register, each car judged fit or not on the period's last day."""
    from app.test_drives.api import list_fleet

    _, end = period.bounds()
    cars = list_fleet(uow, actor=reader, now=end - dt.timedelta(seconds=1))
    header: tuple[str, ...] = ("plate", "vin", "car", "active", "registration_date", "compulsory_insurance_until")
    header += ("commercial_insurance_until", "occupant_liability", "inspection_until", "last_maintenance")
    header += ("maintenance_due", "signage_confirmed", "fit_on_last_day", "problems_on_last_day")
    return csv_bytes(
        header,
        (
            (c.plate, c.vin, c.description, c.active, c.registration_date, c.compulsory_insurance_until)
            + (c.commercial_insurance_until, c.occupant_liability, c.inspection_until, c.last_maintenance)
            + (c.maintenance_due, c.signage_confirmed, not c.problems, ";".join(c.problems))
            for c in cars
        ),
    )


def notices_csv(uow: UnitOfWork, reader: Actor, period: Period) -> bytes:
    """4.1.3.5: the public notices in force on the period's last day, one version per kind."""
    from app.customer_care.api import list_notices

    in_force: dict[str, object] = {}
    for n in sorted(list_notices(uow, reader), key=lambda n: (n.kind, n.effective_from, n.version)):
        if n.effective_from <= period.last_day:
            in_force[n.kind] = n  # a later version effective by then replaces it
    header: tuple[str, ...] = (
        "kind",
        "version",
        "effective_from",
        "published_at",
        "published_by",
        "title_zh",
        "title_en",
    )
    return csv_bytes(
        header + ("body_zh", "body_en"),
        (
            (n.kind, n.version, n.effective_from, n.published_at, n.published_by, n.title_zh, n.title_en)  # type: ignore[attr-defined]
            + (n.body_zh, n.body_en)  # type: ignore[attr-defined]
            for n in in_force.values()
        ),
    )


def _full_years(first: dt.date | None, day: dt.date) -> int | None:
    if first is None:
        return None
    return day.year - first.year - ((day.month, day.day) < (first.month, first.day))


def staff_csv(uow: UnitOfWork, reader: Actor, period: Period) -> bytes:
    """4.2.4.4 and 4.4.1.3: who holds a driving licence since when, and a PDI certificate valid
    until when, as on the period's last day; certificate numbers masked."""
    from app.staff.api import list_staff

    day = period.last_day
    header: tuple[str, ...] = (
        "staff_no",
        "full_name",
        "roles",
        "active",
        "licence_first_issued",
        "licence_years_on_last_day",
    )
    header += ("pdi_certificate_no", "pdi_certificate_expiry", "pdi_certificate_valid_on_last_day")
    staff = sorted(list_staff(uow, actor=reader), key=lambda s: (s.staff_no, s.username))
    return csv_bytes(
        header,
        (
            (s.staff_no, s.full_name, ";".join(sorted(str(r) for r in s.roles)), s.active, s.licence_first_issued)
            + (_full_years(s.licence_first_issued, day), mask(s.pdi_certificate_no), s.pdi_certificate_expiry)
            + (None if s.pdi_certificate_expiry is None else s.pdi_certificate_expiry >= day,)
            for s in staff
        ),
    )


def audit_parts(uow: UnitOfWork, reader: Actor, period: Period) -> tuple[bytes, bytes]:
    """5.1.1: the audit events of the period, oldest first, and the chain check (`verify-audit`)
    of the whole log as found: intact or the first broken link."""
    from app.privacy.api import AuditQuery, list_events, verify_chain

    start, end = period.bounds()
    events = list_events(uow, actor=reader, query=AuditQuery(since=start, until=end, limit=AUDIT_ROWS))
    events.sort(key=lambda e: e.id)
    header: tuple[str, ...] = ("id", "at", "actor", "action", "table", "record", "detail")
    rows = (
        (
            e.id,
            e.at,
            e.actor_name,
            e.action,
            e.table_name,
            e.record_id,
            json.dumps(e.detail, sort_keys=True, ensure_ascii=False),
        )
        for e in events
    )
    report = verify_chain(uow)
    check = {
        "command": "showroom admin verify-audit",
        "chain_intact": report.ok,
        "broken_at_event": report.broken_at,
        "reason": report.reason,
        "period_events": len(events),
        "period_first_event": events[0].id if events else None,
        "period_last_event": events[-1].id if events else None,
    }
    return csv_bytes(header, rows), (json.dumps(check, indent=2, sort_keys=True) + "\n").encode("utf-8")
