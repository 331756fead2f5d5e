"""Benchmark rows of customer care (issue #19.10), on dataset S with five years of follow-up
tasks, surveys and recovery cases (bench/generate_care.py):

- the Customer care page's first screen, as a manager (everyone's tasks) and as a consultant
  sees it: the questionnaires, the month's KPIs, the open tasks and the "Due today" table model,
  all as `TasksTab.refresh` loads them, against reading the same open task rows (at most 500)
  with their customer and assignee by hand (goal ≤ 50 ms);
- finding the overdue tasks (the escalation): the bare query on the index
  `ix_follow_up_task_status_due_at` against the same query forced to scan the table, then
  `count_care_tasks` and `list_care_notices` as a manager's PC asks every minute (goal ≤ 5 ms).

"Now" is the dataset's end (bench/generate.py END): the data does not move with today's date.
Each note gives the CPU time, the steadier figure on a loaded machine.
"""

from __future__ import annotations

import datetime as dt

from bench.board_rows import _cpu_median
from bench.generate import END

OPEN_SQL = (
    "select t.*, c.*, s.full_name from follow_up_task t left join customer c on c.id = t.customer_id "
    "join staff_user s on s.id = t.assignee_id where t.status = 'open' {mine} order by t.due_at limit 500"
)
OVERDUE_SQL = "select id, due_at, assignee_id from follow_up_task {hint} where status = 'open' and due_at < :now"


def care_page_rows(table, url: str, label: str, repeat: int) -> None:
    from sqlalchemy import text

    from app.customer_care.api import get_care_kpis, list_care_tasks, list_survey_templates
    from bench.run import Row, _actor, median_time
    from db.uow import Database
    from ui.customer_care.models import TaskModel

    db = Database(url)
    month = (END - dt.timedelta(days=1)).date()  # the last full month of the data
    try:
        for who, everyone in (("manager", True), ("c01", False)):
            actor = _actor(db, who)

            def service(actor=actor, everyone=everyone):
                if who == "manager":
                    list_survey_templates(db.uow(), actor=actor)
                    get_care_kpis(db.uow(), actor=actor, month=month)
                lists = list_care_tasks(db.uow(), actor=actor, everyone=everyone, now=END)
                model = TaskModel()
                model.set_rows(list(lists.today))
                return len(lists.today) + len(lists.overdue) + len(lists.later)

            def baseline(actor=actor, everyone=everyone):
                mine = "" if everyone else "and t.assignee_id = :who"
                with db.engine.connect() as conn:
                    return conn.execute(text(OPEN_SQL.format(mine=mine)), dict(who=actor.user_id)).fetchall()

            service()
            s, b = median_time(service, repeat), median_time(baseline, repeat)
            cpu = _cpu_median(service, repeat)
            measure = f"care page first screen ({who}) on {label}"
            table.add(Row(measure, s, "s", b, "≤ 50 ms", s <= 0.050, note=f"CPU {cpu * 1000:.1f} ms"))
    finally:
        db.dispose()


def overdue_rows(table, url: str, label: str, repeat: int) -> None:
    from sqlalchemy import text

    from app.customer_care.api import count_care_tasks, list_care_notices
    from bench.run import Row, _actor, median_time
    from db.uow import Database

    db = Database(url)
    now = str(END)
    try:

        def query(hint: str):
            with db.engine.connect() as conn:
                return conn.execute(text(OVERDUE_SQL.format(hint=hint)), dict(now=now)).fetchall()

        scan = "not indexed" if url.startswith("sqlite") else ""
        found = len(query(""))
        s, b = median_time(lambda: query(""), repeat), median_time(lambda: query(scan), repeat)
        measure = f"overdue tasks ({found}) via the index on {label}"
        table.add(Row(measure, s, "s", b, "≤ 5 ms", s <= 0.005, note="baseline: the same query scanning the table"))
        manager = _actor(db, "manager")
        cases = (
            ("count_care_tasks (manager: overdue + today)", lambda: count_care_tasks(db.uow(), actor=manager, now=END)),
            ("list_care_notices (manager: escalated)", lambda: list_care_notices(db.uow(), actor=manager, now=END)),
        )
        for name, service in cases:
            s, b = median_time(service, repeat), median_time(lambda: query(""), repeat)
            cpu = _cpu_median(service, repeat)
            table.add(Row(f"{name} on {label}", s, "s", b, "≤ 5 ms", s <= 0.005, note=f"CPU {cpu * 1000:.2f} ms"))
    finally:
        db.dispose()
