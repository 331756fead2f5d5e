"""`showroom admin complaints list [--open]` (issue #19.8): every complaint with the status of
its two deadlines on the server's clock: the first response within 72 hours (T/CSCA 120031
3.17) and the reply within 7 working days (办法 art. 18). app/cli/__init__.py registers it.

Clock words: running, AMBER (due soon), RED (passed, not done), met, late (done after the
deadline). The contact is masked as on screen. The last line counts the 12345 hotline's
complaints among those listed (3.15).

`showroom admin complaints escalate` records the escalation rungs reached by now on the server's
clock, as every PC with the app open does each minute; run from a server's scheduler it keeps
the ladder on time while no PC is on (issue #19.7).

Like app/cli/__init__.py, importing this module loads the standard library only.
"""

from __future__ import annotations

from app import cli as base
from app.cli import EXIT_OK

_CLOCK_WORDS = {"amber": "AMBER", "red": "RED"}


def add_commands(command, group) -> None:
    """Register this module's commands on the `showroom admin` parser."""
    complaints = group("complaints", "Customer complaints (客户投诉) and their deadlines.")
    p = complaints("list", cmd_list, "List complaints with the status of their deadlines, newest first.")
    p.add_argument("--open", action="store_true", help="only complaints not yet closed, oldest deadline first")
    complaints(
        "escalate", cmd_escalate, "Record the escalations reached by now (server time), e.g. from a server's cron."
    )


def _clock(state: str, due) -> str:
    return f"{_CLOCK_WORDS.get(state, state)} {due:%Y-%m-%d %H:%M}"


def cmd_list(args) -> int:
    from app.core.clock import to_store_time
    from app.customer_care.api import complaint_board

    db = base._open_database(args)
    try:
        actor = base._system_admin(db)
        board = complaint_board(db.uow(), actor=actor, open_only=args.open)
    finally:
        db.dispose()
    print(
        f"{'number':<15} {'channel':<21} {'status':<7} {'received':<16}  first response (72 h)     reply (7 working days)"
    )
    for r in board.rows:
        first = _clock(r.first_response_clock, to_store_time(r.first_response_due))
        reply = _clock(r.reply_clock, to_store_time(r.reply_due))
        received = to_store_time(r.received_at)
        print(f"{r.number:<15} {r.channel:<21} {r.status:<7} {received:%Y-%m-%d %H:%M}  {first:<25} {reply}")
    print(f"{len(board.rows)} complaint(s), {board.hotline_12345} from the 12345 hotline (store time, UTC+8).")
    return EXIT_OK


def cmd_escalate(args) -> int:
    from app.customer_care.api import escalate_due, my_escalations

    db = base._open_database(args)
    try:
        actor = base._system_admin(db)
        my_escalations(db.uow(), actor=actor)  # the account must be allowed to see complaints
        changes = escalate_due(db.uow())
    finally:
        db.dispose()
    print("Escalations recorded." if changes.complaints else "Nothing new to escalate.")
    return EXIT_OK
