"""Appointments (预约) of invited customers: booking, today's list at the desk, arrival."""

from __future__ import annotations

import datetime as dt

import pytest

from app.core.errors import Conflict, PermissionDenied, ValidationFailed
from app.reception import appointment_changes, appointments, duty as reception_duty
from app.reception.customers import find_customer_by_mobile, withdraw_consent
from db.models import Role
from tests.factories import (
    RECEPTION_NOW,
    channel_id,
    make_consultants,
    make_customer,
    make_staff,
    on_duty,
    reception_defaults,
)

NOW = RECEPTION_NOW  # 10:00 in Shanghai
H = dt.timedelta(hours=1)


@pytest.fixture()
def desk(uow):
    reception_defaults(uow)
    return make_staff(uow, Role.RECEPTION)


@pytest.fixture()
def team(uow, desk):
    people = make_consultants(uow, 3)
    on_duty(uow, desk, people)
    return people


@pytest.fixture()
def customer(uow, desk):
    return make_customer(uow, desk, name="周女士", mobile="13811112222")


def test_book_and_list_todays_appointments_at_the_desk(uow, desk, team, customer):
    late = appointments.book_appointment(
        uow(),
        actor=team[1],
        customer_id=customer.id,
        consultant_id=team[1].user_id,
        scheduled_at=NOW + 5 * H,
        purpose="test_drive",
        note="想试驾汉",
        now=NOW,
    )
    early = appointments.book_appointment(
        uow(),
        actor=desk,
        customer_id=customer.id,
        consultant_id=team[2].user_id,
        scheduled_at=NOW + H,
        purpose="consultation",
        now=NOW,
    )
    appointments.book_appointment(
        uow(), actor=desk, customer_id=customer.id, consultant_id=team[2].user_id, scheduled_at=NOW + 30 * H, now=NOW
    )
    today = appointments.list_appointments(uow(), actor=desk, now=NOW)
    assert [a.id for a in today] == [early.id, late.id]
    assert (today[1].customer_name, today[1].consultant_name, today[1].purpose, today[1].status) == (
        "周女士",
        team[1].full_name,
        "test_drive",
        "booked",
    )
    assert [a.id for a in appointments.list_appointments(uow(), actor=team[1], now=NOW)] == [late.id]
    history = find_customer_by_mobile(uow(), actor=desk, mobile="13811112222", now=NOW)
    assert len(history.upcoming_appointments) == 3


def test_consultants_book_only_for_themselves(uow, desk, team, customer):
    with pytest.raises(PermissionDenied):
        appointments.book_appointment(
            uow(), actor=team[0], customer_id=customer.id, consultant_id=team[1].user_id, scheduled_at=NOW + H, now=NOW
        )
    a = appointments.book_appointment(
        uow(), actor=desk, customer_id=customer.id, consultant_id=team[1].user_id, scheduled_at=NOW + H, now=NOW
    )
    with pytest.raises(PermissionDenied):
        appointment_changes.cancel_appointment(
            uow(), actor=team[0], appointment_id=a.id, expected_version=a.version, reason="x"
        )


def test_bad_bookings_are_refused(uow, desk, team, customer):
    with pytest.raises(ValidationFailed) as e:
        appointments.book_appointment(
            uow(),
            actor=desk,
            customer_id=customer.id,
            consultant_id=desk.user_id,
            scheduled_at=NOW - 2 * H,
            purpose="karaoke",
            now=NOW,
        )
    assert {(f.field, f.code) for f in e.value.errors} == {
        ("scheduled_at", "out_of_range"),
        ("purpose", "unknown_value"),
        ("consultant_id", "not_a_consultant"),
    }
    gone = withdraw_consent(uow(), actor=desk, customer_id=customer.id, expected_version=customer.version)
    with pytest.raises(ValidationFailed) as e:
        appointments.book_appointment(
            uow(), actor=desk, customer_id=gone.id, consultant_id=team[0].user_id, scheduled_at=NOW + H, now=NOW
        )
    assert e.value.for_field("customer_id").code == "consent_required"


