"""Staff passwords: argon2id hashing and the strength rule for a new or changed password.

Issue #9 (item 5, T/CSCA 120031 4.2.3.2 "protect personal information"): at least 8
characters of at least two kinds (letters, digits, other signs), not the username and not a
well-known password. app/staff/auth.py applies it at login, change and reset.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from app.core.errors import FieldError

MIN_PASSWORD_LENGTH = 8
MIN_PASSWORD_KINDS = 2
# The most common passwords in Chinese and English leaks that pass the length and kinds rule.
COMMON_PASSWORDS = frozenset(
    {
        "password1",
        "password123",
        "passw0rd",
        "p@ssw0rd",
        "p@ssword",
        "qwerty123",
        "qwer1234",
        "abc12345",
        "abcd1234",
        "a1234567",
        "a12345678",
        "1234qwer",
        "1qaz2wsx",
        "zxcvbnm1",
        "iloveyou1",
        "woaini1314",
        "woaini520",
        "admin123",
        "aa123456",
        "q1w2e3r4",
        "1q2w3e4r",
        "showroom1",
        "12345678a",
        "123456789a",
    }
)
# argon2id with OWASP's recommended parameters (19 MiB, 2 passes, 1 lane; Password Storage
# Cheat Sheet) rather than the library's 64 MiB default: a login must fit a showroom PC's
# memory budget (issue #17: the 64 MiB check set the app's peak), and brute force is already
# bounded by the lock-out (5 tries, issue #15.8). Hashes made with other parameters are
# re-made with these at their owner's next login (needs_rehash).
ARGON2_MEMORY_KIB = 19 * 1024
ARGON2_PASSES = 2
ARGON2_LANES = 1
_hasher = PasswordHasher(time_cost=ARGON2_PASSES, memory_cost=ARGON2_MEMORY_KIB, parallelism=ARGON2_LANES)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def needs_rehash(hash_: str) -> bool:
    """True for a hash made with weaker parameters than today's (re-hashed at the next login)."""
    return _hasher.check_needs_rehash(hash_)


def verify(hash_: str, password: str) -> bool:
    try:
        return _hasher.verify(hash_, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def password_problems(password: str, *, username: str = "", field: str = "password") -> list[FieldError]:
    """The strength rule for a new or changed password (one message, the first that applies)."""
    password = password or ""
    if len(password) < MIN_PASSWORD_LENGTH:
        return [FieldError(field, "password_too_short", {"min": MIN_PASSWORD_LENGTH})]
    kinds = sum(
        (any(c.isalpha() for c in password), any(c.isdigit() for c in password), any(not c.isalnum() for c in password))
    )
    if kinds < MIN_PASSWORD_KINDS:
        return [FieldError(field, "password_too_simple", {"min": MIN_PASSWORD_LENGTH})]
    if password.strip().lower() == (username or "").strip().lower():
        return [FieldError(field, "password_is_username")]
    if password.lower() in COMMON_PASSWORDS:
        return [FieldError(field, "password_too_common")]
    return []
