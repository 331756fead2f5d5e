"""Field validators built on field-made libraries (vininfo, python-stdnum); domain_reference §5.

Each returns the normalised value or raises ValidationFailed with a FieldError code that the
UI translates. No I/O.
"""

from __future__ import annotations

import datetime as dt
import re

from stdnum.cn import ric
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength
from vininfo import Vin
from vininfo.exceptions import ValidationError as VinValidationError

from app.errors import FieldError, ValidationFailed

VIN_CHARSET = re.compile(r"^[A-HJ-NPR-Z0-9]{17}$")
_VIN_VALUES = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9))),
    **dict(zip("JKLMN", range(1, 6))),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10))),
}
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def _fail(field: str, code: str, **params) -> ValidationFailed:
    return ValidationFailed([FieldError(field, code, params)])


def _as_text(raw, field: str, code: str) -> str:
    """A cell or argument as text: whole numbers (a spreadsheet's mobile or ID column) become
    their digits; anything else that is not text is refused with the field's format error."""
    if raw is None:
        return ""
    if isinstance(raw, str):
        return raw
    if isinstance(raw, int) and not isinstance(raw, bool):
        return str(raw)
    raise _fail(field, code)


def normalize_vin(raw: str) -> str:
    return re.sub(r"[\s-]", "", raw or "").upper()


def vin_check_digit(vin: str) -> str:
    """ISO 3779 / GB 16735 check digit (position 9) for a 17-character VIN."""
    total = sum(_VIN_VALUES[c] * w for c, w in zip(vin, _VIN_WEIGHTS))
    r = total % 11
    return "X" if r == 10 else str(r)


def validate_vin(raw: str, field: str = "vin") -> tuple[str, bool]:
    """Return (normalised VIN, check digit ok). Length and charset are hard errors (§5.2);
    the check digit is reported, and the caller decides whether an override is on record."""
    vin = normalize_vin(_as_text(raw, field, "vin_charset"))
    if not vin:
        raise _fail(field, "required")
    if len(vin) != 17:
        raise _fail(field, "vin_length", length=len(vin))
    if not VIN_CHARSET.match(vin):
        raise _fail(field, "vin_charset")
    try:
        checksum_ok = bool(Vin(vin).verify_checksum())
    except VinValidationError:
        raise _fail(field, "vin_charset") from None
    return vin, checksum_ok


def normalize_mobile(raw: str) -> str:
    s = re.sub(r"[\s\-()]", "", raw or "")
    if s.startswith("+86"):
        s = s[3:]
    elif s.startswith("0086"):
        s = s[4:]
    return s


# domain_reference §5.1: address code, YYYYMMDD, sequence, check character.
RIC_RE = re.compile(r"^[1-9]\d{5}(18|19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dX]$")
MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")


def validate_mobile(raw: str, field: str = "mobile") -> str:
    """Mainland mobile number (§5.4): strip spaces and +86/0086, then 1[3-9] + 9 digits."""
    s = normalize_mobile(_as_text(raw, field, "mobile_format"))
    if not s:
        raise _fail(field, "required")
    if not MOBILE_RE.match(s):
        raise _fail(field, "mobile_format")
    return s


def validate_resident_id(raw: str, field: str = "id_number", today: dt.date | None = None) -> str:
    """Chinese resident ID (GB 11643-1999, §5.1) via python-stdnum cn.ric; 18 digits only."""
    s = _as_text(raw, field, "ric_format").strip().upper()
    if not s:
        raise _fail(field, "required")
    if len(s) != 18:
        # 15-digit first-generation cards are no longer valid (domain_reference §5.1).
        raise _fail(field, "ric_length")
    if not RIC_RE.match(s):
        raise _fail(field, "ric_format")
    try:
        s = ric.validate(s)
    except InvalidChecksum:
        raise _fail(field, "ric_checksum") from None
    except (InvalidFormat, InvalidComponent, InvalidLength):
        raise _fail(field, "ric_format") from None
    birth = ric.get_birth_date(s)
    if birth > (today or dt.date.today()):
        raise _fail(field, "ric_format")
    return s


def resident_id_birth_date(number: str) -> dt.date:
    return ric.get_birth_date(number)


def parse_yuan_to_fen(raw: str | int | float, field: str) -> int:
    """'189800', '189,800.00', '¥189800' -> 18980000 fen. Rejects negatives and junk."""
    if isinstance(raw, bool):
        raise _fail(field, "number_format")
    if isinstance(raw, int):
        value = raw * 100
    else:
        s = str(raw).strip().replace(",", "").replace("，", "").lstrip("¥￥").strip()
        if not s:
            raise _fail(field, "required")
        if not re.fullmatch(r"\d+(\.\d{1,2})?", s):
            raise _fail(field, "number_format")
        whole, _, frac = s.partition(".")
        value = int(whole) * 100 + int((frac + "00")[:2])
    if value < 0:
        raise _fail(field, "number_format")
    if value > 100_000_000 * 100:  # nothing in a showroom costs more than ¥100 M
        raise _fail(field, "number_too_large")
    return value
