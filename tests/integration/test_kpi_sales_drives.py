"""3.13 试乘试驾率 (T/CSCA 120031 5.2.1 c; issue #20.1): its numerator is test drives returned
in the month, through the real test-drive steps (4.2.4). A drive booked and never returned does
not count, nor does a visit ticked "had a test drive" with no drive behind it; the drive belongs
to the consultant who escorted it and to the test car's brand."""

from __future__ import annotations

import datetime as dt

import pytest

from app.kpis.definitions import KpiCode
from app.kpis.dto import Counts, GroupBy, Side
from app.kpis.formulas_sales import FORMULAS
from app.kpis.periods import Period
from app.reception import visits as reception_visits
from app.test_drives import drive_steps as steps
from app.test_drives.drive_steps import ReturnInput
from tests.factories import add_models, isolated_data_dir, walk_in  # noqa: F401  (fixture)
from tests.integration.test_test_drives import NOW, TODAY, book, make_world, ready_drive, start

pytestmark = pytest.mark.usefixtures("isolated_data_dir")
MARCH = Period.month(TODAY)
LATER = dt.datetime(2026, 6, 1)


def _figures(w, by=None, side=None):
    with w.uow() as u:
        f = FORMULAS[KpiCode.TEST_DRIVE]
        if side is None:
            return f.counts(u.session, MARCH, by=by, as_of=LATER)
        return f.records(u.session, MARCH, side=side, by=by, group=None, as_of=LATER)


def test_3_13_counts_returned_drives_only_never_a_tick_or_a_booking(uow):
    w = make_world(uow)
    add_models(w.uow, w.manager, ("大众", "帕萨特"))
    # A visitor with a mobile: one intention; the visit is ticked "had a test drive" but no drive was made.
    v = walk_in(w.uow, w.desk, NOW, name="李先生", mobile="13912345678", interested_models=[["大众", "帕萨特"]]).visit
    reception_visits.end_visit(
        w.uow(),
        actor=w.manager,
        visit_id=v.id,
        expected_version=v.version,
        outcome="test_drive",
        intent_level="B",
        had_test_drive=True,
        now=NOW + dt.timedelta(minutes=20),
    )
    booked_only = book(w, NOW + dt.timedelta(hours=2))  # booked for later, never driven
    d = ready_drive(w)
    out = start(w, d, NOW + dt.timedelta(minutes=2))
    assert _figures(w) == {None: Counts(0, 1)}  # still out: not returned yet
    back = steps.record_return(
        w.uow(),
        actor=w.consultant,
        drive_id=d.id,
        expected_version=out.version,
        now=NOW + dt.timedelta(minutes=28),
        data=ReturnInput(odometer_in=1209, damage_found=False),
    )
    assert _figures(w) == {None: Counts(1, 1)}
    num = _figures(w, side=Side.NUMERATOR)
    assert [(r.kind, r.id, r.at, r.reference) for r in num] == [
        ("test_drive", d.id, back.actual_end, back.agreement_number)
    ]
    assert booked_only.id not in {r.id for r in num}
    # Booked by the desk, escorted by the consultant: the consultant's drive; the test car's brand.
    assert _figures(w, GroupBy.CONSULTANT) == {w.consultant.user_id: Counts(1, 1)}
    assert _figures(w, GroupBy.BRAND) == {"大众": Counts(1, 1)}
