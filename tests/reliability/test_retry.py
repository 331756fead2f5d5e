"""Retry of whole transactions (issue #8.3): when another terminal holds the lock a save needs
(SQLite's write lock past the busy timeout, a PostgreSQL row lock past lock_timeout), the
service runs its transaction again and the user sees the save succeed; if the database stays
busy, the user gets a readable "try again" (transient_database_error) and nothing is written.
Real locks on real databases; the timeouts are shortened so the test is quick."""

from __future__ import annotations

import logging
import sqlite3
import threading
import time

import psycopg
import pytest

from app.core.errors import ShowroomError
from app.showroom import cards
from app.reception import visits as reception_visits
from app.core.common import is_transient
from db.models import Role
from db.session import make_engine, sqlite_path
from db.uow import Database
from tests.conftest import PG_URL
from tests.factories import make_consultants, make_staff, on_duty, reception_defaults, walk_in, RECEPTION_NOW


@pytest.fixture()
def waiting_visit(uow):
    reception_defaults(uow)
    desk = make_staff(uow, Role.RECEPTION)
    [consultant] = make_consultants(uow, 1)
    on_duty(uow, desk, [consultant])
    result = walk_in(uow, desk)
    return consultant, result.visit


def impatient_database(url: str) -> Database:
    """This terminal gives up waiting for a lock after 50 ms (instead of 15 s)."""
    if PG_URL:
        engine = make_engine(url, connect_args={"options": "-c lock_timeout=50"})
    else:
        engine = make_engine(url, busy_timeout_ms=50)
    return Database(url, engine=engine)


class OtherTerminal:
    """Holds the lock the save needs, like a slow transaction on another PC."""

    def __init__(self, url: str, visit_id: int) -> None:
        if PG_URL:
            self.conn = psycopg.connect(url.replace("postgresql+psycopg", "postgresql"))
            self.conn.execute("SELECT id FROM visit WHERE id = %s FOR UPDATE", (visit_id,))
        else:
            self.conn = sqlite3.connect(sqlite_path(url), isolation_level=None, check_same_thread=False)
            self.conn.execute("BEGIN IMMEDIATE")  # SQLite's write lock

    def release_after(self, seconds: float) -> threading.Thread:
        def run():
            time.sleep(seconds)
            self.release()

        t = threading.Thread(target=run)
        t.start()
        return t

    def release(self) -> None:
        if self.conn is not None:
            self.conn.rollback() if PG_URL else self.conn.execute("ROLLBACK")
            self.conn.close()
            self.conn = None


def test_a_save_blocked_for_a_moment_is_retried_and_succeeds(db_url, waiting_visit, caplog):
    consultant, visit = waiting_visit
    other = OtherTerminal(db_url, visit.id)
    releaser = other.release_after(0.4)
    terminal = impatient_database(db_url)
    try:
        with caplog.at_level(logging.INFO, logger="app.core.common"):
            started = reception_visits.start_visit(
                terminal.uow(), actor=consultant, visit_id=visit.id, expected_version=visit.version, now=RECEPTION_NOW
            )
    finally:
        releaser.join()
        terminal.dispose()
    assert started.status == "with_consultant"
    retries = [r for r in caplog.records if "retrying" in r.getMessage()]
    assert retries, "the first attempt should have met the lock"
    print(f"\nretried {len(retries)} time(s); error reaching the user: none")


def test_a_database_that_stays_busy_gives_a_readable_error_and_writes_nothing(db_url, uow, waiting_visit, monkeypatch):
    from app.core import common

    consultant, visit = waiting_visit
    monkeypatch.setattr(common, "RETRY_ATTEMPTS", 3)
    wrapped = common.retry_transient(reception_visits.start_visit.__wrapped__, attempts=3)
    other = OtherTerminal(db_url, visit.id)
    terminal = impatient_database(db_url)
    try:
        with pytest.raises(ShowroomError) as e:
            wrapped(
                terminal.uow(), actor=consultant, visit_id=visit.id, expected_version=visit.version, now=RECEPTION_NOW
            )
    finally:
        other.release()
        terminal.dispose()
    assert e.value.code == "transient_database_error"
    assert is_transient(e.value.__cause__)
    from app.reception.checkin import get_visit

    assert get_visit(uow(), actor=consultant, visit_id=visit.id).status == "waiting"


def test_check_in_path_and_card_issuing_retry_transient_errors():
    """The services that several desks call at the same moment run through the retry."""
    assert getattr(cards.issue_card, "__wrapped_transaction__", False)
    from app.reception import checkin as reception

    assert getattr(reception.check_in, "__wrapped_transaction__", False)
    for fn in (reception_visits.start_visit, reception_visits.end_visit, reception_visits.visitor_left):
        assert getattr(fn, "__wrapped_transaction__", False), fn.__name__
