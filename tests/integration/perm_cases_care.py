"""Permission cases of customer care's tasks, surveys and recovery (issue #19.1, 19.2, 19.4),
run by test_permissions.py: each action maps to a function (uow, actor, manager, tmp_path) that
performs it once as `actor`. Cases run on the actor's own task, so the "own tasks only" rule of
the service never hides a refusal of the matrix."""

from __future__ import annotations

import datetime as dt

from app.core.permissions import Action
from app.customer_care import api as care
from tests.care_factories import delivered
from tests.sales_factories import make_lead

UNHAPPY = {"overall": 2, "consultant": 3, "explained": True, "on_time": False}


def _view(uow, actor, manager, tmp_path):
    care.list_care_tasks(uow(), actor=actor)


def _record_call(uow, actor, manager, tmp_path):
    _, _, call, _ = delivered(uow, actor, manager)
    care.record_task_outcome(uow(), actor=actor, task_id=call, expected_version=1, outcome="satisfied")


def _settings(uow, actor, manager, tmp_path):
    care.set_first_service_days(uow(), actor=actor, brand="大众", days=60)


def _survey(uow, actor, manager, tmp_path):
    customer_id, _ = make_lead(uow, manager)
    answers = {"overall": 5, "consultant": 5, "explained": True, "on_time": True}
    care.record_survey(uow(), actor=actor, template_key="delivery", customer_id=customer_id, deal_id=None,
                       answers=answers)  # fmt: skip


def _export(uow, actor, manager, tmp_path):
    day = dt.date(2026, 3, 1)
    care.export_surveys(uow(), actor=actor, template_key="delivery", day_from=day, day_to=day,
                        path=tmp_path / "surveys.xlsx")  # fmt: skip


def _open_case(uow, manager) -> care.RecoveryCaseDTO:
    customer_id, _ = make_lead(uow, manager)
    r = care.record_survey(uow(), actor=manager, template_key="delivery", customer_id=customer_id, deal_id=None,
                           answers=UNHAPPY)  # fmt: skip
    return next(c for c in care.list_recovery_cases(uow(), actor=manager) if c.id == r.recovery_case_id)


def _recovery(uow, actor, manager, tmp_path):
    case = _open_case(uow, manager)
    care.record_apology(uow(), actor=actor, case_id=case.id, expected_version=case.version, note="当面致歉")


def _approve(uow, actor, manager, tmp_path):
    case = _open_case(uow, manager)
    case = care.record_apology(uow(), actor=manager, case_id=case.id, expected_version=case.version, note="致歉")
    case = care.propose_compensation(
        uow(), actor=manager, case_id=case.id, expected_version=case.version, failure_class="delivery",
        compensation_type="voucher", compensation_fen=50_000,
    )  # fmt: skip
    care.approve_compensation(uow(), actor=actor, case_id=case.id, expected_version=case.version)


CASES: dict = {
    Action.VIEW_CARE_TASKS: _view,
    Action.RECORD_CARE_CALLS: _record_call,
    Action.MANAGE_CARE_SETTINGS: _settings,
    Action.RECORD_SURVEYS: _survey,
    Action.EXPORT_SURVEYS: _export,
    Action.MANAGE_RECOVERY: _recovery,
    Action.APPROVE_COMPENSATION: _approve,
}
RULE_REFUSALS: set = set()
