"""Issue #15.10: staff accounts are deactivated and reactivated and their roles changed, by an
administrator only, always audited; a deactivated account cannot log in or unlock, and the
open work it leaves behind shows for the manager. Accounts are never deleted (the audit log
and signed records name them)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.core.errors import Conflict, LoginFailed, PermissionDenied, ValidationFailed
from app.staff import auth, accounts as staff
from db.audit_models import AuditEvent
from db.models import Role
from tests.factories import (
    PASSWORD,
    RECEPTION_NOW,
    add_models,
    make_consultants,
    make_staff,
    make_store,
    make_user,
    on_duty,
    reception_defaults,
    walk_in,
)
from tests.integration.test_leads import X, visit


@pytest.fixture()
def admin(uow):
    make_store(uow)
    return make_user(uow, Role.ADMIN, username="root")


def _version(uow, admin, username):
    return {s.username: s for s in auth.list_staff(uow(), actor=admin)}[username].version


def _audit(uow, action):
    with uow() as u:
        return [
            (e.actor_name, json.loads(e.detail))
            for e in u.session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id))
        ]


def test_a_deactivated_account_cannot_log_in_or_unlock_and_can_be_reactivated(uow, admin):
    wang = make_user(uow, Role.CONSULTANT, username="wang")
    session = auth.login(uow(), username="wang", password=PASSWORD)
    dto = staff.set_active(
        uow(), actor=admin, user_id=wang.user_id, active=False, expected_version=_version(uow, admin, "wang")
    )
    assert not dto.active
    with pytest.raises(LoginFailed):
        auth.login(uow(), username="wang", password=PASSWORD)
    with pytest.raises(LoginFailed):  # the terminal wang left idle-locked stays locked
        auth.unlock(uow(), actor=session, password=PASSWORD)
    assert _audit(uow, "staff_deactivated") == [("root", {"username": "wang"})]
    reasons = [d["reason"] for _, d in _audit(uow, "login_failed")]
    assert reasons == ["inactive", "unlock_inactive"]
    staff.set_active(uow(), actor=admin, user_id=wang.user_id, active=True)
    assert auth.login(uow(), username="wang", password=PASSWORD).username == "wang"
    assert _audit(uow, "staff_activated") == [("root", {"username": "wang"})]


def test_roles_change_takes_effect_at_the_next_login_and_is_audited(uow, admin):
    li = make_user(uow, Role.RECEPTION, username="li")
    old = _version(uow, admin, "li")
    dto = staff.set_roles(
        uow(), actor=admin, user_id=li.user_id, roles=["consultant", "sales_manager"], expected_version=old
    )
    assert dto.version > old  # another administrator's copy of the account is now stale
    assert dto.roles == {Role.CONSULTANT, Role.SALES_MANAGER}
    assert auth.login(uow(), username="li", password=PASSWORD).roles == dto.roles
    assert _audit(uow, "staff_roles_changed") == [
        ("root", {"username": "li", "before": ["reception"], "after": ["consultant", "sales_manager"]})
    ]
    with pytest.raises(Conflict):  # an edit made on the copy from before the change
        staff.set_roles(uow(), actor=admin, user_id=li.user_id, roles=["finance"], expected_version=old)
    with pytest.raises(ValidationFailed) as e:
        staff.set_roles(uow(), actor=admin, user_id=li.user_id, roles=[])
    assert e.value.errors[0].code == "required"


def test_only_an_administrator_manages_accounts(uow, admin):
    manager = make_user(uow, Role.SALES_MANAGER, username="zhou")
    wang = make_user(uow, Role.CONSULTANT, username="wang")
    with pytest.raises(PermissionDenied):
        staff.set_active(uow(), actor=manager, user_id=wang.user_id, active=False)
    with pytest.raises(PermissionDenied):
        staff.set_roles(uow(), actor=manager, user_id=manager.user_id, roles=["admin"])
    assert _audit(uow, "staff_deactivated") == [] and _audit(uow, "staff_roles_changed") == []


def test_an_admin_cannot_deactivate_themself_nor_remove_the_last_admin(uow, admin):
    with pytest.raises(ValidationFailed) as e:
        staff.set_active(uow(), actor=admin, user_id=admin.user_id, active=False)
    assert e.value.errors[0].code == "cannot_deactivate_self"
    with pytest.raises(ValidationFailed) as e:
        staff.set_roles(uow(), actor=admin, user_id=admin.user_id, roles=["sales_manager"])
    assert e.value.errors[0].code == "last_admin"
    second = make_user(uow, Role.ADMIN, username="root2")
    staff.set_roles(uow(), actor=second, user_id=admin.user_id, roles=["sales_manager"])
    with pytest.raises(ValidationFailed) as e:  # root2 is now the only administrator
        staff.set_roles(uow(), actor=second, user_id=second.user_id, roles=["finance"])
    assert e.value.errors[0].code == "last_admin"


def test_open_work_of_a_deactivated_consultant_shows_for_the_manager(uow, admin):
    reception_defaults(uow)
    desk = make_staff(uow, Role.RECEPTION)
    manager = make_staff(uow, Role.SALES_MANAGER)
    add_models(uow, manager, X)
    (chen,) = make_consultants(uow, 1)
    on_duty(uow, desk, [chen])
    visit(uow, desk, manager, [chen], RECEPTION_NOW, mobile="13900000001", name="钱女士")
    waiting = walk_in(uow, desk, RECEPTION_NOW).visit
    assert staff.open_work(uow(), actor=manager) == []  # nobody is deactivated yet
    staff.set_active(uow(), actor=admin, user_id=chen.user_id, active=False)
    work = staff.open_work(uow(), actor=manager)
    assert {(w.username, w.kind) for w in work} == {(chen.username, "lead"), (chen.username, "visit")}
    assert waiting.id in {w.record_id for w in work if w.kind == "visit"}
    with pytest.raises(PermissionDenied):
        staff.open_work(uow(), actor=make_staff(uow, Role.CONSULTANT))
