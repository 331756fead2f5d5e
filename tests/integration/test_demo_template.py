"""The demo template (issue #17, speed): the first `--demo` start builds the demo store once
into a template; a later first start (a new demo database) copies it in, dated today, and
the copy's audit log and signed notices check out as the built one's do."""

from __future__ import annotations

import datetime as dt
import json
import time

import pytest

from app.core import audit_chain, keys
from app.core.clock import store_today, utcnow
from app.demo import template
from app.privacy.audit import verify_chain
from app.reception import checkin as reception
from app.staff.auth import login
from db.models import Document
from db.session import sqlite_url
from db.uow import Database
from tests.factories import isolated_data_dir  # noqa: F401

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


def test_second_start_copies_the_template_and_the_demo_is_dated_today(tmp_path):
    steps: list[str] = []
    first = sqlite_url(tmp_path / "first" / "showroom-demo.sqlite")
    assert template.prepare_demo(first, progress=lambda step, done, total: steps.append(step)) == "copied"
    # The first start built the template, naming each step for the progress dialog.
    assert steps[0] == "users" and steps[-1] == "copy" and "pdi" in steps
    built_at = template.template_path().stat().st_mtime_ns

    steps.clear()
    second = sqlite_url(tmp_path / "second" / "showroom-demo.sqlite")
    started = time.perf_counter()
    assert template.prepare_demo(second, progress=lambda step, done, total: steps.append(step)) == "copied"
    assert time.perf_counter() - started < 5  # the goal of the issue, on a loaded machine too
    assert steps == ["copy"] and template.template_path().stat().st_mtime_ns == built_at

    now = utcnow()
    db = Database(second)
    try:
        desk = login(db.uow(), username="lin.xiaoyu", password="demo1234")
        board = reception.queue_board(db.uow(), actor=desk, now=now)
        assert board.waiting and board.with_consultant  # today's queue, not the build day's
        assert all(store_today(v.arrival_at) == store_today(now) for v in board.waiting)
        with db.uow() as uow:
            last_issued = max(d.issued_at for d in uow.session.query(Document))
            assert store_today(last_issued) == store_today(now)  # notices and cards issued today
            report = verify_chain(uow)
        assert report.ok and report.events > 0  # the copy's own anchor vouches for its log
    finally:
        db.dispose()


def test_a_template_from_another_day_is_not_current(tmp_path):
    now = utcnow()
    keys.load_or_create_key(audit_chain.AUDIT)
    path = template.template_dir() / template.MANIFEST_NAME
    template.template_path().write_bytes(b"")
    manifest = template.current_manifest(now)
    path.write_text(json.dumps(manifest.__dict__), encoding="utf-8")
    assert template.template_is_current(now)
    yesterday = now - dt.timedelta(days=1)
    assert not template.template_is_current(yesterday)  # rebuilt, not shifted (see the module)
    path.write_text(json.dumps({**manifest.__dict__, "key_ids": {}}), encoding="utf-8")
    assert not template.template_is_current(now)  # built under other key files
