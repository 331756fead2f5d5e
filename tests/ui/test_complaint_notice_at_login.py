"""A complaint assigned to a consultant, and its deadline passing while their PC was off, are
announced on their PC at the next login, whatever page opens first (issue #19.6-19.7)."""

from __future__ import annotations

import pytest

from db.models import Role
from tests.factories import isolated_data_dir, make_user  # noqa: F401
from tests.integration.complaint_factories import make_complaint
from tests.ui.test_notice_at_login import _log_in, backend  # noqa: F401  (fixture)

pytestmark = pytest.mark.usefixtures("isolated_data_dir", "sync_ops")


def test_the_handler_hears_of_an_overdue_complaint_at_login(qtbot, backend, uow):  # noqa: F811
    desk = make_user(uow, Role.RECEPTION)
    handler = make_user(uow, Role.CONSULTANT, username="wang.lei")
    make_complaint(uow, desk, handler.user_id, hours_ago=80)  # received and overdue while logged out
    window = _log_in(qtbot, backend, "wang.lei")
    banner = window.live_notice
    assert banner.isVisible() and "Complaints need you (3)" in banner.text.text()  # assigned, near, overdue
