"""Permission cases of complaints (issue #19.3), for test_permissions.py: each action maps to a
function (uow, actor, manager, tmp_path) that performs it once as `actor`. A consultant handles
the complaints they are named on; the desk and managers see all; a manager closes (3.16)."""

from __future__ import annotations

import datetime as dt

from app.core.permissions import Action
from app.customer_care.api import (
    add_note,
    close_complaint,
    complaint_board,
    query_progress,
    receive_complaint,
    set_working_day,
)
from db.models import Role
from tests.integration.complaint_factories import complaint_input, make_complaint


def _handler(actor, manager):
    return actor if Role.CONSULTANT in actor.roles else manager


def receive(uow, actor, manager, tmp_path):
    receive_complaint(uow(), actor=actor, data=complaint_input(manager.user_id))


def view(uow, actor, manager, tmp_path):
    complaint_board(uow(), actor=actor)


def handle(uow, actor, manager, tmp_path):
    c = make_complaint(uow, manager, _handler(actor, manager).user_id)
    add_note(uow(), actor=actor, complaint_id=c.id, text="已致电客户")


def close(uow, actor, manager, tmp_path):
    c = make_complaint(uow, manager, manager.user_id)
    close_complaint(
        uow(), actor=actor, complaint_id=c.id, expected_version=c.version, result="已补送", confirmation="confirmed"
    )


def query(uow, actor, manager, tmp_path):
    c = make_complaint(uow, manager, manager.user_id, contact_mobile="13800004321")
    query_progress(uow(), actor=actor, number=c.number, mobile_tail="4321")


def calendar(uow, actor, manager, tmp_path):
    set_working_day(uow(), actor=actor, day=dt.date(2026, 12, 24), working=False, note="店庆休息")


CASES: dict = {
    Action.CLOSE_COMPLAINTS: close,
    Action.HANDLE_COMPLAINTS: handle,
    Action.MANAGE_WORKING_CALENDAR: calendar,
    Action.QUERY_COMPLAINT_PROGRESS: query,
    Action.RECEIVE_COMPLAINTS: receive,
    Action.VIEW_COMPLAINTS: view,
}
RULE_REFUSALS: set = set()
