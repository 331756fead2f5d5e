"""Test-drive rules without a database (domain_reference §5.3, §5.5; T/CSCA 120031 4.2.4)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from app.test_drives.rules import (
    add_years,
    age_on,
    escort_problem,
    fleet_problems,
    fleet_warnings,
    licence_class_problem,
    normalize_plate,
    plate_problems,
    slots_between,
)


@pytest.mark.parametrize(
    "plate, powertrain, expected",
    [
        ("沪A12345", "ICE", (None, [])),
        ("沪AD12345", "BEV", (None, [])),  # small green NEV plate, D = pure electric
        ("沪AF12345", "PHEV", (None, [])),  # F = not purely electric
        ("沪A12345D", "BEV", (None, [])),  # large NEV plate
        ("沪AK12345", "PHEV", (None, ["plate_unusual"])),  # letters beyond D/F: warn only
        ("沪AI2345", "ICE", (None, ["plate_unusual"])),  # I is not used on plates
        ("沪A12345", "BEV", (None, ["plate_nev_expected"])),
        ("沪AD12345", "ICE", (None, ["plate_nev_unexpected"])),
        ("AB12345", "ICE", ("plate_format", [])),  # no province
        ("沪A1234", "ICE", ("plate_format", [])),  # too short
        ("", "ICE", ("required", [])),
    ],
)
def test_plates_blue_and_green_5_5(plate, powertrain, expected):
    assert plate_problems(normalize_plate(plate), powertrain) == expected


def test_plate_input_is_normalised():
    assert normalize_plate(" 沪a·12 345 ") == "沪A12345"


@pytest.mark.parametrize(
    "cls, transmission, code",
    [
        ("C1", "manual", None),
        ("C2", "automatic", None),
        ("C2", "manual", "licence_c2_manual"),
        ("A1", "manual", None),
        ("B2", "manual", None),
        ("C3", "automatic", "licence_class_not_allowed"),
        ("D", "automatic", "licence_class_not_allowed"),
        ("X9", "automatic", "unknown_value"),
    ],
)
def test_licence_classes_5_3(cls, transmission, code):
    assert licence_class_problem(cls, transmission) == code


def test_escort_needs_three_full_years_4_2_4_4():
    day = dt.date(2026, 3, 10)
    assert escort_problem(dt.date(2023, 3, 10), day) is None
    assert escort_problem(dt.date(2023, 3, 11), day) == "escort_too_inexperienced"
    assert escort_problem(None, day) == "escort_licence_unknown"
    assert add_years(dt.date(2024, 2, 29), 3) == dt.date(2027, 2, 28)
    assert age_on(dt.date(2008, 3, 11), day) == 17 and age_on(dt.date(2008, 3, 10), day) == 18


def test_fleet_expiries_block_and_warn_30_days_ahead_4_2_4_8():
    day = dt.date(2026, 3, 10)
    car = SimpleNamespace(
        active=True,
        compulsory_insurance_until=dt.date(2026, 3, 9),
        commercial_insurance_until=dt.date(2026, 4, 1),
        inspection_until=dt.date(2027, 1, 1),
        maintenance_due=dt.date(2026, 3, 25),
        occupant_liability=True,
        signage_confirmed=False,
    )
    assert fleet_problems(car, day) == ["compulsory_insurance_until_expired", "signage_not_confirmed"]
    assert fleet_warnings(car, day) == [
        ("compulsory_insurance_until", dt.date(2026, 3, 9)),
        ("maintenance_due", dt.date(2026, 3, 25)),
        ("commercial_insurance_until", dt.date(2026, 4, 1)),
    ]


def test_maintenance_overdue_or_never_entered_blocks_4_2_4_8():
    day = dt.date(2026, 3, 10)
    papers = dict(
        active=True,
        compulsory_insurance_until=dt.date(2027, 1, 1),
        commercial_insurance_until=dt.date(2027, 1, 1),
        inspection_until=dt.date(2027, 1, 1),
        occupant_liability=True,
        signage_confirmed=True,
    )
    assert fleet_problems(SimpleNamespace(**papers, maintenance_due=day), day) == []  # due today: not yet overdue
    overdue = SimpleNamespace(**papers, maintenance_due=day - dt.timedelta(days=1))
    assert fleet_problems(overdue, day) == ["maintenance_overdue"]
    unknown = SimpleNamespace(**papers, maintenance_due=None)
    assert fleet_problems(unknown, day) == ["maintenance_due_missing"] and fleet_warnings(unknown, day) == []


def test_a_drive_holds_every_half_hour_it_touches():
    start = dt.datetime(2026, 3, 10, 2, 10)
    assert slots_between(start, start + dt.timedelta(minutes=30)) == [
        dt.datetime(2026, 3, 10, 2, 0),
        dt.datetime(2026, 3, 10, 2, 30),
    ]
