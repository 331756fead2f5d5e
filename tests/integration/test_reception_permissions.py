"""The reception actions' cases for test_permissions.py (every action as every role), kept
here so the shared file only dispatches to them. Each case runs one service call as `actor`
after setting up what it needs as the sales manager."""

from __future__ import annotations

import datetime as dt

from app.core.errors import ValidationFailed
from app.core.permissions import Action
from app.reception import (
    appointments,
    leads,
    checkin as reception,
    customers as reception_customers,
    duty as reception_duty,
    reports as reception_reports,
    setup as reception_setup,
    visits as reception_visits,
)
from db.models import Role
from tests.factories import RECEPTION_NOW, add_models, make_consultants, make_customer, reception_defaults, walk_in

NOW = RECEPTION_NOW
MODEL = ("比亚迪", "海豹")


def _consultant_or_new(uow, actor):
    """The actor if they are a consultant (own records), else a new consultant."""
    return actor if Role.CONSULTANT in actor.roles else make_consultants(uow, 1)[0]


def _check_in(uow, actor, manager, tmp_path):
    walk_in(uow, actor, NOW)


def _view_queue(uow, actor, manager, tmp_path):
    reception.queue_board(uow(), actor=actor, now=NOW)


def _override(uow, actor, manager, tmp_path):
    a, b = make_consultants(uow, 2)
    reception_duty.set_roster(uow(), actor=manager, consultant_ids=[a.user_id, b.user_id], now=NOW)
    v = walk_in(uow, manager, NOW).visit
    reception.reassign_visit(
        uow(),
        actor=actor,
        visit_id=v.id,
        expected_version=v.version,
        consultant_id=b.user_id,
        reason="客户要求",
        now=NOW,
    )


def _serve(uow, actor, manager, tmp_path):
    c = _consultant_or_new(uow, actor)
    reception_duty.set_roster(uow(), actor=manager, consultant_ids=[c.user_id], now=NOW)
    v = walk_in(uow, manager, NOW).visit
    reception_visits.start_visit(uow(), actor=actor, visit_id=v.id, expected_version=v.version, now=NOW)


def _manage_duty(uow, actor, manager, tmp_path):
    c = make_consultants(uow, 1)[0]
    reception_duty.set_duty(uow(), actor=actor, consultant_id=c.user_id, on_duty=True, now=NOW)


def _set_own_away(uow, actor, manager, tmp_path):
    if Role.CONSULTANT in actor.roles:
        reception_duty.set_duty(uow(), actor=manager, consultant_id=actor.user_id, on_duty=True, now=NOW)
    try:
        reception_duty.set_away(uow(), actor=actor, consultant_id=actor.user_id, away=True, now=NOW)
    except ValidationFailed as e:
        # The desk and managers pass the permission check (they manage the roster) but, not
        # being consultants, are on no roster.
        assert e.errors[0].code == "consultant_not_on_duty" and Role.CONSULTANT not in actor.roles


def _manage_customers(uow, actor, manager, tmp_path):
    reception_customers.find_customer_by_mobile(uow(), actor=actor, mobile="13900001111", now=NOW)


def _view_leads(uow, actor, manager, tmp_path):
    leads.list_leads(uow(), actor=actor)


def _edit_leads(uow, actor, manager, tmp_path):
    add_models(uow, manager, MODEL)
    customer = make_customer(uow, manager)
    c = _consultant_or_new(uow, actor)
    leads.create_lead(
        uow(), actor=actor, customer_id=customer.id, brand=MODEL[0], model=MODEL[1], consultant_id=c.user_id, now=NOW
    )


def _reassign_leads(uow, actor, manager, tmp_path):
    customer = make_customer(uow, manager)
    c = make_consultants(uow, 1)[0]
    leads.reassign_customer(
        uow(),
        actor=actor,
        customer_id=customer.id,
        expected_version=customer.version,
        consultant_id=c.user_id,
        reason="交接",
        now=NOW,
    )


def _manage_appointments(uow, actor, manager, tmp_path):
    customer = make_customer(uow, manager)
    c = _consultant_or_new(uow, actor)
    appointments.book_appointment(
        uow(),
        actor=actor,
        customer_id=customer.id,
        consultant_id=c.user_id,
        scheduled_at=NOW + dt.timedelta(hours=2),
        now=NOW,
    )


def _reports(uow, actor, manager, tmp_path):
    reception_reports.traffic_report(uow(), actor=actor, start_day=NOW.date())


def _manage_channels(uow, actor, manager, tmp_path):
    reception_setup.add_channel(uow(), actor=actor, code="wechat", name="微信")


def _manage_consent_texts(uow, actor, manager, tmp_path):
    reception_setup.publish_consent_text(
        uow(), actor=actor, version_label="v2", text_zh="告知", text_en="notice", now=NOW
    )


def _with_defaults(case):
    def run(uow, actor, manager, tmp_path):
        reception_defaults(uow)
        case(uow, actor, manager, tmp_path)

    return run


A = Action
RECEPTION_CASES = {
    action: _with_defaults(case)
    for action, case in {
        A.CHECK_IN_VISITORS: _check_in,
        A.VIEW_QUEUE: _view_queue,
        A.OVERRIDE_ASSIGNMENT: _override,
        A.SERVE_VISITORS: _serve,
        A.MANAGE_DUTY: _manage_duty,
        A.SET_OWN_AWAY: _set_own_away,
        A.MANAGE_CUSTOMERS: _manage_customers,
        A.VIEW_LEADS: _view_leads,
        A.EDIT_LEADS: _edit_leads,
        A.REASSIGN_LEADS: _reassign_leads,
        A.MANAGE_APPOINTMENTS: _manage_appointments,
        A.RECEPTION_REPORTS: _reports,
        A.MANAGE_CHANNELS: _manage_channels,
        A.MANAGE_CONSENT_TEXTS: _manage_consent_texts,
    }.items()
}


def reception_allowed(action: Action, role: Role, matrix) -> bool:
    """Roles that pass the service's permission check for a reception action."""
    if action is Action.SET_OWN_AWAY:  # those who manage the roster may set anyone's flag
        return role in matrix[action] or role in matrix[Action.MANAGE_DUTY]
    return role in matrix[action]


def test_every_reception_action_has_a_case():
    assert {
        a
        for a in Action
        if a.value
        in {
            "check_in_visitors",
            "view_queue",
            "override_assignment",
            "serve_visitors",
            "manage_duty",
            "set_own_away",
            "manage_customers",
            "view_leads",
            "edit_leads",
            "reassign_leads",
            "manage_appointments",
            "reception_reports",
            "manage_channels",
            "manage_consent_texts",
        }
    } == set(RECEPTION_CASES)
