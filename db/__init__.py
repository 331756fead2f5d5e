"""Persistence layer: SQLAlchemy models, engine/session set-up, unit of work, Alembic migrations.

Imports neither `app` nor Qt (enforced by import-linter)."""
