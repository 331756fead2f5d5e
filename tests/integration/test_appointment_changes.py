"""Issue #17.12: rescheduling, cancelling and marking a no-show need a reason, keep the history,
and a no-show counts in the traffic report."""

from __future__ import annotations

import datetime as dt

import pytest

from app.core.errors import PermissionDenied, ValidationFailed
from app.reception import appointment_changes, appointments, reports
from app.reception.appointment_log import appointment_history
from app.reception.customers import find_customer_by_mobile, withdraw_consent
from db.models import Role
from tests.factories import RECEPTION_NOW, make_consultants, make_customer, make_staff, reception_defaults

NOW = RECEPTION_NOW  # 10:00 in Shanghai
H = dt.timedelta(hours=1)


@pytest.fixture()
def world(uow):
    reception_defaults(uow)
    desk = make_staff(uow, Role.RECEPTION, full_name="前台小张")
    team = make_consultants(uow, 2)
    customer = make_customer(uow, desk, name="周女士", mobile="13811112222")
    return desk, team, customer


def _book(uow, desk, consultant, customer, at):
    return appointments.book_appointment(
        uow(), actor=desk, customer_id=customer.id, consultant_id=consultant.user_id, scheduled_at=at, now=NOW
    )


def test_each_change_needs_a_reason_and_is_kept_in_the_history(uow, world):
    desk, team, customer = world
    a = _book(uow, desk, team[0], customer, NOW + H)
    with pytest.raises(ValidationFailed) as e:
        appointment_changes.reschedule_appointment(
            uow(),
            actor=desk,
            appointment_id=a.id,
            expected_version=a.version,
            scheduled_at=NOW + 3 * H,
            consultant_id=team[1].user_id,
            purpose="consultation",
            reason="",
            now=NOW,
        )
    assert e.value.for_field("reason").code == "required"
    moved = appointment_changes.reschedule_appointment(
        uow(),
        actor=desk,
        appointment_id=a.id,
        expected_version=a.version,
        scheduled_at=NOW + 3 * H,
        consultant_id=team[1].user_id,
        purpose="consultation",
        reason="客户下午才有空",
        now=NOW,
    )
    assert moved.changes.reception and a.id in moved.changes.ids
    with pytest.raises(PermissionDenied):  # no longer this consultant's appointment
        appointment_changes.mark_no_show(
            uow(), actor=team[0], appointment_id=a.id, expected_version=moved.version, reason="未到", now=NOW + 4 * H
        )
    with pytest.raises(ValidationFailed) as e:
        appointment_changes.mark_no_show(
            uow(), actor=desk, appointment_id=a.id, expected_version=moved.version, reason=" ", now=NOW + 4 * H
        )
    assert e.value.for_field("reason").code == "required"
    appointment_changes.mark_no_show(
        uow(), actor=team[1], appointment_id=a.id, expected_version=moved.version, reason="电话未接", now=NOW + 4 * H
    )
    history = appointment_history(uow(), actor=desk, appointment_id=a.id)
    assert [(h.kind, h.from_status, h.to_status) for h in history] == [
        ("booked", None, "booked"),
        ("rescheduled", "booked", "booked"),
        ("no_show", "booked", "no_show"),
    ]
    assert (history[1].from_scheduled_at, history[1].to_scheduled_at) == (NOW + H, NOW + 3 * H)
    assert (history[1].from_consultant_name, history[1].to_consultant_name) == (team[0].full_name, team[1].full_name)
    assert (history[1].reason, history[1].by_name) == ("客户下午才有空", "前台小张")
    assert (history[2].reason, history[2].by_name) == ("电话未接", team[1].full_name)


def test_a_withdrawal_cancels_the_booking_in_its_history(uow, world):
    desk, team, customer = world
    a = _book(uow, desk, team[0], customer, NOW + H)
    version = find_customer_by_mobile(uow(), actor=desk, mobile="13811112222").customer.version
    withdraw_consent(uow(), actor=desk, customer_id=customer.id, expected_version=version, now=NOW)
    history = appointment_history(uow(), actor=desk, appointment_id=a.id)
    assert [(h.kind, h.reason) for h in history][-1] == ("cancelled", "consent_withdrawn")


def test_no_shows_count_in_the_traffic_report(uow, world):
    desk, team, customer = world
    manager = make_staff(uow, Role.SALES_MANAGER)
    gone = _book(uow, desk, team[0], customer, NOW + H)
    called_off = _book(uow, desk, team[0], customer, NOW + 2 * H)
    _book(uow, desk, team[1], customer, NOW + 5 * H)
    appointment_changes.mark_no_show(
        uow(), actor=desk, appointment_id=gone.id, expected_version=gone.version, reason="未到店", now=NOW + 3 * H
    )
    appointment_changes.cancel_appointment(
        uow(), actor=desk, appointment_id=called_off.id, expected_version=called_off.version, reason="改天", now=NOW
    )
    r = reports.traffic_report(uow(), actor=manager, start_day=dt.date(2026, 3, 10))
    t = r.appointments
    assert (t.booked, t.no_show, t.cancelled, t.arrived, t.open) == (3, 1, 1, 0, 1)
    assert t.no_show_percent == 100.0
    assert reports.traffic_report(uow(), actor=manager, start_day=dt.date(2026, 3, 11)).appointments.no_show == 0
