"""What the integration tests share: the demo store, built once per test module on the demo's
day (app.demo build_demo, through the services), and a terminal on it. The sale's and customer
care's demo tests read the same store (issues #18.9 and #19.8)."""

from __future__ import annotations

import datetime as dt

import pytest

from app.demo import build_demo
from db.session import sqlite_url
from db.uow import Database

DEMO_NOW = dt.datetime(2026, 3, 10, 6, 0)  # 14:00 in Shanghai: the day the demo is built on


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """(database url, data directory) of one demo store built on DEMO_NOW."""
    base = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SHOWROOM_DATA_DIR", str(base / "data"))
        url = sqlite_url(base / "demo.sqlite")
        build_demo(url, now=DEMO_NOW)
        yield url, base / "data"


@pytest.fixture()
def demo_db(demo, monkeypatch):
    """A terminal on the module's demo store, its data directory (keys, archive) in place."""
    monkeypatch.setenv("SHOWROOM_DATA_DIR", str(demo[1]))
    database = Database(demo[0])
    yield database
    database.dispose()
