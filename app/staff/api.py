"""The public module of staff: other features import what they need from here,
never from its other modules (README, Development; tests/unit/test_layers.py checks it).

`insert_user` adds an account without a permission check: only the store's first setup uses it."""

from app.staff.auth import _insert_user as insert_user
from app.staff.auth import actor_of, list_staff  # list_staff: the evidence pack (issue #20.5)

__all__ = ["actor_of", "insert_user", "list_staff"]
