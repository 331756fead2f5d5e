"""The demo store's complaints and notice (issue #19.8): open near its deadline from the 12345
hotline, overdue and escalated, answered late, closed with the customer's confirmation; the
complaint-process notice in force with its poster still to print."""

from __future__ import annotations

import pytest

from app.customer_care.api import complaint_board, list_notices, my_escalations
from app.demo import build_demo
from app.staff.auth import login
from db.session import sqlite_url
from db.uow import Database
from tests.factories import isolated_data_dir  # noqa: F401

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


def test_the_demo_has_complaints_in_every_state_and_a_notice(tmp_path):
    url = sqlite_url(tmp_path / "demo.sqlite")
    build_demo(url)
    build_demo(url)  # idempotent: nothing added twice
    db = Database(url)
    try:
        manager = login(db.uow(), username="zhou.jianguo", password="demo1234")
        board = complaint_board(db.uow(), actor=manager, open_only=False)
        assert len(board.rows) == 4 and board.hotline_12345 == 1
        by_channel = {r.channel: r for r in board.rows}
        assert by_channel["hotline_12345"].first_response_clock == "amber"
        assert by_channel["phone"].first_response_clock == "red"
        assert by_channel["front_desk"].first_response_clock == "late"
        assert by_channel["online"].status == "closed"
        assert any(n.level == "overdue" for n in my_escalations(db.uow(), actor=manager))
        notices = list_notices(db.uow(), actor=manager)
        assert [(n.kind, n.state, n.poster) for n in notices] == [("complaint_process", "in_force", "unprinted")]
    finally:
        db.dispose()
