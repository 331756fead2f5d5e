"""`showroom admin complaints list [--open]` (issue #19.8): each complaint with its deadline
status (3.17: 72 hours; 办法 art. 18: 7 working days) and the 12345 count (3.15)."""

from __future__ import annotations

import pytest

from app.customer_care.api import close_complaint
from db.models import Role
from tests.admin_cli import admin_cli
from tests.factories import isolated_data_dir, make_store, make_user  # noqa: F401  (fixture)
from tests.integration.complaint_factories import make_complaint

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


def test_list_shows_deadline_status_and_open_leaves_out_the_closed(uow, db_url, capsys):
    make_store(uow)
    manager = make_user(uow, Role.SALES_MANAGER, username="boss")
    late = make_complaint(uow, manager, manager.user_id, hours_ago=80, channel="hotline_12345")
    done = make_complaint(uow, manager, manager.user_id)
    close_complaint(
        uow(), actor=manager, complaint_id=done.id, expected_version=done.version, result="已解决",
        confirmation="confirmed",
    )  # fmt: skip

    assert admin_cli("complaints", "list", "--database-url", db_url, user="boss") == 0
    lines = capsys.readouterr().out.splitlines()
    row = next(line for line in lines if line.startswith(late.number))
    assert "hotline_12345" in row and "RED" in row
    assert any(line.startswith(done.number) and "met" in line and "closed" in line for line in lines)
    assert lines[-1].startswith("2 complaint(s), 1 from the 12345 hotline")

    assert admin_cli("complaints", "list", "--open", "--database-url", db_url, user="boss") == 0
    out = capsys.readouterr().out
    assert late.number in out and done.number not in out


def test_an_account_without_the_right_is_refused(uow, db_url, capsys):
    make_store(uow)
    make_user(uow, Role.ADMIN, username="root")
    assert admin_cli("complaints", "list", "--database-url", db_url) != 0


def test_escalate_records_the_rungs_once_for_a_server_cron(uow, db_url, capsys):
    from app.customer_care.api import my_escalations

    make_store(uow)
    manager = make_user(uow, Role.SALES_MANAGER, username="boss")
    make_complaint(uow, manager, manager.user_id, hours_ago=80)
    assert admin_cli("complaints", "escalate", "--database-url", db_url, user="boss") == 0
    assert capsys.readouterr().out.strip() == "Escalations recorded."
    assert admin_cli("complaints", "escalate", "--database-url", db_url, user="boss") == 0
    assert capsys.readouterr().out.strip() == "Nothing new to escalate."
    assert {n.level for n in my_escalations(uow(), actor=manager)} == {"near", "overdue"}
