"""Test-drive rules (试乘试驾, T/CSCA 120031-2023 4.2.4; domain_reference §5.3, §5.5): pure
functions, no I/O. The services call them and turn their codes into FieldErrors.

  plates       blue 7-character and green 8-character NEV plates (§5.5); letters outside the
               usual pattern are a warning, not a refusal (cities differ);
  licences     which classes may drive a normal passenger car (§5.3), C2 automatic only;
  escort       at least 3 years since the licence was first issued (4.2.4.4);
  fleet        what makes a car unfit to book or dispatch (4.2.4.8: papers, maintenance) and
               what expires or falls due soon;
  weather      conditions in which a drive is advised against (4.2.4.7);
  slots        the half-hour booking grid of the calendar.
"""

from __future__ import annotations

import datetime as dt
import re

PROVINCES = "京津沪渝冀晋蒙辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川贵云藏陕甘青宁新"
_P = f"[{PROVINCES}]"
BLUE_PLATE = re.compile(rf"^{_P}[A-HJ-NP-Z][A-HJ-NP-Z0-9]{{5}}$")
SMALL_NEV_PLATE = re.compile(rf"^{_P}[A-HJ-NP-Z][DF][A-HJ-NP-Z0-9]\d{{4}}$")
LARGE_NEV_PLATE = re.compile(rf"^{_P}[A-HJ-NP-Z]\d{{5}}[DF]$")
# The loose shape a plate must have at all: province, a letter, then 5 or 6 letters/digits.
ANY_PLATE = re.compile(rf"^{_P}[A-Z][A-Z0-9]{{5,6}}$")

TRANSMISSIONS = ("automatic", "manual")

# §5.3: A1/A2/A3/B1/B2 include C1; C1 drives manual and automatic cars; C2 automatic only.
LICENCE_CLASSES_OK = ("A1", "A2", "A3", "B1", "B2", "C1", "C2")
LICENCE_CLASSES_REFUSED = ("C3", "C4", "C5", "C6", "D", "E", "F", "M", "N", "P")
LICENCE_CLASSES = LICENCE_CLASSES_OK + LICENCE_CLASSES_REFUSED
ID_TYPES = ("resident_id", "passport", "other_permit")

MIN_AGE = 18  # §5.3, art. 14: C1/C2 from 18
ESCORT_YEARS = 3  # 4.2.4.4
WARN_DAYS = 30  # the fleet page warns this many days before an expiry (issue #6.2)

# 4.2.4.7: 暴风雨, 大雨, 大雪, 大雾 — a drive is advised against; a manager may override.
WEATHER = ("fine", "cloudy", "light_rain", "storm", "heavy_rain", "heavy_snow", "dense_fog")
SEVERE_WEATHER = frozenset({"storm", "heavy_rain", "heavy_snow", "dense_fog"})

# 4.2.4.6: the car's condition and its signs, checked before every departure.
CHECK_ITEMS = ("lights", "tyres", "energy", "signage", "warning_signs")

SLOT_MINUTES = 30
MIN_DRIVE_MINUTES, MAX_DRIVE_MINUTES = 15, 180


def normalize_plate(raw: str) -> str:
    return re.sub(r"[\s·.\-]", "", raw or "").upper()


def plate_problems(plate: str, powertrain: str | None) -> tuple[str | None, list[str]]:
    """(error code or None, warning codes) for a plate (§5.5). A plate without a province,
    or of the wrong length, is refused; unusual serial letters and a plate colour that does
    not suit the powertrain are only warnings (some cities use letters beyond D/F)."""
    if not plate:
        return "required", []
    if not ANY_PLATE.match(plate):
        return "plate_format", []
    warnings: list[str] = []
    nev = powertrain in ("BEV", "PHEV")
    if len(plate) == 7:
        if not BLUE_PLATE.match(plate):
            warnings.append("plate_unusual")
        if nev:
            warnings.append("plate_nev_expected")
    else:
        if not (SMALL_NEV_PLATE.match(plate) or LARGE_NEV_PLATE.match(plate)):
            warnings.append("plate_unusual")
        if powertrain is not None and not nev:
            warnings.append("plate_nev_unexpected")
    return None, warnings


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def licence_class_problem(licence_class: str, transmission: str) -> str | None:
    """None when the class may drive this car; else the refusal code (§5.3)."""
    if licence_class not in LICENCE_CLASSES:
        return "unknown_value"
    if licence_class not in LICENCE_CLASSES_OK:
        return "licence_class_not_allowed"
    if licence_class == "C2" and transmission == "manual":
        return "licence_c2_manual"
    return None


def escort_problem(licence_first_issued: dt.date | None, day: dt.date) -> str | None:
    """4.2.4.4: the escort has driven at least three years on the day of the drive."""
    if licence_first_issued is None:
        return "escort_licence_unknown"
    if add_years(licence_first_issued, ESCORT_YEARS) > day:
        return "escort_too_inexperienced"
    return None


FLEET_DATES = ("compulsory_insurance_until", "commercial_insurance_until", "inspection_until")
# 4.2.4.8 "maintained": the day the next maintenance is due. None (a car registered before it
# was asked for, migration 0016) is unknown, and unknown is unfit: nobody vouches for the car.
MAINTENANCE_DUE = "maintenance_due"


def fleet_problems(car, day: dt.date) -> list[str]:
    """What stops this fleet car from being booked or dispatched on `day` (4.2.4.8, 4.2.4.6).
    `car` has the TestDriveCar attributes (ORM row or DTO)."""
    out = []
    if not car.active:
        out.append("car_inactive")
    for name in FLEET_DATES:
        if getattr(car, name) < day:
            out.append(f"{name}_expired")
    due = getattr(car, MAINTENANCE_DUE)
    if due is None:
        out.append("maintenance_due_missing")
    elif due < day:
        out.append("maintenance_overdue")
    if not car.occupant_liability:
        out.append("occupant_liability_missing")
    if not car.signage_confirmed:
        out.append("signage_not_confirmed")
    return out


def fleet_warnings(car, today: dt.date) -> list[tuple[str, dt.date]]:
    """(date field, expiry) for each insurance, inspection or maintenance due within WARN_DAYS
    (or already past), soonest first."""
    soon = today + dt.timedelta(days=WARN_DAYS)
    dates = [(name, getattr(car, name)) for name in (*FLEET_DATES, MAINTENANCE_DUE)]
    found = [(name, day) for name, day in dates if day is not None and day <= soon]
    return sorted(found, key=lambda x: x[1])


def slot_floor(moment: dt.datetime) -> dt.datetime:
    return moment.replace(minute=moment.minute - moment.minute % SLOT_MINUTES, second=0, microsecond=0)


def slots_between(start: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
    """Every half-hour slot that [start, end) touches: a drive holds each of them."""
    out, slot = [], slot_floor(start)
    while slot < end:
        out.append(slot)
        slot += dt.timedelta(minutes=SLOT_MINUTES)
    return out
