"""The running session shared by every page: database, logged-in actor, change signal."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.core.dto import Actor, Changes, StoreDTO
from db.uow import Database


class AppContext(QObject):
    # Emitted after a mutating service succeeded; pages refresh only when affected.
    data_did_change = Signal(object, object)  # (Changes, initiator)

    def __init__(self, database: Database, actor: Actor, store: StoreDTO | None = None) -> None:
        super().__init__()
        self.database = database
        self.actor = actor
        self.store = store

    def uow(self):
        return self.database.uow()

    def changed(self, changes: Changes, initiator: object = None) -> None:
        self.data_did_change.emit(changes, initiator)
