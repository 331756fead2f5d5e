"""Who changed a row last (issue #17.15): `updated_by_id`, kept in one place for every table.

Every editable table carries `updated_by_id`. Rather than each service remembering to set it,
a before_flush hook of the unit of work (db/uow.py) sets it on every row inserted or changed
in the flush, from who acts in the session: the unit of work's actor (`uow.act_as`, the
logged-in user of the window, `acting_as`), else a `*_by_id` column the change itself names
(recorded_by_id, issued_by_id...), first on the row, then anywhere in the same flush. A value
the service set itself in this flush is kept. Bookkeeping changes (a login's counters) leave
it alone, so the conflict dialog names the last person who edited the record.

`stale_who` answers, after a write lost a race (StaleDataError), who saved the row first,
so that the Conflict says who even when no version check ran before the flush.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

# session.info key of (user id, username) acting in the session (db.uow sets it).
ACTOR_KEY = "audit_actor"
_HELD = "changed_by_held_versions"
COLUMN = "updated_by_id"
# Changes that do not make someone the row's last editor: the counter itself and a login's
# bookkeeping (db.uow.UNAUDITED_COLUMNS).
BOOKKEEPING = frozenset({"version", "updated_at", COLUMN, "failed_logins", "last_login_at", "locked_until"})


def _named_by(state) -> int | None:
    """The first person a `*_by_id` column of this row names in this flush."""
    changed = state.committed_state  # only a column set in this flush has a history
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key.endswith("_by_id") and key != COLUMN and key in changed:
            added = state.attrs[key].history.added
            if added and isinstance(added[0], int):
                return added[0]
    return None


def _edited(state, inserted: bool) -> bool:
    if inserted:
        return True
    changed = state.committed_state  # only a column set since the row was loaded has changes
    return any(
        state.attrs[a.key].history.has_changes()
        for a in state.mapper.column_attrs
        if a.key in changed and a.key not in BOOKKEEPING
    )


def keep_updated_by(session: Session, _flush_context, _instances) -> None:
    """before_flush: set `updated_by_id` on every row this flush inserts or edits."""
    who = session.info.get(ACTOR_KEY)
    actor = who[0] if who else None
    rows = [(o, True) for o in session.new]
    rows += [(o, False) for o in session.dirty if session.is_modified(o, include_collections=False)]
    held = session.info[_HELD] = {}  # this flush's rows: the one that may lose a race
    states = []
    for obj, inserted in rows:
        state = inspect(obj)
        mapper = state.mapper
        if not inserted and mapper.version_id_col is not None and state.identity is not None:
            held[(mapper.local_table.name, state.identity)] = state.committed_state.get(
                "version", state.dict.get("version")
            )
        if COLUMN not in mapper.columns or (COLUMN in state.committed_state and state.attrs[COLUMN].history.added):
            continue  # no such column, or the service said who
        if _edited(state, inserted):
            states.append(state)
    if not states:
        return
    anyone = None
    if actor is None:
        anyone = next((n for n in (_named_by(inspect(o)) for o, _ in rows) if n is not None), None)
    for state in states:
        by = actor if actor is not None else _named_by(state) or anyone
        if by is not None:
            setattr(state.obj(), COLUMN, by)


def stale_who(session: Session) -> dict:
    """After a lost race (the session rolled back): which row another terminal saved first,
    who saved it and when, as Conflict params (table, id, by_user_id, by_name, at); {} when
    it cannot be told."""
    held = session.info.pop(_HELD, None) or {}
    from db.models import Base, StaffUser

    try:
        for (name, ident), version in held.items():
            table = Base.metadata.tables[name]
            pk = list(table.primary_key.columns)
            if len(pk) != 1 or "version" not in table.c:
                continue
            cols = [table.c.version] + [table.c[c] for c in (COLUMN, "updated_at") if c in table.c]
            row = session.execute(select(*cols).where(pk[0] == ident[0])).first()
            if row is None or row[0] == version:
                continue
            data = row._mapping
            by = data.get(COLUMN)
            at = data.get("updated_at")
            name_of = session.scalar(select(StaffUser.full_name).where(StaffUser.id == by)) if by else None
            return {
                "table": name,
                "id": ident[0],
                "by_user_id": by,
                "by_name": name_of,
                "at": at.isoformat(timespec="seconds") if isinstance(at, dt.datetime) else None,
            }
    except Exception:  # noqa: BLE001 - only a better message; the race is reported anyway
        return {}
    return {}
