"""User-facing messages for Test drives (issue #6), keyed by ShowroomError / FieldError code."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP  # (context "Errors", like ui/shell/errors.py)

# Shown beside the field (or, for the start interlocks, in the wizard's checklist).
FIELD_MESSAGES: dict[str, str] = {
    # routes and fleet (4.2.4.3, 4.2.4.8)
    "route_name_taken": QT_TRANSLATE_NOOP("Errors", "Another route already has this name."),
    "file_too_large": QT_TRANSLATE_NOOP("Errors", "The file is too large (at most {max_mb} MB)."),
    "no_active_routes": QT_TRANSLATE_NOOP("Errors", "There is no active route to publish."),
    "not_fleet_vehicle": QT_TRANSLATE_NOOP(
        "Errors", "Only a car in the status Test-drive fleet can be registered in the fleet."
    ),
    "plate_format": QT_TRANSLATE_NOOP(
        "Errors", "Enter a plate such as 沪A12345 (blue) or 沪AD12345 (green NEV plate)."
    ),
    "plate_taken": QT_TRANSLATE_NOOP("Errors", "Another fleet car already has this plate."),
    "already_in_fleet": QT_TRANSLATE_NOOP("Errors", "This car is already in the fleet register."),
    "plate_unusual": QT_TRANSLATE_NOOP("Errors", "Unusual plate letters: please check the plate."),
    "plate_nev_expected": QT_TRANSLATE_NOOP("Errors", "A new-energy car usually has a green 8-character plate."),
    "plate_nev_unexpected": QT_TRANSLATE_NOOP("Errors", "An 8-character green plate is for new-energy cars."),
    "compulsory_insurance_until_expired": QT_TRANSLATE_NOOP(
        "Errors", "The car's compulsory insurance (交强险) has expired."
    ),
    "commercial_insurance_until_expired": QT_TRANSLATE_NOOP(
        "Errors", "The car's commercial third-party insurance has expired."
    ),
    "inspection_until_expired": QT_TRANSLATE_NOOP("Errors", "The car's annual inspection has expired."),
    "maintenance_overdue": QT_TRANSLATE_NOOP(
        "Errors", "The car is overdue for maintenance: have it serviced and enter the next due date first."
    ),
    "maintenance_due_missing": QT_TRANSLATE_NOOP(
        "Errors", "The car's next maintenance due date is not in the fleet register: a sales manager enters it first."
    ),
    "occupant_liability_missing": QT_TRANSLATE_NOOP(
        "Errors", "The car's insurance does not include occupant liability (车上人员责任险)."
    ),
    "signage_not_confirmed": QT_TRANSLATE_NOOP("Errors", "The test-drive signage on the car has not been confirmed."),
    "car_inactive": QT_TRANSLATE_NOOP("Errors", "This car has been taken out of the test-drive fleet."),
    # booking
    "route_inactive": QT_TRANSLATE_NOOP("Errors", "This route is no longer active."),
    "slot_taken": QT_TRANSLATE_NOOP("Errors", "The car is already booked at this time. Choose another time or car."),
    "no_free_slot": QT_TRANSLATE_NOOP("Errors", "The car has no free time in the next 12 hours."),
    "walk_in_not_free_now": QT_TRANSLATE_NOOP(
        "Errors", "The car is not free now: its next free time is {start}–{end}. Book that time or another car."
    ),
    # qualification (4.2.4.2)
    "id_consent_required": QT_TRANSLATE_NOOP(
        "Errors", "The customer's separate consent to processing the ID and licence numbers is needed first."
    ),
    "id_number_format": QT_TRANSLATE_NOOP("Errors", "Enter the document number: 5 to 20 letters and digits."),
    "driver_under_18": QT_TRANSLATE_NOOP("Errors", "The driver must be at least 18 years old."),
    "foreign_permit_required": QT_TRANSLATE_NOOP(
        "Errors", "A foreign licence holder needs a temporary driving permit (number and valid-until date)."
    ),
    "permit_expired": QT_TRANSLATE_NOOP("Errors", "The temporary driving permit has expired."),
    "licence_number_mismatch": QT_TRANSLATE_NOOP(
        "Errors", "A Chinese driving licence number is the holder's ID number; they differ."
    ),
    "licence_class_not_allowed": QT_TRANSLATE_NOOP(
        "Errors", "This licence class does not allow driving a passenger car (C1, C2, A1–A3, B1, B2 do)."
    ),
    "licence_c2_manual": QT_TRANSLATE_NOOP("Errors", "A C2 licence allows automatic cars only; this car is manual."),
    "licence_expired": QT_TRANSLATE_NOOP("Errors", "The driving licence has expired."),
    "qualification_missing": QT_TRANSLATE_NOOP(
        "Errors", "The customer's ID and driving licence have not been checked."
    ),
    # escort (4.2.4.4)
    "escort_not_staff": QT_TRANSLATE_NOOP("Errors", "Choose an active sales consultant or sales manager."),
    "escort_licence_unknown": QT_TRANSLATE_NOOP("Errors", "The escort's licence first-issue date is not on record."),
    "escort_too_inexperienced": QT_TRANSLATE_NOOP(
        "Errors", "The escort needs at least 3 years since the licence was first issued."
    ),
    "escort_not_on_duty": QT_TRANSLATE_NOOP("Errors", "The escort is not on duty today."),
    "escort_busy": QT_TRANSLATE_NOOP("Errors", "The escort is out on another test drive."),
    "escort_missing": QT_TRANSLATE_NOOP("Errors", "No escort has been chosen."),
    "agreement_signed": QT_TRANSLATE_NOOP("Errors", "The agreement is already signed with this escort."),
    # before departure (4.2.4.5-4.2.4.7)
    "terms_not_confirmed": QT_TRANSLATE_NOOP("Errors", "The customer has not confirmed the route, distance and time."),
    "check_incomplete": QT_TRANSLATE_NOOP("Errors", "The pre-departure check is not complete."),
    "weather_missing": QT_TRANSLATE_NOOP("Errors", "The weather has not been recorded."),
    "weather_override_required": QT_TRANSLATE_NOOP(
        "Errors", "Test drives are advised against in this weather: a sales manager must override with a reason."
    ),
    "weather_not_severe": QT_TRANSLATE_NOOP("Errors", "The weather recorded needs no override."),
    "agreement_signatures_required": QT_TRANSLATE_NOOP("Errors", "The customer and the escort must both sign."),
    "agreement_missing": QT_TRANSLATE_NOOP("Errors", "The signed agreement is missing."),
    "agreement_voided": QT_TRANSLATE_NOOP("Errors", "The agreement has been voided; sign a new one."),
    "agreement_outdated": QT_TRANSLATE_NOOP(
        "Errors", "The booking changed after the agreement was signed; sign a new one."
    ),
    "car_in_use": QT_TRANSLATE_NOOP("Errors", "The car is still out on another test drive."),
    "outside_time_window": QT_TRANSLATE_NOOP(
        "Errors", "It is not the booked time of this drive (it may leave up to 30 minutes early)."
    ),
    # return
    "odometer_below_out": QT_TRANSLATE_NOOP(
        "Errors", "The odometer cannot be lower than at departure ({odometer_out} km)."
    ),
}

# Shown in a message box.
ERROR_MESSAGES: dict[str, str] = {
    "test_drive_blocked": QT_TRANSLATE_NOOP("Errors", "The test drive cannot start yet. Nothing was changed."),
    "test_drive_not_booked": QT_TRANSLATE_NOOP(
        "Errors", "This test drive has already left, returned or been cancelled."
    ),
    "test_drive_not_out": QT_TRANSLATE_NOOP("Errors", "This test drive is not out on the road."),
}
