"""Permission cases for Security and privacy (issue #9): one callable per Action, run by test_permissions.py as every role.

Each case performs the action as `actor` (`manager` is a sales manager for set-up); it must
raise PermissionDenied exactly when the matrix refuses the actor's role.
"""

from __future__ import annotations

from app.core.permissions import Action


def _view_audit(uow, actor, manager, tmp_path):
    from app.privacy import audit

    audit.list_events(uow(), actor=actor)


def _unmask(uow, actor, manager, tmp_path):
    from app.privacy import personal_key as privacy
    from tests.integration.test_privacy import sealed_drive

    drive = sealed_drive(uow, manager)
    privacy.unmask(
        uow(), actor=actor, table="test_drive", record_id=drive, column="id_number", purpose="permission check"
    )


def _manage_personal_data(uow, actor, manager, tmp_path):
    from app.privacy import retention as privacy_retention

    privacy_retention.purge(uow(), actor=actor, dry_run=True)


PRIVACY_CASES: dict = {
    Action.VIEW_AUDIT_LOG: _view_audit,
    Action.UNMASK_PERSONAL_DATA: _unmask,
    Action.MANAGE_PERSONAL_DATA: _manage_personal_data,
}

# (action, error code) pairs a permitted role may still meet as a business-rule refusal.
PRIVACY_RULE_REFUSALS: set = set()
