"""Login, lock-out, passwords and staff accounts.

Passwords are argon2id hashes (argon2-cffi). Five failed attempts lock an account for
15 minutes; the counter resets on a successful login.

Issue #9 (item 5, T/CSCA 120031 4.2.3.2 "protect personal information"): every login, failed
login, logout, unlock, password change and reset is written to the audit log. A new or changed
password needs at least 8 characters of at least two kinds (letters, digits, other signs),
must not be the username and must not be a well-known password; an administrator's reset
sets a temporary password and forces the user to choose a new one at the next login. The
hashing and the strength rule live in app/staff/passwords.py.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NoReturn, cast

from sqlalchemy import Table, case, func, or_, select, update

from app.core.clock import utcnow
from app.core.errors import AccountLocked, FieldError, LoginFailed, NotFound, ValidationFailed
from app.core.permissions import Action, require
from app.core.common import check_version, commit
from app.core.dto import Actor, StaffDTO
from app.core.validation import check_length, clean_line
from app.staff.passwords import hash_password, needs_rehash, password_problems
from app.staff.passwords import verify as _verify
from db.models import Role, StaffRole, StaffUser
from db.uow import UnitOfWork

MAX_FAILED_LOGINS = 5
LOCKOUT = dt.timedelta(minutes=15)
USERNAME_RE = re.compile(r"^[A-Za-z0-9_.\-]{2,64}$")
MAX_FULL_NAME, MAX_STAFF_NO, MAX_CERTIFICATE_NO = 100, 32, 64


def actor_of(user: StaffUser) -> Actor:
    return Actor(
        user_id=user.id,
        username=user.username,
        full_name=user.full_name,
        roles=user.role_set,
        must_change_password=user.must_change_password,
    )


def staff_dto(user: StaffUser) -> StaffDTO:
    return StaffDTO(
        id=user.id,
        username=user.username,
        full_name=user.full_name,
        staff_no=user.staff_no,
        roles=user.role_set,
        active=user.active,
        licence_first_issued=user.licence_first_issued,
        pdi_certificate_no=user.pdi_certificate_no,
        pdi_certificate_expiry=user.pdi_certificate_expiry,
        locked_until=user.locked_until,
        version=user.version,
        must_change_password=user.must_change_password,
    )


def _audit_failure(
    uow: UnitOfWork, username: str, reason: str, user: StaffUser | None = None, detail: dict | None = None
) -> None:
    uow.audit(
        "login_failed",
        table_name="staff_user",
        record_id=user.id if user else None,
        detail={"username": (username or "").strip()[:64], "reason": reason, **(detail or {})},
        actor=actor_of(user) if user else None,
    )
    uow.commit()


def _count_failure(uow: UnitOfWork, user_id: int, now: dt.datetime):
    """Issue #15.8: count one wrong password as ONE conditional UPDATE, so that parallel
    attempts (several terminals, the CLI) serialise on the row and exactly MAX_FAILED_LOGINS
    failures lock the account. Read-modify-write through the ORM let 19 attempts past the
    lock and raised StaleDataError on the version column. Returns (failed, locked_until) after
    the update, or None if a parallel attempt locked the account meanwhile."""
    t = cast(Table, StaffUser.__table__)
    n = t.c.failed_logins + 1
    reaches = n >= MAX_FAILED_LOGINS
    stmt = (
        update(t)
        .where(t.c.id == user_id, or_(t.c.locked_until.is_(None), t.c.locked_until <= now))
        .values(failed_logins=case((reaches, 0), else_=n), locked_until=case((reaches, now + LOCKOUT), else_=None))
        .returning(t.c.failed_logins, t.c.locked_until)
    )
    return uow.session.execute(stmt).first()


def check_password(
    uow: UnitOfWork, user: StaffUser, password: str, *, now: dt.datetime, username: str = "", context: str = ""
) -> None:
    """The one lock-out rule for login, the idle-lock unlock and the admin command line:
    refuse a locked account, else verify the password and count a failure atomically. Every
    refusal is written to the audit log and committed; returns only if the password is right.
    `context` ("unlock", "cli") is prefixed to the audited reason."""
    prefix = f"{context}_" if context and context != "cli" else ""
    extra = {"via": "cli"} if context == "cli" else None
    username = username or user.username
    if user.locked_until and user.locked_until > now:
        _audit_failure(uow, username, "locked", user, extra)
        raise AccountLocked(until=user.locked_until.isoformat(timespec="minutes"))
    if _verify(user.password_hash, password or ""):
        return
    row = _count_failure(uow, user.id, now)
    if row is None:  # a parallel attempt locked the account while this one was verifying
        until = uow.session.scalar(
            select(StaffUser.locked_until).where(StaffUser.id == user.id).execution_options(populate_existing=True)
        )
        _audit_failure(uow, username, "locked", user, extra)
        raise AccountLocked(until=until.isoformat(timespec="minutes") if until else None)
    failed, locked_until = row
    if locked_until is not None:
        _audit_failure(uow, username, prefix + "locked_now", user, extra)
        raise AccountLocked(until=locked_until.isoformat(timespec="minutes"))
    _audit_failure(uow, username, prefix + "password", user, extra)
    raise LoginFailed(remaining=MAX_FAILED_LOGINS - failed)


def _find_user(uow: UnitOfWork, username: str) -> StaffUser | None:
    return uow.session.scalar(
        select(StaffUser).where(func.lower(StaffUser.username) == (username or "").strip().lower())
    )


def _refuse_unknown(uow: UnitOfWork, username: str, user: StaffUser | None, extra: dict | None = None) -> NoReturn:
    # Same error as a wrong password: do not reveal which usernames exist or are inactive.
    hash_password("timing-equaliser")
    _audit_failure(uow, username, "unknown" if user is None else "inactive", user, extra)
    raise LoginFailed()


def _logged_in(uow: UnitOfWork, user: StaffUser, password: str, now: dt.datetime) -> None:
    # A plain UPDATE (no version bump): two terminals logging in at once must not collide on
    # the optimistic-lock version as an administrator's edit would.
    t = cast(Table, StaffUser.__table__)
    values: dict[str, object] = {"failed_logins": 0, "locked_until": None, "last_login_at": now}
    if needs_rehash(user.password_hash):
        values["password_hash"] = hash_password(password)
    uow.session.execute(update(t).where(t.c.id == user.id).values(**values))


def login(uow: UnitOfWork, *, username: str, password: str, now: dt.datetime | None = None, via: str = "") -> Actor:
    """Check the password; count failures; lock after MAX_FAILED_LOGINS for LOCKOUT.
    Every attempt, good or bad, is written to the audit log. `via="cli"`: the admin command
    line (issue #15.9), noted in the audit rows."""
    now = now or utcnow()
    extra = {"via": via} if via else None
    with uow:
        user = _find_user(uow, username)
        if user is None or not user.active:
            _refuse_unknown(uow, username, user, extra)
        check_password(uow, user, password, now=now, username=username, context=via)
        _logged_in(uow, user, password, now)
        actor = actor_of(user)
        uow.audit("login", table_name="staff_user", record_id=user.id, actor=actor, detail=extra)
        uow.commit()
        return actor


def logout(uow: UnitOfWork, *, actor: Actor) -> None:
    """Note the end of a session (the window closed or the user logged out)."""
    with uow:
        uow.audit("logout", table_name="staff_user", record_id=actor.user_id, actor=actor)
        uow.commit()


def unlock(uow: UnitOfWork, *, actor: Actor, password: str, now: dt.datetime | None = None) -> Actor:
    """The idle-locked terminal asks the same user for the password again; counts failures
    like a login (5 wrong passwords lock the account, check_password). Another user cannot
    unlock it, nor can an account deactivated meanwhile (issue #15.10)."""
    now = now or utcnow()
    with uow:
        user = uow.session.get(StaffUser, actor.user_id)
        if user is None or not user.active:
            if user is not None:
                _audit_failure(uow, user.username, "unlock_inactive", user)
            raise LoginFailed()
        check_password(uow, user, password, now=now, context="unlock")
        t = cast(Table, StaffUser.__table__)
        uow.session.execute(update(t).where(t.c.id == user.id).values(failed_logins=0))
        actor = actor_of(user)
        uow.audit("session_unlocked", table_name="staff_user", record_id=user.id, actor=actor)
        uow.commit()
        return actor


def change_password(uow: UnitOfWork, *, actor: Actor, current_password: str, new_password: str) -> Actor:
    """The user's own password (after a reset, or at will). Self-service: the actor can only
    change their own, and proves it with the current password."""
    if actor is None:
        raise LoginFailed()
    with uow:
        user = uow.session.get(StaffUser, actor.user_id)
        if user is None or not user.active:
            raise LoginFailed()
        errors: list[FieldError] = []
        if not _verify(user.password_hash, current_password or ""):
            errors.append(FieldError("current_password", "password_wrong"))
        errors += password_problems(new_password, username=user.username, field="new_password")
        if not errors and _verify(user.password_hash, new_password):
            errors.append(FieldError("new_password", "password_unchanged"))
        if errors:
            raise ValidationFailed(errors)
        user.password_hash = hash_password(new_password)
        user.must_change_password = False
        user.password_changed_at = utcnow()
        uow.act_as(actor)
        uow.audit("password_changed", table_name="staff_user", record_id=user.id, actor=actor)
        uow.commit()
        return actor_of(user)


def reset_password(
    uow: UnitOfWork, *, actor: Actor, user_id: int, expected_version: int | None, new_password: str
) -> StaffDTO:
    """An administrator sets a temporary password; the user must choose a new one at the next
    login. A lock-out from failed logins ends with it."""
    require(actor, Action.MANAGE_USERS)
    with uow:
        uow.act_as(actor)
        user = uow.session.get(StaffUser, user_id)
        if user is None:
            raise NotFound(what="staff_user", id=user_id)
        check_version(user, expected_version)
        errors = password_problems(new_password, username=user.username)
        if errors:
            raise ValidationFailed(errors)
        user.password_hash = hash_password(new_password)
        user.must_change_password = True
        user.password_changed_at = None
        user.failed_logins = 0
        user.locked_until = None
        uow.audit(
            "password_reset",
            table_name="staff_user",
            record_id=user.id,
            actor=actor,
            detail={"username": user.username},
        )
        commit(uow)
        return staff_dto(user)


def validate_new_user(*, username: str, full_name: str, password: str, roles) -> list[FieldError]:
    errors: list[FieldError] = []
    if not USERNAME_RE.match(username or ""):
        errors.append(FieldError("username", "username_format"))
    name = clean_line(full_name)
    if not name:
        errors.append(FieldError("full_name", "required"))
    check_length(name, "full_name", MAX_FULL_NAME, errors)  # said, never cut (issue #17.3)
    errors.extend(password_problems(password, username=username))
    if not roles:
        errors.append(FieldError("roles", "required"))
    else:
        try:
            [Role(r) for r in roles]
        except ValueError:
            errors.append(FieldError("roles", "unknown_role"))
    return errors


def _insert_user(
    uow: UnitOfWork,
    *,
    username,
    full_name,
    password,
    roles,
    staff_no="",
    licence_first_issued=None,
    pdi_certificate_no=None,
    pdi_certificate_expiry=None,
    must_change_password=False,
) -> StaffUser:
    # As pasted: line breaks, tabs, full-width spaces become one space (issue #17.3).
    full_name, staff_no, pdi_certificate_no = (
        clean_line(full_name),
        clean_line(staff_no),
        clean_line(pdi_certificate_no),
    )
    errors = validate_new_user(username=username, full_name=full_name, password=password, roles=roles)
    check_length(staff_no, "staff_no", MAX_STAFF_NO, errors)
    check_length(pdi_certificate_no, "pdi_certificate_no", MAX_CERTIFICATE_NO, errors)
    if not errors and uow.session.scalar(
        select(StaffUser.id).where(func.lower(StaffUser.username) == username.strip().lower())
    ):
        errors.append(FieldError("username", "username_taken"))
    if errors:
        raise ValidationFailed(errors)
    user = StaffUser(
        username=username.strip(),
        full_name=full_name,
        staff_no=staff_no,
        password_hash=hash_password(password),
        licence_first_issued=licence_first_issued,
        pdi_certificate_no=pdi_certificate_no or None,
        pdi_certificate_expiry=pdi_certificate_expiry,
        must_change_password=must_change_password,
        failed_logins=0,
        active=True,
    )
    user.roles = [StaffRole(role=str(Role(r))) for r in sorted(set(roles))]
    uow.session.add(user)
    uow.session.flush()
    return user


def create_user(
    uow: UnitOfWork,
    *,
    actor: Actor,
    username: str,
    full_name: str,
    password: str,
    roles,
    staff_no: str = "",
    licence_first_issued: dt.date | None = None,
    pdi_certificate_no: str | None = None,
    pdi_certificate_expiry: dt.date | None = None,
) -> StaffDTO:
    require(actor, Action.MANAGE_USERS)
    with uow:
        uow.act_as(actor)
        user = _insert_user(
            uow,
            username=username,
            full_name=full_name,
            password=password,
            roles=roles,
            staff_no=staff_no,
            licence_first_issued=licence_first_issued,
            pdi_certificate_no=pdi_certificate_no,
            pdi_certificate_expiry=pdi_certificate_expiry,
        )
        uow.commit()
        return staff_dto(user)


def list_staff(uow: UnitOfWork, *, actor: Actor) -> list[StaffDTO]:
    require(actor, Action.VIEW_STAFF)
    with uow:
        users = uow.session.scalars(select(StaffUser).order_by(StaffUser.full_name)).all()
        return [staff_dto(u) for u in users]


def get_actor(uow: UnitOfWork, user_id: int) -> Actor:
    with uow:
        user = uow.session.get(StaffUser, user_id)
        if user is None:
            raise NotFound(what="staff_user", id=user_id)
        return actor_of(user)
