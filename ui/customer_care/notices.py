"""Customer-care notices on this PC (issue #19.1, 19.6, 19.7): "a task for you" and, for a sales
manager, "escalated: overdue". The window asks at login and every POLL_MS for the notices this
user has not dismissed (app.customer_care.api.list_care_notices, on the server's clock), so a PC
that was off or offline when a task was assigned or fell overdue catches up when it is back.
Dismiss on the banner acknowledges the notices shown, through the operation path."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from app.core.permissions import Action, can
from ui.customer_care.models import when

POLL_MS = 60_000
FIRST_POLL_MS = 1_500  # after the window is up: the login is not slowed down


def notice_line(n) -> str:
    if n.kind == "escalated":
        text = QCoreApplication.translate("CareNotices", "Overdue, escalated to you: {subject} ({who}, due {due})")
    else:
        text = QCoreApplication.translate("CareNotices", "A task for you: {subject} (due {due})")
    return text.format(subject=n.subject, who=n.assignee_name, due=when(n.due_at))


class CareNotices(QObject):
    def __init__(self, ctx, notice, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.notice = ctx, notice
        self.shown: list[tuple[int, str]] = []
        self._text = ""  # what this object put on the banner (a visitor's notice may replace it)
        self.timer = QTimer(self, interval=POLL_MS, timeout=self.poll)
        notice.dismissed.connect(self.acknowledge)
        QTimer.singleShot(FIRST_POLL_MS, self, self.poll)
        self.timer.start()

    @classmethod
    def for_window(cls, ctx, notice, parent: QObject | None = None) -> CareNotices | None:
        """Notices for those who are given tasks; none for a desk, finance or PDI login."""
        return cls(ctx, notice, parent) if can(ctx.actor.roles, Action.VIEW_CARE_TASKS) else None

    def poll(self) -> None:
        from ui.shell.workers import run_op

        ctx = self.ctx

        def work():
            from app.customer_care.api import list_care_notices

            return list_care_notices(ctx.uow(), actor=ctx.actor)

        run_op(self, work, self._show, lambda _exc: None)  # a failed poll is tried again next minute

    def _show(self, notices) -> None:
        fresh = [n for n in notices if (n.task_id, n.kind) not in self.shown]
        if not fresh:
            return
        self.shown = [(n.task_id, n.kind) for n in notices]
        self._text = "\n".join(notice_line(n) for n in notices[:5])
        self.notice.show_notice(self._text)

    def acknowledge(self) -> None:
        from app.customer_care.api import acknowledge_care_notices
        from ui.shell.ops import Op

        mine = self.notice.text.text() == self._text
        ctx, seen = self.ctx, list(self.shown)
        self.shown = []  # not acknowledged below: shown again at the next poll
        if not seen or not mine:
            return  # the banner showed a visitor's notice instead
        Op(ctx, self.notice, lambda: acknowledge_care_notices(ctx.uow(), actor=ctx.actor, notices=seen)).on_failure(
            lambda _exc: None
        ).run()
