"""The server's clock (issue #19.7): complaint deadlines and escalations are computed on the
database server's time, never a terminal's, whose clock may be wrong or whose user may have set
it back. On SQLite (one PC) the "server" is this PC's clock; on PostgreSQL it is the server's.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text
from sqlalchemy.orm import Session

_NOW_SQL = {
    # Both give naive UTC, the form every timestamp is stored in (app/core/clock.py).
    "postgresql": "SELECT CAST(clock_timestamp() AT TIME ZONE 'UTC' AS timestamp)",
    "sqlite": "SELECT strftime('%Y-%m-%d %H:%M:%f', 'now')",
}


def server_now(s: Session) -> dt.datetime:
    """Now on the database server, naive UTC."""
    value = s.execute(text(_NOW_SQL[s.get_bind().dialect.name])).scalar_one()
    if isinstance(value, str):
        return dt.datetime.fromisoformat(value)
    return value.replace(tzinfo=None) if value.tzinfo else value
