"""The end of a session is audited (issue #9) even when the window closes with the program:
the logout row goes through the one write that cannot be an Op (ui/shell/ops.write_after_session,
issue #16.1), on the write pool, and quitting waits for it."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.staff import auth
from db.audit_models import AuditEvent
from db.models import Role
from tests.factories import PASSWORD, isolated_data_dir, make_store, make_user  # noqa: F401
from ui.shell import workers

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


def test_quitting_with_the_window_open_records_the_logout(qtbot, uow, db_url):
    from ui.shell.shell import Shell
    from ui.shell.startup import load_backend

    make_store(uow)
    make_user(uow, Role.ADMIN, username="admin")
    assert not workers._synchronous  # the real write pool (no sync_ops): quitting must wait for it
    backend = load_backend(db_url, demo=False)
    shell = Shell(demo=False, url_resolver=lambda: backend.url)
    shell.loader.start()  # as Shell.start does; quitting waits for it too
    actor = auth.login(backend.database.uow(), username="admin", password=PASSWORD)
    shell._logged_in(actor, backend)
    qtbot.addWidget(shell.main_window)
    try:
        shell.shutdown()  # what closing the last window does
    finally:
        backend.database.dispose()
    with uow() as u:
        logouts = u.session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "logout"))
        who = u.session.scalar(select(AuditEvent.actor_id).where(AuditEvent.action == "logout"))
    assert logouts == 1 and who == actor.user_id
