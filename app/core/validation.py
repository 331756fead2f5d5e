"""Field validators (vininfo for VINs; resident IDs by GB 11643-1999 itself); domain_reference §5.

Each returns the normalised value or raises ValidationFailed with a FieldError code that the
UI translates. No I/O.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from vininfo import Vin
from vininfo.exceptions import ValidationError as VinValidationError

from app.core.clock import store_today
from app.core.errors import FieldError, ValidationFailed

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
        # NFKC turns what a Chinese input method types in full width (１３８…, ＬＳＶ…) into
        # ASCII. Other scripts' digits (Thai, Bengali…) stay as they are and are refused by the
        # ASCII-only patterns below: int() would read them, and a sealed ID must be the digits
        # printed on the card (CI found '14໗᥎০᥊…' accepted as a resident ID).
        return unicodedata.normalize("NFKC", raw)
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
RIC_RE = re.compile(r"^[1-9]\d{5}(18|19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dX]$", re.ASCII)
MOBILE_RE = re.compile(r"^1[3-9]\d{9}$", re.ASCII)


def validate_mobile(raw: str, field: str = "mobile") -> str:
    """Mainland mobile number (§5.4): strip spaces and +86/0086, then 1[3-9] + 9 digits."""
    s = normalize_mobile(_as_text(raw, field, "mobile_format"))
    if not s:
        raise _fail(field, "required")
    if not MOBILE_RE.match(s):
        raise _fail(field, "mobile_format")
    return s


# GB/T 2260 first two digits of a resident ID: the provinces, autonomous regions and
# municipalities of the current list, plus 71 (Taiwan, GB/T 2260) and 81/82/83, the prefixes of
# the residence permits for Hong Kong, Macao and Taiwan residents (港澳台居民居住证, 2018),
# which have the same 18-character form and check character (GB 11643-1999).
RIC_PROVINCES = frozenset(
    {
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
        "83",
    }
)
RIC_MAX_AGE = 130  # no holder is older; a birth year before that is a typing error
_RIC_SHAPE = re.compile(r"^\d{17}[\dX]$", re.ASCII)
_RIC_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))  # ISO 7064 MOD 11-2


def resident_id_check_character(body: str) -> str:
    """GB 11643-1999 §5.5 / ISO 7064 MOD 11-2 check character of the first 17 digits."""
    r = (12 - sum(int(c) * w for c, w in zip(body, _RIC_WEIGHTS)) % 11) % 11
    return "X" if r == 10 else str(r)


def resident_id_birth_date(number: str) -> dt.date:
    """The birth date, characters 7-14 (GB 11643-1999 §5.2); ValueError if not a real date."""
    return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def validate_resident_id(raw: str, field: str = "id_number", today: dt.date | None = None) -> str:
    """Chinese resident ID (GB 11643-1999, §5.1); 18 characters only. Checked: the shape, the
    province or municipality (first 2 digits) against the current GB/T 2260 list, a real birth
    date that is not in the future, and the check character.

    The county part (digits 3-6) is NOT checked against a list (issue #15.3): it names where
    the number was issued, codes are created and retired every year (Pudong New Area, 310115,
    exists since 1992, yet its residents born earlier hold 310115 numbers), and no list we could
    ship stays current. Refusing an unknown county refused real customers; the check character
    still catches typing errors there."""
    s = _as_text(raw, field, "ric_format").strip().upper()
    if not s:
        raise _fail(field, "required")
    if len(s) != 18:
        # 15-digit first-generation cards are no longer valid (domain_reference §5.1).
        raise _fail(field, "ric_length")
    if not _RIC_SHAPE.match(s):
        raise _fail(field, "ric_format")
    if s[:2] not in RIC_PROVINCES:
        raise _fail(field, "ric_region")
    today = today or store_today()  # the store's day (Shanghai), as the date fields offer it
    try:
        birth = resident_id_birth_date(s)
    except ValueError:
        raise _fail(field, "ric_birth_date") from None
    if birth > today or birth.year < today.year - RIC_MAX_AGE:
        raise _fail(field, "ric_birth_date")
    if resident_id_check_character(s[:17]) != s[17]:
        raise _fail(field, "ric_checksum")
    return s


def parse_yuan_to_fen(raw: str | int | float, field: str) -> int:
    """'189800', '189,800.00', '¥189800' -> 18980000 fen. Rejects negatives and junk."""
    if isinstance(raw, bool):
        raise _fail(field, "number_format")
    if isinstance(raw, int):
        value = raw * 100
    else:
        s = unicodedata.normalize("NFKC", str(raw)).strip().replace(",", "").replace("，", "").lstrip("¥￥").strip()
        if not s:
            raise _fail(field, "required")
        if not re.fullmatch(r"\d+(\.\d{1,2})?", s, re.ASCII):
            raise _fail(field, "number_format")
        whole, _, frac = s.partition(".")
        value = int(whole) * 100 + int((frac + "00")[:2])
    if value < 0:
        raise _fail(field, "number_format")
    if value > 100_000_000 * 100:  # nothing in a showroom costs more than ¥100 M
        raise _fail(field, "number_too_large")
    return value


# --- free text as typed or pasted (issue #17.3) ----------------------------------------------
_SPACES = re.compile(r"\s+")
_LINE_SPACES = re.compile(r"[^\S\n]+")  # whitespace other than a line break
_BLANK_LINES = re.compile(r"\n{3,}")


# Full-width letters and digits (ＡＢＣ１２３, typed with a Chinese input method) and their plain
# forms. Only these: full-width punctuation (，。（）：) is how Chinese is written, and NFKC would
# turn a legal name's "（上海）" or a note's "，" into ASCII (issue #17.3).
_FULL_WIDTH_ALNUM = (
    {0xFF10 + i: ord("0") + i for i in range(10)}
    | {0xFF21 + i: ord("A") + i for i in range(26)}
    | {0xFF41 + i: ord("a") + i for i in range(26)}
)


def _visible(text: str) -> str:
    """NFC, full-width letters and digits as plain ones (U+3000, the ideographic space, is
    whitespace for the callers), and no control or format characters: a zero-width space or a
    BOM pasted from a chat or a web page would make two equal names differ. Tabs and line
    breaks become spaces or stay as line breaks; the callers decide."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(
        ch if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cf") else (" " if ch.isspace() else "")
        for ch in text
    )
    # Composed after the format characters are gone, so cleaning twice changes nothing.
    return unicodedata.normalize("NFC", text).translate(_FULL_WIDTH_ALNUM)


def clean_line(raw: str | None) -> str:
    """A name or any one-line text as stored: every run of whitespace (line breaks, carriage
    returns, tabs, U+3000) becomes one space and the ends are stripped. '王\\r\\n 先生\\t' -> '王 先生'."""
    return _SPACES.sub(" ", _visible(raw or "")).strip()


def clean_text(raw: str | None) -> str:
    """Notes and other free text kept on several lines: line breaks stay (at most one blank
    line in a row), other whitespace runs become one space, each line and the whole are stripped."""
    lines = (_LINE_SPACES.sub(" ", line).strip() for line in _visible(raw or "").split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def check_length(value: str, field: str, limit: int, errors: list[FieldError]) -> str:
    """Too long is said, never cut (issue #17.3): adds a 'too_long' error with the limit."""
    if len(value) > limit:
        errors.append(FieldError(field, "too_long", {"max": limit, "length": len(value)}))
    return value
