"""The buyer's identity on the sales contract (购车合同 买受人证件; T/CSCA 120031-2023 4.3.3;
办法 art. 15; domain_reference §4.1, §5): which document, and whether its number can be real.

ID types and how each number is checked:
  resident_id          居民身份证: python-stdnum cn.ric (length, birth date, region, GB 11643 check)
  business_licence     营业执照 (a company buys): stdnum cn.uscc, the 18-character 统一社会信用代码
  passport             护照: 5-20 letters and digits (foreign passports have no common check)
  residence_permit     港澳台居民居住证: 18 digits starting 810000/820000/830000, the GB 11643
                       check character and a real birth date (the resident ID's layout, 2018)
  permanent_residence  外国人永久居留身份证: the 2023 form, 18 digits starting with 9 and the
                       GB 11643 check character; or the older 15-character form, 3 letters
                       (country) and 12 digits

`normalise_id` returns the number as stored (upper case, no spaces) or raises ValidationFailed
with a code the contract form shows beside the number field. The number is then sealed, masked
and fingerprinted by the contract (app/core/personal_data.py, field "contract.buyer_id").
"""

from __future__ import annotations

import re
from enum import StrEnum

from app.core.errors import FieldError, ValidationFailed


class IdType(StrEnum):
    RESIDENT_ID = "resident_id"
    BUSINESS_LICENCE = "business_licence"
    PASSPORT = "passport"
    RESIDENCE_PERMIT = "residence_permit"
    PERMANENT_RESIDENCE = "permanent_residence"


ID_TYPES = tuple(t.value for t in IdType)
_PASSPORT = re.compile(r"[A-Z0-9]{5,20}", re.ASCII)
_PERMIT = re.compile(r"8[123]0000\d{11}[\dX]", re.ASCII)
_NEW_PERMANENT = re.compile(r"9\d{16}[\dX]", re.ASCII)
_OLD_PERMANENT = re.compile(r"[A-Z]{3}\d{12}", re.ASCII)


def _compact(raw: str | None) -> str:
    # Full-width digits typed with a Chinese input method count as digits (issue #17.3).
    text = (raw or "").translate({0xFF10 + i: ord("0") + i for i in range(10)})
    text = text.translate({0xFF21 + i: ord("A") + i for i in range(26)})
    text = text.translate({0xFF41 + i: ord("a") + i for i in range(26)})
    return re.sub(r"[\s\-]", "", text).upper()


def _fail(field: str, code: str) -> ValidationFailed:
    return ValidationFailed([FieldError(field, code)])


# python-stdnum (~1.5 MB) is imported where an ID is checked, not with the sales part, which
# the Finance page loads (issue #17, peak memory).


def _resident_id(number: str, field: str) -> str:
    from stdnum import exceptions as std_errors
    from stdnum.cn import ric

    try:
        return ric.validate(number)
    except std_errors.InvalidLength:
        raise _fail(field, "ric_length") from None
    except std_errors.InvalidChecksum:
        raise _fail(field, "ric_checksum") from None
    except std_errors.InvalidComponent:
        raise _fail(field, "ric_birth_date_or_region") from None
    except std_errors.ValidationError:
        raise _fail(field, "ric_format") from None


def _business_licence(number: str, field: str) -> str:
    from stdnum import exceptions as std_errors
    from stdnum.cn import uscc

    try:
        return uscc.validate(number)
    except std_errors.InvalidLength:
        raise _fail(field, "uscc_length") from None
    except std_errors.InvalidChecksum:
        raise _fail(field, "uscc_checksum") from None
    except std_errors.ValidationError:
        raise _fail(field, "uscc_format") from None


def _gb11643_checked(number: str, field: str, prefix_code: str) -> str:
    """The resident-ID layout of the 2018 permits and the 2023 permanent residence card: the
    check character (and, for the permits, a real birth date)."""
    from stdnum.cn import ric

    if ric.calc_check_digit(number) != number[-1]:
        raise _fail(field, f"{prefix_code}_checksum")
    return number


def _residence_permit(number: str, field: str) -> str:
    if not _PERMIT.fullmatch(number):
        raise _fail(field, "residence_permit_format")
    _gb11643_checked(number, field, "residence_permit")
    from stdnum import exceptions as std_errors
    from stdnum.cn import ric

    try:
        ric.get_birth_date(number)
    except std_errors.ValidationError:
        raise _fail(field, "residence_permit_birth_date") from None
    return number


def _permanent_residence(number: str, field: str) -> str:
    if _OLD_PERMANENT.fullmatch(number):
        return number
    if not _NEW_PERMANENT.fullmatch(number):
        raise _fail(field, "permanent_residence_format")
    return _gb11643_checked(number, field, "permanent_residence")


def _passport(number: str, field: str) -> str:
    if not _PASSPORT.fullmatch(number):
        raise _fail(field, "passport_format")
    return number


_CHECKS = {
    IdType.RESIDENT_ID: _resident_id,
    IdType.BUSINESS_LICENCE: _business_licence,
    IdType.PASSPORT: _passport,
    IdType.RESIDENCE_PERMIT: _residence_permit,
    IdType.PERMANENT_RESIDENCE: _permanent_residence,
}


def normalise_id(id_type: str, raw: str | None, *, field: str = "buyer_id", type_field: str = "buyer_id_type") -> str:
    """The number as stored (upper case, no spaces or dashes), checked for its `id_type`;
    ValidationFailed naming `type_field` (unknown type) or `field` (bad number) otherwise."""
    if id_type not in ID_TYPES:
        raise _fail(type_field, "unknown_value")
    number = _compact(raw)
    if not number:
        raise _fail(field, "required")
    return _CHECKS[IdType(id_type)](number, field)
