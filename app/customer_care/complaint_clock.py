"""The server's clock (issue #19.7): complaint deadlines and escalations are computed on the
database server's time, never a terminal's, whose clock may be wrong or whose user may have set
it back. On SQLite (one PC) the "server" is this PC's clock; on PostgreSQL it is the server's.
"""

from __future__ import annotations

from app.customer_care.clock import server_now  # one server clock for tasks and complaints

__all__ = ["server_now"]
