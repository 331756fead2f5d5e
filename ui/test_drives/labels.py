"""Labels of the test-drive enums (issue #6): drive status, weather, ID document types,
pre-departure check items, transmissions, fleet paper fields. Context "Labels" (ui.shell.labels.label)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

DRIVE_STATUS = {
    "booked": QT_TRANSLATE_NOOP("Labels", "Booked"),
    "out": QT_TRANSLATE_NOOP("Labels", "Out on the road"),
    "returned": QT_TRANSLATE_NOOP("Labels", "Returned"),
    "cancelled": QT_TRANSLATE_NOOP("Labels", "Cancelled"),
}

# T/CSCA 120031 4.2.4.7: the last four are the conditions in which a drive is advised against.
WEATHER = {
    "fine": QT_TRANSLATE_NOOP("Labels", "Fine"),
    "cloudy": QT_TRANSLATE_NOOP("Labels", "Cloudy"),
    "light_rain": QT_TRANSLATE_NOOP("Labels", "Light rain"),
    "storm": QT_TRANSLATE_NOOP("Labels", "Storm"),
    "heavy_rain": QT_TRANSLATE_NOOP("Labels", "Heavy rain"),
    "heavy_snow": QT_TRANSLATE_NOOP("Labels", "Heavy snow"),
    "dense_fog": QT_TRANSLATE_NOOP("Labels", "Dense fog"),
}

ID_TYPE = {
    "resident_id": QT_TRANSLATE_NOOP("Labels", "Resident ID card"),
    "passport": QT_TRANSLATE_NOOP("Labels", "Passport"),
    "other_permit": QT_TRANSLATE_NOOP("Labels", "Other permit"),
}

# 4.2.4.6: checked before every departure.
CHECK_ITEM = {
    "lights": QT_TRANSLATE_NOOP("Labels", "Lights"),
    "tyres": QT_TRANSLATE_NOOP("Labels", "Tyres"),
    "energy": QT_TRANSLATE_NOOP("Labels", "Fuel or charge"),
    "signage": QT_TRANSLATE_NOOP("Labels", "Test-drive signage on the car"),
    "warning_signs": QT_TRANSLATE_NOOP("Labels", "Warning triangle and signs"),
}

TRANSMISSION = {"automatic": QT_TRANSLATE_NOOP("Labels", "Automatic"), "manual": QT_TRANSLATE_NOOP("Labels", "Manual")}

# 4.2.4.8: the fleet's papers and maintenance, named in expiry warnings.
FLEET_DATE = {
    "compulsory_insurance_until": QT_TRANSLATE_NOOP("Labels", "Compulsory insurance (交强险)"),
    "commercial_insurance_until": QT_TRANSLATE_NOOP("Labels", "Commercial third-party insurance"),
    "inspection_until": QT_TRANSLATE_NOOP("Labels", "Annual inspection"),
    "maintenance_due": QT_TRANSLATE_NOOP("Labels", "Maintenance"),
}
