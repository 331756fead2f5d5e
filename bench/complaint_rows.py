"""Benchmark rows of complaints (issue #19.10), on dataset S with five years of complaints
(bench/generate_complaints.py):

- the complaints board's first screen (a tab of the Customer care page, and its own Complaints
  page) as `ComplaintsPage.refresh` loads it: `complaint_board` (open only, as it opens; and
  all), the calendar warning's `years_to_enter` and the table model, as a manager and as a
  consultant (their own complaints), against reading the same complaint rows (at most 500) with
  their handler's name by hand (goal ≤ 50 ms);
- finding the overdue complaints as the escalation ladder does (`due_query` for both deadlines,
  on the indexes `ix_complaint_open_first_response` and `ix_complaint_open_reply`): the bare
  queries against the same queries forced to scan the table, and through the ORM (goal ≤ 5 ms).

The board reads the server's clock (this PC's on SQLite), so every open complaint of S is red
there; the overdue lookup uses the dataset's end (bench/generate.py END) as "now". Each note
gives the CPU time, the steadier figure on a loaded machine.
"""

from __future__ import annotations

from bench.board_rows import _cpu_median
from bench.generate import END

BOARD_SQL = (
    "select c.*, s.full_name from complaint c join staff_user s on s.id = c.handler_id {where} "
    "order by {order} limit 500"
)
# The escalation's lookup (complaint_escalation.due_query) for each deadline: open, not done, due.
OVERDUE_SQL = (
    "select * from complaint {hint} where status = 'open' and first_response_at is null and first_response_due <= :now",
    "select * from complaint {hint} where status = 'open' and reply_at is null and reply_due <= :now",
)


def complaint_board_rows(table, url: str, label: str, repeat: int) -> None:
    from sqlalchemy import text

    from app.customer_care.api import complaint_board, years_to_enter
    from bench.run import Row, _actor, median_time
    from db.uow import Database
    from ui.customer_care.complaint_table_model import ComplaintTableModel

    db = Database(url)
    try:
        for who, open_only in (("manager", True), ("manager", False), ("c01", True)):
            actor = _actor(db, who)

            def service(actor=actor, open_only=open_only):
                board = complaint_board(db.uow(), actor=actor, open_only=open_only)
                years_to_enter(db.uow(), actor)
                ComplaintTableModel().set_rows(list(board.rows))
                return len(board.rows)

            where = ["c.status = 'open'"] if open_only else []
            if who != "manager":
                where.append("c.handler_id = :who")
            sql = BOARD_SQL.format(
                where=("where " + " and ".join(where)) if where else "",
                order="c.first_response_due" if open_only else "c.received_at desc",
            )

            def baseline(actor=actor, sql=sql):
                with db.engine.connect() as conn:
                    return conn.execute(text(sql), dict(who=actor.user_id)).fetchall()

            n = service()
            assert n == len(baseline()), (who, open_only, n)
            s, b = median_time(service, repeat), median_time(baseline, repeat)
            cpu = _cpu_median(service, repeat)
            view = "open" if open_only else "all"
            measure = f"complaints board screen ({who}, {view} {n}) on {label}"
            table.add(Row(measure, s, "s", b, "≤ 50 ms", s <= 0.050, note=f"CPU {cpu * 1000:.1f} ms"))
    finally:
        db.dispose()


def overdue_complaint_rows(table, url: str, label: str, repeat: int) -> None:
    from sqlalchemy import text

    from app.customer_care.complaint_deadlines import DEADLINES
    from app.customer_care.complaint_escalation import due_query
    from bench.run import Row, median_time
    from db.uow import Database

    db = Database(url)
    now = str(END)
    try:

        def query(hint: str) -> int:
            with db.engine.connect() as conn:
                return sum(len(conn.execute(text(q.format(hint=hint)), dict(now=now)).fetchall()) for q in OVERDUE_SQL)

        def service() -> int:
            with db.uow() as uow:
                return sum(len(list(uow.session.scalars(due_query(d, END)))) for d in DEADLINES)

        scan = "not indexed" if url.startswith("sqlite") else ""
        found = query("")
        assert service() == found, (service(), found)
        s, b = median_time(lambda: query(""), repeat), median_time(lambda: query(scan), repeat)
        measure = f"overdue complaint deadlines ({found}) via the indexes on {label}"
        table.add(Row(measure, s, "s", b, "≤ 5 ms", s <= 0.005, note="baseline: the same queries scanning the table"))
        s, b = median_time(service, repeat), median_time(lambda: query(""), repeat)
        cpu = _cpu_median(service, repeat)
        measure = f"overdue complaints via due_query (escalation) on {label}"
        table.add(Row(measure, s, "s", b, "≤ 5 ms", s <= 0.005, note=f"CPU {cpu * 1000:.2f} ms"))
    finally:
        db.dispose()
