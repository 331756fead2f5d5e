"""Login, lock-out and staff accounts.

Passwords are argon2id hashes (argon2-cffi). Five failed attempts lock an account for
15 minutes; the counter resets on a successful login.
"""

from __future__ import annotations

import datetime as dt
import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select

from app.clock import utcnow
from app.errors import AccountLocked, FieldError, LoginFailed, NotFound, ValidationFailed
from app.permissions import Action, require
from app.services.dto import Actor, StaffDTO
from db.models import Role, StaffRole, StaffUser
from db.uow import UnitOfWork

MAX_FAILED_LOGINS = 5
LOCKOUT = dt.timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 8
USERNAME_RE = re.compile(r"^[A-Za-z0-9_.\-]{2,64}$")

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def _verify(hash_: str, password: str) -> bool:
    try:
        return _hasher.verify(hash_, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


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
    )


def login(uow: UnitOfWork, *, username: str, password: str, now: dt.datetime | None = None) -> Actor:
    """Check the password; count failures; lock after MAX_FAILED_LOGINS for LOCKOUT."""
    now = now or utcnow()
    with uow:
        user = uow.session.scalar(
            select(StaffUser).where(func.lower(StaffUser.username) == (username or "").strip().lower())
        )
        if user is None or not user.active:
            # Same error as a wrong password: do not reveal which usernames exist.
            _hasher.hash("timing-equaliser")
            raise LoginFailed()
        if user.locked_until and user.locked_until > now:
            raise AccountLocked(until=user.locked_until.isoformat(timespec="minutes"))
        if not _verify(user.password_hash, password or ""):
            user.failed_logins += 1
            locked = user.failed_logins >= MAX_FAILED_LOGINS
            if locked:
                user.locked_until = now + LOCKOUT
                user.failed_logins = 0
            uow.commit()
            if locked:
                raise AccountLocked(until=user.locked_until.isoformat(timespec="minutes"))
            raise LoginFailed(remaining=MAX_FAILED_LOGINS - user.failed_logins)
        user.failed_logins = 0
        user.locked_until = None
        user.last_login_at = now
        if _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        uow.commit()
        return actor_of(user)


def validate_new_user(*, username: str, full_name: str, password: str, roles) -> list[FieldError]:
    errors: list[FieldError] = []
    if not USERNAME_RE.match(username or ""):
        errors.append(FieldError("username", "username_format"))
    if not (full_name or "").strip():
        errors.append(FieldError("full_name", "required"))
    if len(password or "") < MIN_PASSWORD_LENGTH:
        errors.append(FieldError("password", "password_too_short", {"min": MIN_PASSWORD_LENGTH}))
    if not roles:
        errors.append(FieldError("roles", "required"))
    else:
        try:
            [Role(r) for r in roles]
        except ValueError:
            errors.append(FieldError("roles", "unknown_role"))
    return errors


def _insert_user(uow: UnitOfWork, *, username, full_name, password, roles, staff_no="",
                 licence_first_issued=None, pdi_certificate_no=None, pdi_certificate_expiry=None,
                 must_change_password=False) -> StaffUser:
    errors = validate_new_user(username=username, full_name=full_name, password=password, roles=roles)
    if not errors and uow.session.scalar(
        select(StaffUser.id).where(func.lower(StaffUser.username) == username.strip().lower())
    ):
        errors.append(FieldError("username", "username_taken"))
    if errors:
        raise ValidationFailed(errors)
    user = StaffUser(
        username=username.strip(),
        full_name=full_name.strip(),
        staff_no=staff_no or "",
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


def create_user(uow: UnitOfWork, *, actor: Actor, username: str, full_name: str, password: str,
                roles, staff_no: str = "", licence_first_issued: dt.date | None = None,
                pdi_certificate_no: str | None = None,
                pdi_certificate_expiry: dt.date | None = None) -> StaffDTO:
    require(actor, Action.MANAGE_USERS)
    with uow:
        user = _insert_user(
            uow, username=username, full_name=full_name, password=password, roles=roles,
            staff_no=staff_no, licence_first_issued=licence_first_issued,
            pdi_certificate_no=pdi_certificate_no, pdi_certificate_expiry=pdi_certificate_expiry,
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
