"""The store's customer-care settings are one row by construction (issue #19.1, migration
0023): two terminals saving the first settings at once keep one row, and the one that lost
the race gets a Conflict it can read (reload), never a second row or a driver error."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import func, select, text
from sqlalchemy.exc import DatabaseError

from app.customer_care import api as care
from db.care_models import CareSetting
from db.migrate import alembic_config, current_revision, head_revision
from db.models import Role
from db.session import make_engine
from tests.factories import make_user
from tests.terminals import at_once

INTERVALS = {"H": 1, "A": 3, "B": 7, "C": 14}


def _first_save(actor, days: int):
    def job(database) -> str:
        care.save_care_settings(
            database.uow(), actor=actor, delivery_caller="consultant", care_staff_id=None,
            lead_interval_days={**INTERVALS, "H": days}, expected_version=0,
        )  # fmt: skip
        return f"saved {days}"

    return job


def _rows(uow) -> list[tuple[int, int, dict]]:
    with uow() as u:
        return [(r.id, r.version, r.lead_interval_days) for r in u.session.scalars(select(CareSetting))]


def test_two_terminals_saving_the_first_settings_at_once_keep_one_row_4_5_1_2(db_url, uow):
    manager = make_user(uow, Role.SALES_MANAGER)
    outcomes = at_once(db_url, [_first_save(manager, 2), _first_save(manager, 5)])
    assert sorted(o.split()[0] for o in outcomes) == ["conflict", "saved"], outcomes
    winner = int(next(o for o in outcomes if o.startswith("saved")).split()[1])
    assert _rows(uow) == [(1, 1, {**INTERVALS, "H": winner})]
    shown = care.get_care_settings(uow(), actor=manager)
    assert (shown.version, shown.lead_interval_days["H"]) == (1, winner)


def test_a_later_save_edits_the_one_row(database, uow):
    manager = make_user(uow, Role.SALES_MANAGER)
    _first_save(manager, 2)(database)
    care.save_care_settings(
        uow(), actor=manager, delivery_caller="consultant", care_staff_id=None,
        lead_interval_days={**INTERVALS, "H": 4}, expected_version=1,
    )  # fmt: skip
    assert _rows(uow) == [(1, 2, {**INTERVALS, "H": 4})]


def test_the_database_refuses_a_second_settings_row(database, uow):
    manager = make_user(uow, Role.SALES_MANAGER)
    _first_save(manager, 2)(database)
    with pytest.raises(DatabaseError), database.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO care_setting (id, delivery_caller, lead_interval_days, updated_at, version)"
                " VALUES (2, 'consultant', '{}', CURRENT_TIMESTAMP, 1)"
            )
        )
    assert len(_rows(uow)) == 1


def test_migration_0023_goes_down_and_up_keeping_the_row_the_app_read(db_url, uow):
    engine = make_engine(db_url)
    try:
        command.downgrade(alembic_config(db_url), "0022")
        with engine.begin() as conn:  # two rows, as two terminals could make before 0023
            for id_, days in ((7, 2), (9, 5)):
                conn.execute(
                    text(
                        "INSERT INTO care_setting (id, delivery_caller, lead_interval_days, updated_at, version)"
                        " VALUES (:id, 'consultant', :days, CURRENT_TIMESTAMP, 1)"
                    ),
                    {"id": id_, "days": f'{{"H": {days}, "A": 3, "B": 7, "C": 14}}'},
                )
        command.upgrade(alembic_config(db_url), "head")
        assert current_revision(db_url) == head_revision()
        with engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(CareSetting)).scalar() == 1
            assert conn.execute(select(CareSetting.id)).scalar() == 1
    finally:
        engine.dispose()
    assert _rows(uow)[0][2]["H"] == 2
