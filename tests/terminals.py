"""Terminals writing at the same moment, for the race tests (contract numbers and one live
contract per car, issue #18.4; two finance desks, #18.5; the store's first certificate): each
job runs on its own terminal (its own `Database`, so its own connections), all released
together by a barrier. On SQLite the writes queue for the file's lock; on PostgreSQL
(SHOWROOM_TEST_DATABASE_URL, tests/conftest.py) they really run at once."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from app.core.errors import Conflict, ValidationFailed
from db.uow import Database

Job = Callable[[Database], str]


def _outcome(job: Job, database: Database, refusals: bool) -> str:
    try:
        return job(database)
    except ValidationFailed as e:  # it saw the other terminal's write first
        if not refusals:
            return f"raw ValidationFailed: {e}"
        return e.errors[0].code
    except Conflict as e:  # it lost the race at its INSERT or commit
        return "conflict" if refusals else f"raw Conflict: {e}"
    except Exception as e:  # noqa: BLE001 - what a race test is about
        return f"raw {type(e).__name__}: {e}"


def at_once(db_url: str, jobs: Sequence[Job], *, refusals: bool = True, timeout: float = 120) -> list[str]:
    """What each job got, in the order they finished: its answer; with `refusals`, the first
    field error's code of a ValidationFailed or "conflict" for a Conflict; "raw <type>: <message>"
    for anything else (every exception when `refusals` is False), which a race test refuses."""
    terminals = [Database(db_url) for _ in jobs]
    barrier, outcomes = threading.Barrier(len(jobs)), []

    def run(job: Job, database: Database) -> None:
        barrier.wait()
        outcomes.append(_outcome(job, database, refusals))

    threads = [threading.Thread(target=run, args=pair) for pair in zip(jobs, terminals, strict=True)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout)
    finally:
        for d in terminals:
            d.dispose()
    return outcomes
