"""Issue #20.8: 上月留存意向 (T/CSCA 120031 3.12) on PostgreSQL. "Retained now and not changed
since the month's start" must be an anti-join there: as `NOT IN (<leads changed since>)` PostgreSQL
could not hash 100,000s of ids and tested every lead against the list, so a month of a G-sized
store never finished (bench/RESULTS.md). SQLite keeps `NOT IN`, the faster form there."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select, text

from app.reception.snapshots import dialect_of, settled_leads
from db.reception_models import Lead


def test_not_changed_since_is_an_anti_join_on_postgresql_and_not_in_on_sqlite_3_12(database):
    moment = dt.datetime(2026, 5, 31, 16)
    with database.uow() as uow:
        dialect = dialect_of(uow.session)
        query = select(func.count()).select_from(Lead).where(*settled_leads(moment, dialect))
        sql = str(query.compile(database.engine, compile_kwargs={"literal_binds": True}))
        if dialect == "postgresql":
            assert "NOT IN" not in sql.upper()
            plan = "\n".join(row[0] for row in uow.session.execute(text("EXPLAIN " + sql)))
            assert "Anti Join" in plan and "SubPlan" not in plan, plan
        else:
            assert "NOT IN" in sql.upper()
        assert uow.session.scalar(query) == 0  # an empty store retains nobody
