"""Unit of work: one transaction per use case; rolls back unless `commit()` was called.

Modelled on cosmicpython's service_layer/unit_of_work.py. A UnitOfWork is cheap and is made
per call from a `Database`, so that each worker thread gets its own Session.
"""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from db.session import describe_url, make_engine, make_session_factory


class Database:
    """One configured database: engine plus session factory; hands out units of work."""

    def __init__(self, url: str, engine: Engine | None = None) -> None:
        self.url = url
        self.engine = engine or make_engine(url)
        self._factory: sessionmaker[Session] = make_session_factory(self.engine)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def display_url(self) -> str:
        return describe_url(self.url)

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self._factory)

    def dispose(self) -> None:
        self.engine.dispose()


class UnitOfWork:
    session: Session

    def __init__(self, factory: sessionmaker[Session]) -> None:
        self._factory = factory
        self.committed = False

    def __enter__(self) -> UnitOfWork:
        self.session = self._factory()
        self.committed = False
        return self

    def __exit__(self, *exc) -> None:
        try:
            if not self.committed:
                self.session.rollback()
        finally:
            self.session.close()

    def commit(self) -> None:
        self.session.commit()
        self.committed = True

    def flush(self) -> None:
        self.session.flush()
