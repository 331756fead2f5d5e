"""Rotation fairness (轮流接待, T/CSCA 120031 4.2.1.1): over a day of check-ins every
consultant available that day gets an equal share of walk-ins (±1), through the services.

The day: five consultants, a walk-in every 8-20 minutes from 09:00 to 19:00, visits of 10-45
minutes, two consultants away for a while, invited customers for one consultant. Visitors
sometimes wait for a free consultant. (When every consultant is busy all day long, the first
one free takes the next visitor, so shares follow visit lengths: nobody is kept waiting to
even the counts. The fewest-first order repays a deficit whenever there is a choice.)"""

from __future__ import annotations

import datetime as dt
import heapq
import random

import pytest

from app.reception import checkin as reception, duty as reception_duty, visits as reception_visits
from db.models import Role
from tests.factories import make_consultants, make_staff, on_duty, reception_defaults, walk_in

MIN = dt.timedelta(minutes=1)
OPEN = dt.datetime(2026, 3, 10, 1, 0)  # 09:00 in Shanghai
CLOSE = OPEN + 10 * 60 * MIN  # 19:00


def simulate_day(uow, seed: int, consultants: int = 5):
    rng = random.Random(seed)
    desk = make_staff(uow, Role.RECEPTION)
    manager = make_staff(uow, Role.SALES_MANAGER)
    team = make_consultants(uow, consultants)
    on_duty(uow, desk, team, now=OPEN)
    events: list[tuple[dt.datetime, int, str, int]] = []  # (when, seq, kind, arg)
    seq = 0

    def push(when, kind, arg=0):
        nonlocal seq
        seq += 1
        heapq.heappush(events, (when, seq, kind, arg))

    t = OPEN
    while t < CLOSE:
        t += rng.randint(8, 20) * MIN
        push(t, "walk_in")
    # Lunch: one consultant steps away for an hour; another for half an hour in the afternoon.
    push(OPEN + 180 * MIN, "away", 0)
    push(OPEN + 240 * MIN, "back", 0)
    push(OPEN + 330 * MIN, "away", 2)
    push(OPEN + 360 * MIN, "back", 2)
    # A few invited customers of consultant 1 arrive for them: not rotation visits.
    for minutes in (70, 200, 400):
        push(OPEN + minutes * MIN, "invited", 1)
    scheduled: set[int] = set()
    walk_ins = 0
    while events:
        now, _, kind, arg = heapq.heappop(events)
        if kind in ("walk_in", "invited"):
            extra = dict(visit_type="invited", requested_consultant_id=team[arg].user_id) if kind == "invited" else {}
            v = walk_in(uow, desk, now, **extra).visit
            walk_ins += kind == "walk_in"
            if v.consultant_id is not None:  # served for 10-45 minutes
                scheduled.add(v.id)
                push(now + rng.randint(10, 45) * MIN, "end", v.id)
            continue
        if kind in ("away", "back"):
            reception_duty.set_away(
                uow(), actor=team[arg], consultant_id=team[arg].user_id, away=kind == "away", now=now
            )
        elif kind == "end":
            v = reception.get_visit(uow(), actor=desk, visit_id=arg)
            reception_visits.end_visit(
                uow(),
                actor=manager,
                visit_id=v.id,
                expected_version=v.version,
                outcome="information",
                intent_level="B",
                now=now,
            )
        # A consultant freed up: a waiting visitor may just have been given to them.
        board = reception.queue_board(uow(), actor=desk, now=now)
        for v in board.waiting:
            if v.consultant_id is not None and v.id not in scheduled:
                scheduled.add(v.id)
                push(now + rng.randint(10, 45) * MIN, "end", v.id)
    board = reception.queue_board(uow(), actor=desk, now=CLOSE + 240 * MIN)  # 23:00, same day
    assert not board.waiting and not board.with_consultant
    return team, board, walk_ins


@pytest.mark.parametrize("seed", [1, 2])
def test_4_2_1_1_rotation_gives_every_available_consultant_an_equal_share(uow, seed):
    reception_defaults(uow)
    team, board, walk_ins = simulate_day(uow, seed)
    counts = [d.rotation_count for d in board.duty]
    assert sum(counts) == walk_ins > 30
    assert max(counts) - min(counts) <= 1, counts
    # The invited visits went to their own consultant on top of that share.
    own = [v for v in board.finished if v.assigned_by == "own_consultant"]
    assert len(own) == 3 and {v.consultant_id for v in own} == {team[1].user_id}
    # Some visitors had to wait for a free consultant: the queue was exercised.
    assert any(v.waiting_seconds(board.now) > 0 for v in board.finished if v.assigned_by == "rotation")
