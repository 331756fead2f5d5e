"""Satisfaction surveys and service recovery (issue #19.2, 19.4, 19.7) through the real services:
questionnaires as versioned data (T/CSCA 120031 3.18, 4.5.2.3), answers outside the template
refused, "satisfied" derived by the template's rule, an unsatisfied sheet opening a recovery
case by itself and the case's steps with the sales manager's approval (5.2.8), and the export
for a survey firm with personal data left out."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from app.core.errors import PermissionDenied, ValidationFailed
from app.customer_care import api as care
from app.customer_care.surveys import default_definitions
from db.models import Role
from tests.care_factories import delivered
from tests.factories import isolated_data_dir, make_store, make_user  # noqa: F401  (fixture)
from tests.sales_factories import make_lead

pytestmark = pytest.mark.usefixtures("isolated_data_dir")
HAPPY = {"overall": 5, "consultant": 4, "explained": True, "on_time": True}
UNHAPPY = {"overall": 2, "consultant": 4, "explained": True, "on_time": True, "comment": "提车等了很久"}
AT = dt.datetime(2026, 4, 2, 3, 0)


@pytest.fixture()
def people(uow):
    make_store(uow)
    return (
        make_user(uow, Role.CONSULTANT, full_name="李顾问"),
        make_user(uow, Role.SALES_MANAGER, full_name="王经理"),
        make_user(uow, Role.CUSTOMER_CARE, full_name="陈客服"),
    )


def _survey(uow, actor, deal_id, customer_id, answers, **kw):
    return care.record_survey(uow(), actor=actor, template_key="delivery", customer_id=customer_id,
                              deal_id=deal_id, answers=answers, now=AT, **kw)  # fmt: skip


def test_the_two_starting_questionnaires_are_offered_4_5_2_3(uow, people):
    _, _, carer = people
    keys = {t.key: t for t in care.list_survey_templates(uow(), actor=carer)}
    assert set(keys) == {"delivery", "sales_follow_up"}
    assert keys["delivery"].template_version == 0 and keys["delivery"].rule["min_score"] == 4


def test_a_satisfied_sheet_is_kept_against_the_customer_and_the_deal_3_18(uow, people):
    consultant, manager, carer = people
    deal_id, customer_id, _, _ = delivered(uow, consultant, manager)
    r = _survey(uow, carer, deal_id, customer_id, HAPPY, request_key="s-1")
    assert (r.satisfied, r.template_version, r.customer_id, r.deal_id, r.recovery_case_id) == (
        True, 1, customer_id, deal_id, None)  # fmt: skip
    assert _survey(uow, carer, deal_id, customer_id, HAPPY, request_key="s-1").id == r.id  # a double click


def test_answers_outside_the_template_are_refused_and_nothing_is_kept(uow, people):
    consultant, manager, carer = people
    deal_id, customer_id, _, _ = delivered(uow, consultant, manager)
    bad = {"overall": 9, "explained": "maybe", "on_time": True, "price": 5}
    with pytest.raises(ValidationFailed) as e:
        _survey(uow, carer, deal_id, customer_id, bad)
    assert {(f.field, f.code) for f in e.value.errors} == {
        ("answers.price", "survey_answer_unknown"),
        ("answers.overall", "survey_answer_out_of_range"),
        ("answers.explained", "survey_answer_invalid"),
        ("answers.consultant", "survey_answer_required"),
    }
    other_customer, _ = make_lead(uow, consultant, name="赵女士")
    with pytest.raises(ValidationFailed) as e:
        _survey(uow, carer, deal_id, other_customer, HAPPY)
    assert [f.code for f in e.value.errors] == ["survey_deal_not_customers"]
    assert care.list_recovery_cases(uow(), actor=manager) == []


def test_an_unsatisfied_sheet_opens_a_recovery_case_by_itself_5_2_8(uow, people):
    consultant, manager, carer = people
    deal_id, customer_id, _, _ = delivered(uow, consultant, manager)
    r = _survey(uow, carer, deal_id, customer_id, UNHAPPY)
    assert not r.satisfied
    (case,) = care.list_recovery_cases(uow(), actor=carer)
    assert (case.id, case.customer_id, case.deal_id, case.status) == (r.recovery_case_id, customer_id, deal_id, "open")
    assert "提车等了很久" in case.reason


def test_a_new_version_applies_to_new_sheets_and_old_ones_keep_theirs(uow, people):
    consultant, manager, carer = people
    deal_id, customer_id, _, _ = delivered(uow, consultant, manager)
    first = _survey(uow, carer, deal_id, customer_id, HAPPY)
    definition = {
        **default_definitions()["delivery"],
        "satisfied": {"min_score": 5, "scores": ["overall", "consultant"]},
    }
    assert care.publish_survey_template(uow(), actor=manager, definition=definition).template_version == 2
    second = _survey(uow, carer, deal_id, customer_id, HAPPY)  # consultant 4 < 5: no longer satisfied
    assert (first.template_version, first.satisfied, second.template_version, second.satisfied) == (1, True, 2, False)


def test_recovery_apology_then_compensation_approved_by_a_sales_manager_then_confirmed_5_2_8(uow, people):
    consultant, manager, carer = people
    deal_id, customer_id, _, _ = delivered(uow, consultant, manager)
    case_id = _survey(uow, carer, deal_id, customer_id, UNHAPPY).recovery_case_id
    (case,) = care.list_recovery_cases(uow(), actor=carer)
    with pytest.raises(ValidationFailed) as e:  # the apology comes first
        care.propose_compensation(uow(), actor=carer, case_id=case_id, expected_version=case.version,
                                  failure_class="delivery", compensation_type="voucher", compensation_fen=50_000)  # fmt: skip
    assert [f.code for f in e.value.errors] == ["recovery_apology_first"]
    case = care.record_apology(uow(), actor=carer, case_id=case_id, expected_version=case.version, note="电话致歉")
    case = care.propose_compensation(uow(), actor=carer, case_id=case_id, expected_version=case.version,
                                     failure_class="delivery", compensation_type="voucher", compensation_fen=50_000)  # fmt: skip
    assert case.status == "awaiting_approval"
    with pytest.raises(PermissionDenied):
        care.approve_compensation(uow(), actor=carer, case_id=case_id, expected_version=case.version)
    case = care.approve_compensation(uow(), actor=manager, case_id=case_id, expected_version=case.version, now=AT)
    assert (case.status, case.approved_by_name) == ("checking", "王经理")
    check = care.list_care_tasks(uow(), actor=carer, now=AT).later
    assert [(t.id, t.kind, t.due_at) for t in check] == [
        (case.check_task_id, "recovery_check", AT + dt.timedelta(hours=72))
    ]
    care.record_task_outcome(uow(), actor=carer, task_id=case.check_task_id, expected_version=1, outcome="satisfied")
    (closed,) = care.list_recovery_cases(uow(), actor=manager, include_closed=True)
    assert closed.status == "closed" and closed.closed_at is not None


def test_an_unsatisfied_confirmation_reopens_the_case(uow, people):
    consultant, manager, carer = people
    deal_id, customer_id, _, _ = delivered(uow, consultant, manager)
    case_id = _survey(uow, carer, deal_id, customer_id, UNHAPPY).recovery_case_id
    (case,) = care.list_recovery_cases(uow(), actor=carer)
    case = care.record_apology(uow(), actor=carer, case_id=case_id, expected_version=case.version, note="致歉")
    case = care.propose_compensation(uow(), actor=carer, case_id=case_id, expected_version=case.version,
                                     failure_class="attitude", compensation_type="none", compensation_fen=0)  # fmt: skip
    assert case.status == "checking"  # nothing to approve
    care.record_task_outcome(uow(), actor=carer, task_id=case.check_task_id, expected_version=1,
                             outcome="unsatisfied", note="还是不满意")  # fmt: skip
    (again,) = care.list_recovery_cases(uow(), actor=carer)
    assert again.status == "open"


def test_the_export_for_the_survey_firm_leaves_out_names_and_mobiles(uow, people, tmp_path):
    consultant, manager, carer = people
    deal_id, customer_id, _, _ = delivered(uow, consultant, manager)
    _survey(uow, carer, deal_id, customer_id, {**HAPPY, "comment": "请王先生的妻子13912345678回电"})
    path = tmp_path / "delivery.xlsx"
    day = dt.date(2026, 4, 2)
    assert care.export_surveys(uow(), actor=manager, template_key="delivery", day_from=day, day_to=day, path=path) == 1
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    text = repr(rows)
    assert "王先生" not in text and "139" not in text  # the name, the mobile and the comment stay home
    assert rows[0][7:] == ("overall", "consultant", "explained", "on_time")
    assert rows[1][4:] == (f"C{customer_id}", "大众 帕萨特", "是 yes", 5, 4, "是 yes", "是 yes")
    with pytest.raises(PermissionDenied):
        care.export_surveys(uow(), actor=carer, template_key="delivery", day_from=day, day_to=day, path=path)
