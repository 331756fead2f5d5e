"""Vehicle input rules (车辆信息校验): what a user or an import row may supply for a car.

The same checks hold for the vehicle dialog, the import and the CLI (domain_reference §5.2
for the VIN); vehicles.py applies them inside its use cases.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from app.core.clock import store_today
from app.core.validation import check_length, clean_line, clean_text, validate_vin
from app.core.errors import FieldError, ValidationFailed
from db.models import Powertrain, VehicleStatus

S = VehicleStatus


MIN_MODEL_YEAR = 1990
# The price columns are 32-bit integers of fen: at most ¥21,474,836.47 (PostgreSQL refuses more).
MAX_PRICE_FEN = 2**31 - 1


def initial_status_errors(status: str) -> list[FieldError]:
    """A car may enter the system (added or imported) in any status but sold or delivered: a
    car becomes sold only through its sales contract (4.3.3; 办法 art. 15) and delivered only
    through its handover, which holds the PDI gate (4.4.1, 4.4.2; issue #18.4). A sold car with
    no contract would be a sale with no buyer."""
    if status == S.SOLD.value:
        return [FieldError("status", "status_sold_by_contract")]
    if status == S.DELIVERED.value:
        return [FieldError("status", "initial_status_delivered")]
    return []


@dataclass
class VehicleInput:
    """What a user or an import row supplies for a vehicle, already typed (prices in fen)."""

    vin: str
    brand: str
    model: str
    model_year: int
    powertrain: str
    guide_price_fen: int
    price_fen: int
    trim: str = ""
    exterior_color: str = ""
    interior_color: str = ""
    configuration: list[str] = field(default_factory=list)
    power_kw: int | None = None
    accel_0_100_s: float | None = None
    fuel_l_per_100km: float | None = None
    range_km: int | None = None
    battery_kwh: float | None = None
    fast_charge_minutes: int | None = None
    slow_charge_hours: float | None = None
    production_date: dt.date | None = None
    status: str = S.IN_STOCK.value
    defect_notes: str = ""
    repair_notes: str = ""
    notes: str = ""


_TEXT_FIELDS = ("brand", "model", "trim", "exterior_color", "interior_color", "defect_notes", "repair_notes", "notes")
# Too long is said, never cut (issue #17.3); the one-line fields fit their columns.
TEXT_LIMITS = {
    "brand": 60,
    "model": 80,
    "trim": 120,
    "exterior_color": 40,
    "interior_color": 40,
    "defect_notes": 2000,
    "repair_notes": 2000,
    "notes": 2000,
}
_NOTE_FIELDS = ("defect_notes", "repair_notes", "notes")
MAX_CONFIGURATION_ITEM = 200


def clean_vehicle_value(name: str, value):
    """A text field as stored (issue #17.3): names and colours on one line, notes keep their
    lines, configuration items one line each and no empty ones; anything else unchanged."""
    if name == "configuration":
        return [item for item in (clean_line(c) for c in value or [] if isinstance(c, str)) if item]
    if name in _NOTE_FIELDS and isinstance(value, str):
        return clean_text(value)
    return clean_line(value) if isinstance(value, str) else value


_NUMBER_FIELDS = (
    "power_kw",
    "accel_0_100_s",
    "fuel_l_per_100km",
    "range_km",
    "battery_kwh",
    "fast_charge_minutes",
    "slow_charge_hours",
)


def _typed(data: VehicleInput, errors: list[FieldError]) -> VehicleInput:
    """Refuse values of the wrong type field by field (a caller's bug, or a cell read as the
    wrong kind) and blank them, so the checks below see only what they expect (issue #8.6)."""
    bad: dict = {}
    for name in _TEXT_FIELDS:
        if not isinstance(getattr(data, name), (str, type(None))):
            errors.append(FieldError(name, "unknown_value"))
            bad[name] = ""
    for name in _NUMBER_FIELDS:
        value = getattr(data, name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
            errors.append(FieldError(name, "number_format"))
            bad[name] = None
    if data.production_date is not None and not isinstance(data.production_date, dt.date):
        errors.append(FieldError("production_date", "date_format"))
        bad["production_date"] = None
    if not isinstance(data.configuration, (list, tuple)) or not all(
        isinstance(item, str) for item in data.configuration
    ):
        errors.append(FieldError("configuration", "unknown_value"))
        bad["configuration"] = []
    return replace(data, **bad) if bad else data


def validate_vehicle_input(data: VehicleInput, today: dt.date | None = None) -> tuple[str, bool, list[FieldError]]:
    """Check every field; return (normalised VIN, check digit ok, errors). Writes nothing."""
    today = today or store_today()  # the store's day (Shanghai), as the date fields offer it
    errors: list[FieldError] = []
    data = _typed(data, errors)
    data = replace(
        data, **{name: clean_vehicle_value(name, getattr(data, name)) for name in (*TEXT_LIMITS, "configuration")}
    )
    vin, checksum_ok = "", True
    try:
        vin, checksum_ok = validate_vin(data.vin)
    except ValidationFailed as e:
        errors.extend(e.errors)
    for name in ("brand", "model"):
        if not getattr(data, name):
            errors.append(FieldError(name, "required"))
    for name, limit in TEXT_LIMITS.items():
        check_length(getattr(data, name) or "", name, limit, errors)
    if not isinstance(data.model_year, int) or not MIN_MODEL_YEAR <= data.model_year <= today.year + 2:
        errors.append(FieldError("model_year", "out_of_range", {"min": MIN_MODEL_YEAR, "max": today.year + 2}))
    try:
        Powertrain(data.powertrain)
    except ValueError:
        errors.append(FieldError("powertrain", "unknown_value"))
    try:
        S(data.status)
    except ValueError:
        errors.append(FieldError("status", "unknown_value"))
    for name in ("guide_price_fen", "price_fen"):
        value = getattr(data, name)
        if not isinstance(value, int) or value <= 0:
            errors.append(FieldError(name, "must_be_positive"))
        elif value > MAX_PRICE_FEN:
            errors.append(FieldError(name, "number_too_large"))
    for name, hi in (
        ("power_kw", 2000),
        ("accel_0_100_s", 60),
        ("fuel_l_per_100km", 50),
        ("range_km", 3000),
        ("battery_kwh", 300),
        ("fast_charge_minutes", 1440),
        ("slow_charge_hours", 200),
    ):
        value = getattr(data, name)
        if value is not None and not (0 < value <= hi):
            errors.append(FieldError(name, "out_of_range", {"min": 0, "max": hi}))
    if data.production_date and data.production_date > today:
        errors.append(FieldError("production_date", "in_future"))
    longest = max(data.configuration, key=len, default="")
    check_length(longest, "configuration", MAX_CONFIGURATION_ITEM, errors)
    # Files carry the list semicolon-separated: an item with a semicolon would split on re-import.
    if any(";" in item or "；" in item for item in data.configuration):
        errors.append(FieldError("configuration", "configuration_separator"))
    return vin, checksum_ok, errors
