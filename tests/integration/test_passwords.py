"""Passwords and sessions in the service layer (issue #9 item 5): strength rule, own change,
an administrator's reset forcing a change, unlock, and the login trail in the audit log."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.core.errors import AccountLocked, LoginFailed, PermissionDenied, ValidationFailed
from app.staff import auth
from db.audit_models import AuditEvent
from db.models import Role, StaffUser
from tests.factories import PASSWORD, make_store, make_user


@pytest.fixture()
def admin(uow):
    make_store(uow)
    return make_user(uow, Role.ADMIN, username="root")


def _codes(exc: ValidationFailed) -> dict[str, str]:
    return {e.field: e.code for e in exc.errors}


@pytest.mark.parametrize(
    "password, code",
    [
        ("short1", "password_too_short"),
        ("abcdefghij", "password_too_simple"),
        ("1234567890", "password_too_simple"),
        ("chen.li.", "password_is_username"),
        ("Password1", "password_too_common"),
    ],
)
def test_weak_passwords_are_refused_beside_the_field(uow, admin, password, code):
    with pytest.raises(ValidationFailed) as e:
        auth.create_user(
            uow(), actor=admin, username="chen.li.", full_name="陈莉", password=password, roles=["reception"]
        )
    assert _codes(e.value) == {"password": code}
    with uow() as u:  # nothing written
        assert u.session.scalar(select(StaffUser).where(StaffUser.username == "chen.li.")) is None


@pytest.mark.parametrize("password", ["demo1234", "admin1234", "long-enough", "门店-密码-2026"])
def test_passwords_of_two_kinds_and_eight_characters_are_accepted(uow, admin, password):
    auth.create_user(uow(), actor=admin, username="chen", full_name="陈", password=password, roles=["reception"])
    assert auth.login(uow(), username="chen", password=password).username == "chen"


def test_reset_forces_a_change_at_next_login(uow, admin):
    user = make_user(uow, Role.CONSULTANT, username="wang")
    staff = {s.username: s for s in auth.list_staff(uow(), actor=admin)}["wang"]
    auth.reset_password(
        uow(), actor=admin, user_id=user.user_id, expected_version=staff.version, new_password="Temp-2026"
    )
    with pytest.raises(LoginFailed):
        auth.login(uow(), username="wang", password=PASSWORD)
    actor = auth.login(uow(), username="wang", password="Temp-2026")
    assert actor.must_change_password
    with pytest.raises(ValidationFailed) as e:
        auth.change_password(uow(), actor=actor, current_password="wrong", new_password="Temp-2026")
    assert _codes(e.value) == {"current_password": "password_wrong"}
    with pytest.raises(ValidationFailed) as e:
        auth.change_password(uow(), actor=actor, current_password="Temp-2026", new_password="Temp-2026")
    assert _codes(e.value) == {"new_password": "password_unchanged"}
    after = auth.change_password(uow(), actor=actor, current_password="Temp-2026", new_password="Mine-2026")
    assert not after.must_change_password
    assert not auth.login(uow(), username="wang", password="Mine-2026").must_change_password


def test_only_an_administrator_resets_and_a_reset_ends_a_lock_out(uow, admin):
    user = make_user(uow, Role.CONSULTANT, username="li")
    manager = make_user(uow, Role.SALES_MANAGER, username="zhou")
    for _ in range(auth.MAX_FAILED_LOGINS):
        with pytest.raises((LoginFailed, AccountLocked)):
            auth.login(uow(), username="li", password="nope")
    with pytest.raises(AccountLocked):
        auth.login(uow(), username="li", password=PASSWORD)
    with pytest.raises(PermissionDenied):
        auth.reset_password(uow(), actor=manager, user_id=user.user_id, expected_version=None, new_password="Temp-2026")
    auth.reset_password(uow(), actor=admin, user_id=user.user_id, expected_version=None, new_password="Temp-2026")
    assert auth.login(uow(), username="li", password="Temp-2026").must_change_password


def test_unlock_needs_the_same_users_password(uow, admin):
    user = make_user(uow, Role.RECEPTION, username="lin")
    with pytest.raises(LoginFailed):
        auth.unlock(uow(), actor=user, password="wrong-1")
    assert auth.unlock(uow(), actor=user, password=PASSWORD).user_id == user.user_id


def test_logins_failures_logouts_and_resets_are_audited(uow, admin):
    user = make_user(uow, Role.RECEPTION, username="lin")
    with pytest.raises(LoginFailed):
        auth.login(uow(), username="nobody", password="x")
    with pytest.raises(LoginFailed):
        auth.login(uow(), username="lin", password="wrong-1")
    actor = auth.login(uow(), username="lin", password=PASSWORD)
    auth.logout(uow(), actor=actor)
    auth.reset_password(uow(), actor=admin, user_id=user.user_id, expected_version=None, new_password="Temp-2026")
    with uow() as u:
        rows = [
            (e.action, e.actor_id, e.detail)
            for e in u.session.scalars(
                select(AuditEvent)
                .where(AuditEvent.table_name == "staff_user", AuditEvent.action != "insert")
                .order_by(AuditEvent.id)
            )
        ]
    assert [(a, who) for a, who, _ in rows] == [
        ("login_failed", None),
        ("login_failed", user.user_id),
        ("login", user.user_id),
        ("logout", user.user_id),
        ("password_reset", admin.user_id),
        ("update", admin.user_id),
    ]
    assert '"reason":"unknown"' in rows[0][2] and '"username":"nobody"' in rows[0][2]
    assert '"password_hash":"[changed]"' in rows[-1][2] and "argon2" not in rows[-1][2]


def test_hashes_use_owasp_parameters_and_an_older_hash_is_remade_at_login(uow, admin):
    """argon2id at 19 MiB, 2 passes, 1 lane (OWASP Password Storage Cheat Sheet): a login
    must fit the terminal's memory (issue #17). A hash made with the library's 64 MiB default
    still logs in, and is re-made with today's parameters."""
    from argon2 import PasswordHasher
    from sqlalchemy import select

    from app.staff.auth import login
    from app.staff.passwords import hash_password
    from db.models import StaffUser

    assert hash_password("Showroom#2026").startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    with uow() as u:
        user = u.session.scalars(select(StaffUser).where(StaffUser.username == admin.username)).one()
        user.password_hash = PasswordHasher().hash("Older#Default1")
        u.session.commit()
    login(uow(), username=admin.username, password="Older#Default1")
    with uow() as u:
        stored = u.session.scalars(select(StaffUser.password_hash).where(StaffUser.username == admin.username)).one()
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
