"""Which key files the store's data is encrypted under (issue #15 item 2): one row per key
name ("personal", "store-signing") holding the key's id, never the key.

The keys themselves live outside the database (app/core/keys.py), one copy per terminal. Without
this row a terminal that lacked the file could not tell "this store has no key yet" from
"this store's key was never copied here", and quietly made its own: numbers it sealed could
then be read on that terminal only and were lost with its disk. With it, every terminal
checks its key file against the store's before sealing (app/core/store_keys.py).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from db.models import Base


class StoreKey(Base):
    """The id (app.core.keys.key_id, hex) of the key file the store uses for `name`."""

    __tablename__ = "store_key"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    key_id: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)
