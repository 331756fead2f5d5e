"""Five years of customer care for dataset S (issue #19.10): the follow-up tasks, their tries,
the delivery surveys and the service-recovery cases a store would have at the end of the period.

- every handover of bench/generate_sales.py: its 72-hour call (mostly reached within the 72
  hours; some reached after a try or two, a few never; some unsatisfied) and its first-service
  reminder 90 days on (done, or open when still ahead);
- every lead: one to three follow-ups at the intent intervals, done, except the last weeks'
  (open, a few of them overdue and so escalated);
- a delivery survey from most delivered customers (a few unsatisfied), each unsatisfied survey or
  call with its recovery case: closed after the apology, an approved compensation and a
  satisfied confirmation call; the last fortnight's still at one of the earlier steps.

The rows are those the services write (app/customer_care: same columns, a task_attempt per try,
the recovery's confirmation task); the questionnaire is the store's default (resources/).
"""

from __future__ import annotations

import datetime as dt

from bench.generate import END

H = dt.timedelta(hours=1)
D = dt.timedelta(days=1)
LEAD_DAYS = (1, 3, 7)  # follow-ups after the lead's first visit (intent H, A, B)
SURVEY_SHARE = 0.6
SATISFIED = {"overall": 5, "consultant": 4, "explained": True, "on_time": True, "comment": ""}
UNSATISFIED = {"overall": 2, "consultant": 3, "explained": True, "on_time": False, "comment": "交车晚了"}


class _Rows:
    """The rows of each table, with the ids the services would have given them."""

    def __init__(self, g) -> None:
        self.g = g
        self.task: list[dict] = []
        self.attempt: list[dict] = []
        self.survey: list[dict] = []
        self.case: list[dict] = []

    def add_task(self, kind, assignee, customer, deal, due, subject, created, subject_ref=(None, None)) -> dict:
        row = dict(
            id=len(self.task) + 1, kind=kind, status="open", assignee_id=assignee, customer_id=customer,
            deal_id=deal, due_at=due, subject=subject, outcome=None, outcome_note="", done_at=None, done_by_id=None,
            created_at=created, created_by_id=assignee, updated_at=created, updated_by_id=assignee, attempts=0,
            next_try_at=None, subject_type=subject_ref[0], subject_id=subject_ref[1], version=1,
        )  # fmt: skip
        self.task.append(row)
        return row

    def close(self, task: dict, outcome: str, at: dt.datetime, note: str = "") -> None:
        """Tries as record_task_outcome writes them: not-reached ones 2 hours apart, then `outcome`."""
        for _ in range(task["attempts"]):
            self.attempt.append(
                dict(task_id=task["id"], outcome="not_reached", note="", at=at, by_id=task["assignee_id"])
            )
            at += 2 * H
        self.attempt.append(dict(task_id=task["id"], outcome=outcome, note=note, at=at, by_id=task["assignee_id"]))
        task.update(status="done", outcome=outcome, outcome_note=note, done_at=at, done_by_id=task["assignee_id"])
        task.update(updated_at=at, version=2 + task["attempts"])
        if outcome == "not_reached":
            task["attempts"] += 1


def add_care_rows(g) -> None:
    """Called by bench/generate_modules.add_module_rows for dataset S, after the sales rows."""
    r = _Rows(g)
    template_id = _template(g)
    for hid, delivered, consultant, deal, customer, brand, model in _handovers(g):
        _delivery(r, template_id, hid, delivered, consultant, deal, customer, f"{brand} {model}")
    for lead_id, (created, consultant, brand, model) in sorted(g.customer_first.items()):
        _lead(r, lead_id, created, consultant, f"{brand} {model}")
    g._insert("survey_response", r.survey)
    g._insert("follow_up_task", r.task)
    g._insert("recovery_case", r.case)
    g._insert("task_attempt", r.attempt)


def _template(g) -> int:
    from app.customer_care.surveys import default_definitions

    d = default_definitions()["delivery"]
    row = dict(
        id=1, key="delivery", template_version=1, title_zh=d["title_zh"], title_en=d["title_en"], definition=d,
        current=True, published_at=g.start, published_by_id=g.users["manager"], updated_by_id=g.users["manager"],
        version=1,
    )  # fmt: skip
    g._insert("survey_template", [row])
    return 1


def _handovers(g) -> list[tuple]:
    from sqlalchemy import text

    sql = (
        "select h.id, h.delivered_at, h.delivered_by_id, d.id, d.customer_id, d.brand, d.model from handover h "
        "join contract c on c.id = h.contract_id join deal d on d.id = c.deal_id order by h.id"
    )
    with g.db.engine.connect() as conn:
        rows = conn.execute(text(sql)).all()
    return [(h, _dt(at), *rest) for h, at, *rest in rows]


