"""Versioned KPI targets (issue #20.1; T/CSCA 120031 5.2.1 a)-h)): the 5.2.1 defaults until the
store sets its own; a new target takes effect from a day on and never rewrites the past; the
ledger is append-only; only a sales manager sets one, with a reason."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from alembic import command
from sqlalchemy import inspect as sa_inspect, text
from sqlalchemy.exc import DatabaseError

from app.core.clock import store_today
from app.core.errors import PermissionDenied, ValidationFailed
from app.kpis.definitions import KpiCode
from app.kpis.targets import targets_in_force
from app.kpis.targets_service import list_targets, set_target
from db.migrate import alembic_config, current_revision, head_revision
from db.models import Role
from db.session import make_engine
from tests.factories import make_user

TODAY = store_today()
DAY = dt.timedelta(days=1)


@pytest.fixture()
def manager(uow):
    return make_user(uow, Role.SALES_MANAGER, full_name="周经理")


def _set(uow, actor, code=KpiCode.CONTRACT_FULFILMENT, bp=9900, day=TODAY, reason="集团要求", key=None):
    return set_target(uow(), actor=actor, code=code, target_bp=bp, effective_from=day, reason=reason, request_key=key)


def test_defaults_of_5_2_1_until_the_store_sets_its_own(uow):
    with uow() as u:
        targets = targets_in_force(u.session, TODAY)
    assert targets[KpiCode.CONTRACT_FULFILMENT].target_bp == 9800  # 5.2.1 a) ≥ 98 %
    assert targets[KpiCode.HOTLINE_COMPLAINT].target_bp == 70  # 5.2.1 f) ≤ 0.7 %
    assert all(t.effective_from is None for t in targets.values())


def test_a_new_target_applies_from_its_day_and_the_past_keeps_the_old(uow, manager):
    _set(uow, manager, bp=9900, day=TODAY + 10 * DAY, reason="集团要求履约率 99%")
    with uow() as u:
        before = targets_in_force(u.session, TODAY + 9 * DAY)
        after = targets_in_force(u.session, TODAY + 10 * DAY)
    assert before[KpiCode.CONTRACT_FULFILMENT].target_bp == 9800
    got = after[KpiCode.CONTRACT_FULFILMENT]
    assert (got.target_bp, got.effective_from, got.set_by, got.reason) == (
        9900,
        TODAY + 10 * DAY,
        "周经理",
        "集团要求履约率 99%",
    )
    assert after[KpiCode.SATISFACTION].target_bp == 9200  # the others keep 5.2.1's


def test_a_later_target_supersedes_and_the_history_keeps_every_version(uow, manager):
    _set(uow, manager, bp=9900, day=TODAY, reason="first")
    _set(uow, manager, bp=9950, day=TODAY, reason="second, same day")
    _set(uow, manager, bp=10000, day=TODAY + 30 * DAY, reason="next month")
    listing = list_targets(uow(), actor=manager)
    line = next(x for x in listing.lines if x.code is KpiCode.CONTRACT_FULFILMENT)
    assert (line.target_bp, line.default_bp, line.in_force.reason) == (9950, 9800, "second, same day")
    assert [(v.reason, v.state) for v in listing.history] == [
        ("next month", "scheduled"),
        ("second, same day", "in_force"),
        ("first", "superseded"),
    ]
    assert [x.code for x in listing.lines][:2] == [KpiCode.CONTRACT_FULFILMENT, KpiCode.SATISFACTION]  # a), b)


def test_bad_targets_are_refused_with_a_reason_per_field(uow, manager):
    with pytest.raises(ValidationFailed) as refused:
        set_target(uow(), actor=manager, code="3.99", target_bp=10001, effective_from=TODAY - DAY, reason="  ")
    assert {e.field: e.code for e in refused.value.errors} == {
        "code": "kpi_code_unknown",
        "target_bp": "kpi_target_range",
        "reason": "kpi_target_reason_required",
        "effective_from": "kpi_target_effective_in_past",  # a past period keeps its verdict
    }
    with pytest.raises(ValidationFailed):
        _set(uow, manager, bp=-1)
    assert list_targets(uow(), actor=manager).history == ()


def test_only_a_sales_manager_sets_targets(uow):
    consultant = make_user(uow, Role.CONSULTANT)
    admin = make_user(uow, Role.ADMIN)
    for who in (consultant, admin):
        with pytest.raises(PermissionDenied):
            _set(uow, who)
        with pytest.raises(PermissionDenied):  # the targets are the manager's view (VIEW_KPIS)
            list_targets(uow(), actor=who)


def test_a_repeated_request_makes_one_target(uow, manager):
    key = uuid.uuid4().hex
    first = _set(uow, manager, key=key)
    again = _set(uow, manager, key=key)
    assert first.target.id == again.target.id and first.changes.kpis
    assert len(list_targets(uow(), actor=manager).history) == 1


def test_the_database_refuses_to_edit_or_delete_a_target(database, uow, manager):
    _set(uow, manager)
    for sql in ("UPDATE kpi_target SET target_bp = 1", "DELETE FROM kpi_target"):
        with pytest.raises(DatabaseError), database.engine.begin() as conn:
            conn.execute(text(sql))
    with uow() as u:
        assert targets_in_force(u.session, TODAY)[KpiCode.CONTRACT_FULFILMENT].target_bp == 9900


def test_migration_0022_goes_down_and_up(db_url):
    def tables():
        engine = make_engine(db_url)
        try:
            return set(sa_inspect(engine).get_table_names())
        finally:
            engine.dispose()

    command.downgrade(alembic_config(db_url), "0021")
    assert "kpi_target" not in tables()
    command.upgrade(alembic_config(db_url), "head")
    assert current_revision(db_url) == head_revision()
    assert "kpi_target" in tables()


def test_a_period_is_judged_against_the_target_in_force_on_its_first_day(uow, manager):
    from app.kpis.api import compute_kpis
    from app.kpis.periods import Period

    next_month = Period.month(TODAY.replace(day=28) + 7 * DAY)
    _set(uow, manager, bp=9900, day=next_month.first_day + DAY, reason="from the 2nd")
    _set(uow, manager, code=KpiCode.SATISFACTION, bp=9500, day=next_month.first_day, reason="from the 1st")
    report = compute_kpis(uow(), actor=manager, period=next_month)
    targets = {f.code: f.target.target_bp for f in report.store.figures}
    assert targets[KpiCode.CONTRACT_FULFILMENT] == 9800  # not yet in force on the 1st
    assert targets[KpiCode.SATISFACTION] == 9500
