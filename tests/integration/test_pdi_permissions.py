"""Permission cases for PDI (issue #7): one callable per Action, run by test_permissions.py as every role.

Each case performs the action as `actor` (`manager` is a sales manager for set-up); it must
raise PermissionDenied exactly when the matrix refuses the actor's role.
"""

from __future__ import annotations

PDI_CASES: dict = {}

# (action, error code) pairs a permitted role may still meet as a business-rule refusal.
PDI_RULE_REFUSALS: set = set()
