"""Complaint notices on the responsible person's PC (issue #19.6-19.7), for the whole main
window whatever page is open: at login and every minute, the escalation rungs reached so far are
recorded (on the server's clock, idempotent across PCs) and this user's unseen ones announced in
the window's notice banner: a complaint assigned to them, a deadline near or passed. A PC that
was off at the time announces them at the next login. They are marked seen on the Complaints
page ("Seen"), where each is listed.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from app.core.permissions import Action, can
from app.customer_care.api import escalate_due, my_escalations
from ui.shell.ops import scheduled_write
from ui.shell.workers import run_op

CHECK_MS = 60_000


class ComplaintNotices(QObject):
    def __init__(self, ctx, banner, parent=None) -> None:
        super().__init__(parent)
        self.ctx, self.banner = ctx, banner
        self.announced: set[int] = set()
        self.timer = QTimer(self, interval=CHECK_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        self.check()

    @classmethod
    def for_window(cls, ctx, banner, parent) -> ComplaintNotices | None:
        return cls(ctx, banner, parent) if can(ctx.actor.roles, Action.VIEW_COMPLAINTS) else None

    def check(self) -> None:
        ctx = self.ctx
        scheduled_write(self, lambda: escalate_due(ctx.uow()), lambda _c: self._read(), lambda _e: None)

    def _read(self) -> None:
        ctx = self.ctx
        run_op(self, lambda: my_escalations(ctx.uow(), actor=ctx.actor), self._announce, lambda _e: None)

    def _announce(self, notices) -> None:
        ids = {n.id for n in notices}
        if ids - self.announced:
            self.banner.show_notice(self.tr("Complaints need you ({count}): see Complaints").format(count=len(ids)))
        self.announced |= ids
