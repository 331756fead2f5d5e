"""Permission cases of the sale's finance services (issue #18), run by test_permissions.py: each
action maps to a function (uow, actor, manager, tmp_path) that performs it once as `actor`."""

from __future__ import annotations

CASES: dict = {}
RULE_REFUSALS: set = set()
