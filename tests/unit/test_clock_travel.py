"""The demo builder's clock (app/core/clock.py travel_to, issue #20): inside the block what the
services stamp is the past event's time, going on from there; another thread (a terminal's
screen) and everything after the block read the real time."""

from __future__ import annotations

import datetime as dt
import threading

from app.core.clock import travel_to, travelling, utcnow

PAST = dt.datetime(2025, 6, 12, 6, 20)


def test_inside_the_block_the_clock_reads_the_past_moment_and_goes_on():
    with travel_to(PAST) as move:
        assert travelling() and PAST <= utcnow() < PAST + dt.timedelta(seconds=5)
        move(PAST + dt.timedelta(minutes=4))  # the walk's next step
        assert PAST + dt.timedelta(minutes=4) <= utcnow() < PAST + dt.timedelta(minutes=4, seconds=5)
    assert not travelling() and utcnow() > PAST + dt.timedelta(days=30)


def test_another_thread_reads_the_real_time():
    seen: list[dt.datetime] = []
    with travel_to(PAST):
        thread = threading.Thread(target=lambda: seen.append(utcnow()))
        thread.start()
        thread.join()
    assert seen[0] > PAST + dt.timedelta(days=30)