def _dt(value) -> dt.datetime:
    return dt.datetime.fromisoformat(value) if isinstance(value, str) else value


def _delivery(r: _Rows, template_id: int, hid, delivered, consultant, deal, customer, car: str) -> None:
    rng = r.g.rng
    call = r.add_task("delivery_call", consultant, customer, deal, delivered + 72 * H, f"交车72小时回访 {car}", delivered,
                      ("handover", hid))  # fmt: skip
    reminder = r.add_task("first_service", consultant, customer, deal, delivered + 90 * D, f"首保提醒 {car}", delivered,
                          ("handover", hid))  # fmt: skip
    if reminder["due_at"] < END:
        r.close(reminder, "satisfied", reminder["due_at"] - D * rng.randrange(1, 3))
    if call["due_at"] >= END:
        return  # delivered in the last three days: the call is still to make
    x = rng.random()
    call["attempts"] = 0 if x < 0.85 else (1 if x < 0.95 else 2)
    unhappy = rng.random() < 0.03 and x < 0.98  # a customer never reached cannot be unhappy
    at = delivered + H * (4 + rng.random() * 40)
    if x >= 0.98:
        call["attempts"] = 2
        r.close(call, "not_reached", at)
    else:
        r.close(call, "unsatisfied" if unhappy else "satisfied", at, "交车讲解太匆忙" if unhappy else "")
    if unhappy:
        _case(r, customer, deal, call["done_at"], call["assignee_id"], source_task=call["id"])
    at = delivered + D * (3 + rng.random() * 7)
    bad = rng.random() < 0.06
    if rng.random() < SURVEY_SHARE and at < END:
        survey_id = len(r.survey) + 1
        r.survey.append(
            dict(id=survey_id, template_id=template_id, customer_id=customer, deal_id=deal,
                 answers=UNSATISFIED if bad else SATISFIED, satisfied=not bad, recorded_at=at,
                 recorded_by_id=r.g.users["manager"])
        )  # fmt: skip
        if bad:
            _case(r, customer, deal, at, r.g.users["manager"], survey=survey_id)


def _case(r: _Rows, customer, deal, opened: dt.datetime, owner, survey=None, source_task=None) -> None:
    """A recovery case through its steps (5.2.8): closed unless opened in the last fortnight."""
    g, case_id = r.g, len(r.case) + 1
    row = dict(
        id=case_id, status="open", customer_id=customer, deal_id=deal, survey_response_id=survey,
        source_task_id=source_task, reason="交车满意度调查 v1: 交车晚了", owner_id=owner, opened_at=opened,
        apology_note="", apology_at=None, apology_by_id=None, failure_class=None, compensation_type=None,
        compensation_fen=0, compensation_note="", approved_at=None, approved_by_id=None, check_task_id=None,
        closed_at=None, updated_at=opened, updated_by_id=owner, version=1,
    )  # fmt: skip
    r.case.append(row)
    step = (END - opened) / (3 * D)  # 0 at the period's end; 5 steps take a fortnight
    if step < 1:
        return
    row.update(apology_note="已致歉", apology_at=opened + 4 * H, apology_by_id=owner, version=2)
    if step < 2:
        return
    row.update(
        failure_class="waiting", compensation_type="voucher", compensation_fen=50_000, status="awaiting_approval"
    )
    if step < 3:
        return
    approved = opened + 2 * D
    check = r.add_task("recovery_check", owner, customer, deal, approved + 72 * H, f"服务补救回访 #{case_id}",
                       approved, ("recovery_case", case_id))  # fmt: skip
    row.update(approved_at=approved, approved_by_id=g.users["manager"], check_task_id=check["id"], status="checking")
    if step < 5:
        return
    r.close(check, "satisfied", approved + 48 * H)
    row.update(status="closed", closed_at=check["done_at"], updated_at=check["done_at"], version=5)


def _lead(r: _Rows, lead_id: int, created: dt.datetime, consultant, car: str) -> None:
    rng = r.g.rng
    for n in range(1 + rng.randrange(3)):
        due = created + D * LEAD_DAYS[n]
        task = r.add_task("lead_follow_up", consultant, lead_id, None, due, f"意向跟进 {car}", created,
                          ("lead", lead_id))  # fmt: skip
        if due < END - 2 * D or (due < END and rng.random() < 0.7):
            r.close(task, "satisfied", due - H * rng.random() * 20)
        else:  # the last days' follow-ups: open; a few already overdue (escalated)
            break