def test_4_2_1_1_arrival_converts_the_appointment_into_a_visit_for_its_consultant(uow, desk, team, customer):
    a = appointments.book_appointment(
        uow(), actor=desk, customer_id=customer.id, consultant_id=team[2].user_id, scheduled_at=NOW + H, now=NOW
    )
    r = appointments.check_in_appointment(
        uow(),
        actor=desk,
        appointment_id=a.id,
        channel_id=channel_id(uow, "phone"),
        party_size=2,
        now=NOW + 50 * dt.timedelta(minutes=1),
    )
    v = r.visit
    assert (v.visit_type, v.consultant_id, v.assigned_by, v.customer_id, v.appointment_id) == (
        "appointment",
        team[2].user_id,
        "own_consultant",
        customer.id,
        a.id,
    )
    arrived = appointments.list_appointments(uow(), actor=desk, now=NOW)[0]
    assert (arrived.status, arrived.visit_id) == ("arrived", v.id)
    with pytest.raises(ValidationFailed) as e:
        appointments.check_in_appointment(
            uow(), actor=desk, appointment_id=a.id, channel_id=channel_id(uow), now=NOW + H
        )
    assert e.value.for_field("appointment_id").code == "appointment_not_booked"


def test_appointment_consultant_off_duty_goes_to_the_rotation(uow, desk, team, customer):
    a = appointments.book_appointment(
        uow(), actor=desk, customer_id=customer.id, consultant_id=team[2].user_id, scheduled_at=NOW + H, now=NOW
    )
    reception_duty.set_duty(uow(), actor=desk, consultant_id=team[2].user_id, on_duty=False, now=NOW)
    r = appointments.check_in_appointment(
        uow(), actor=desk, appointment_id=a.id, channel_id=channel_id(uow), now=NOW + H
    )
    assert r.visit.consultant_id == team[0].user_id and r.assignment_note == "own_consultant_off_duty"


def test_reschedule_cancel_and_no_show(uow, desk, team, customer):
    a = appointments.book_appointment(
        uow(), actor=desk, customer_id=customer.id, consultant_id=team[0].user_id, scheduled_at=NOW + H, now=NOW
    )
    moved = appointment_changes.reschedule_appointment(
        uow(),
        actor=desk,
        appointment_id=a.id,
        expected_version=a.version,
        scheduled_at=NOW + 3 * H,
        consultant_id=team[1].user_id,
        purpose="negotiation",
        reason="客户周末有空",
        now=NOW,
    )
    assert (moved.scheduled_at, moved.consultant_id, moved.purpose) == (NOW + 3 * H, team[1].user_id, "negotiation")
    with pytest.raises(Conflict):
        appointment_changes.cancel_appointment(
            uow(), actor=desk, appointment_id=a.id, expected_version=a.version, reason="客户改期"
        )
    with pytest.raises(ValidationFailed) as e:
        appointment_changes.mark_no_show(
            uow(), actor=desk, appointment_id=a.id, expected_version=moved.version, reason="未到店", now=NOW + H
        )
    assert e.value.for_field("scheduled_at").code == "appointment_not_due"
    no_show = appointment_changes.mark_no_show(
        uow(), actor=desk, appointment_id=a.id, expected_version=moved.version, reason="电话未接", now=NOW + 4 * H
    )
    assert no_show.status == "no_show"
    b = appointments.book_appointment(
        uow(), actor=desk, customer_id=customer.id, consultant_id=team[0].user_id, scheduled_at=NOW + H, now=NOW
    )
    with pytest.raises(ValidationFailed) as e:
        appointment_changes.cancel_appointment(
            uow(), actor=desk, appointment_id=b.id, expected_version=b.version, reason=" "
        )
    assert e.value.for_field("reason").code == "required"
    cancelled = appointment_changes.cancel_appointment(
        uow(), actor=desk, appointment_id=b.id, expected_version=b.version, reason="客户改期", now=NOW
    )
    assert (cancelled.status, cancelled.cancel_reason) == ("cancelled", "客户改期")
