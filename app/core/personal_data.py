"""Personal numbers at rest and on screen: ID, passport, driving-licence numbers (PIPL; issue #9).

A number is stored only as an AES-GCM blob (`seal`) under the terminal's "personal" key file,
which lives outside the database (app/core/keys.py), next to a masked form for screens and
non-legal printouts (`mask`: **************1234) and a keyed fingerprint (`fingerprint`) that
finds a returning customer's record without decrypting every row. The raw database file and
its backups therefore never contain a number in clear.

`field` is bound into each blob as associated data, so a blob copied from one column into
another (say a licence number pasted over an ID number) fails to decrypt instead of silently
showing the wrong number.
"""

from __future__ import annotations

import hashlib
import hmac

from app.core import keys

PERSONAL = "personal"
# 18-character numbers whose first 6 digits are one fixed code (GB/T 2260 71; the 2018
# residence permits for Hong Kong, Macao and Taiwan residents, 81/82/83 + 0000).
ONE_REGION_PREFIXES = ("71", "81", "82", "83")


def seal(value: str, *, field: str) -> bytes:
    """Encrypt `value` for the column `field` (e.g. "test_drive_customer.id_number")."""
    return keys.encrypt(value.encode("utf-8"), aad=field.encode("utf-8"), name=PERSONAL)


def unseal(blob: bytes, *, field: str) -> str:
    """Decrypt a blob made by `seal` for the same `field`; raises encryption_key_unavailable."""
    return keys.decrypt(blob, aad=field.encode("utf-8"), name=PERSONAL).decode("utf-8")


def mask(value: str) -> str:
    """**************1234 for an 18-character ID: only the end is shown (issue #15.1).

    The first digits of a resident ID are its region code and the middle ones the birth date;
    showing the first four (3101...) left a backup with ~100 candidates per number, and the
    check character cut them to 1-2. With the last 4 alone, and no birth date in clear (see
    docs/privacy.md "Personal numbers" for the count), at least 10,000 candidates remain.
    12 characters or more keep the last 4 (8 or more hidden); 6 to 11 keep the last 2 (4 or
    more hidden, 10,000 values even for digits only); shorter numbers are hidden entirely.
    The residence permits of Hong Kong, Macao and Taiwan residents (810000, 820000, 830000)
    have a single region code, so they keep the last 2 only."""
    value = (value or "").strip()
    n = len(value)
    keep = 4 if n >= 12 else 2 if n >= 6 else 0
    if n == 18 and value[:2] in ONE_REGION_PREFIXES:
        keep = 2  # the region is one known code: two more hidden digits make up for it
    return "*" * (n - keep) + value[n - keep :]


def seal_with(key: bytes, value: str, *, field: str) -> bytes:
    """`seal` under explicit key bytes (key rotation, app/privacy/personal_key.py)."""
    return keys.encrypt_with(key, value.encode("utf-8"), aad=field.encode("utf-8"))


def fingerprint(value: str, *, field: str) -> str:
    """A keyed hash for equality look-ups (hex); useless without the key file."""
    return fingerprint_with(keys.load_or_create_key(PERSONAL), value, field=field)


def fingerprint_with(key: bytes, value: str, *, field: str) -> str:
    mac = hmac.new(key, field.encode("utf-8") + b"\x00" + value.strip().upper().encode("utf-8"), hashlib.sha256)
    return mac.hexdigest()
