"""Issue #20.8: the after-sale KPIs (3.14-3.18) cost what the period holds. Every query they send
ranges over an indexed time column of the period (pick-up, receipt, recording, due time) and
scans no table whole, so a month costs the same in the store's first year and its tenth."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import event

from app.kpis.dto import GroupBy
from app.kpis.formulas_care import FORMULAS
from app.kpis.periods import Period

TIME_INDEXES = {
    "ix_contract_fulfilled_at",
    "ix_complaint_received_at",
    "ix_survey_response_recorded_at",
    "ix_follow_up_task_due_at",
}


def test_every_after_sale_kpi_query_ranges_over_a_time_index_3_14_to_3_18(database):
    if database.engine.dialect.name != "sqlite":
        pytest.skip("the plan is read from SQLite's EXPLAIN QUERY PLAN")
    sent: list[tuple[str, object]] = []

    def keep(conn, cursor, statement, params, context, executemany):
        sent.append((statement, params))

    event.listen(database.engine, "before_cursor_execute", keep)
    try:
        with database.uow() as uow:
            for formula in FORMULAS.values():
                for by in (None, GroupBy.CONSULTANT, GroupBy.BRAND):
                    formula.counts(uow.session, Period.month(dt.date(2026, 4, 1)), by=by, as_of=dt.datetime(2026, 6, 1))
    finally:
        event.remove(database.engine, "before_cursor_execute", keep)
    queries = [(s, p) for s, p in sent if s.lstrip().upper().startswith("SELECT")]
    assert len(queries) >= 5
    with database.engine.connect() as conn:
        for statement, params in queries:
            plan = [row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params)]
            assert not [step for step in plan if step.startswith("SCAN")], (statement, plan)
            driving = re.search(r"USING (?:COVERING )?INDEX (\w+) \((\w+)>", plan[0])
            assert driving is not None and driving.group(1) in TIME_INDEXES, (statement, plan)
