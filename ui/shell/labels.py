"""Translated labels for enum values and field names (app/ and db/ hold no user-facing text)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

from ui.shell.i18n import current_language

CTX = "Labels"

ROLE = {
    "reception": QT_TRANSLATE_NOOP("Labels", "Reception"),
    "consultant": QT_TRANSLATE_NOOP("Labels", "Sales consultant"),
    "sales_manager": QT_TRANSLATE_NOOP("Labels", "Sales manager"),
    "finance": QT_TRANSLATE_NOOP("Labels", "Finance"),
    "pdi_technician": QT_TRANSLATE_NOOP("Labels", "PDI technician"),
    "admin": QT_TRANSLATE_NOOP("Labels", "Administrator"),
    "customer_care": QT_TRANSLATE_NOOP("Labels", "Customer care"),
}

POWERTRAIN = {
    "ICE": QT_TRANSLATE_NOOP("Labels", "Petrol/diesel (ICE)"),
    "HEV": QT_TRANSLATE_NOOP("Labels", "Hybrid (HEV)"),
    "PHEV": QT_TRANSLATE_NOOP("Labels", "Plug-in hybrid (PHEV)"),
    "BEV": QT_TRANSLATE_NOOP("Labels", "Battery electric (BEV)"),
}

VEHICLE_STATUS = {
    "in_transit": QT_TRANSLATE_NOOP("Labels", "In transit"),
    "in_stock": QT_TRANSLATE_NOOP("Labels", "In stock"),
    "on_display": QT_TRANSLATE_NOOP("Labels", "On display"),
    "test_drive_fleet": QT_TRANSLATE_NOOP("Labels", "Test-drive fleet"),
    "reserved": QT_TRANSLATE_NOOP("Labels", "Reserved"),
    "sold": QT_TRANSLATE_NOOP("Labels", "Sold"),
    "delivered": QT_TRANSLATE_NOOP("Labels", "Delivered"),
}

DOC_TYPE = {
    "store_notice": QT_TRANSLATE_NOOP("Labels", "Store notice"),
    "test_drive_agreement": QT_TRANSLATE_NOOP("Labels", "Test-drive agreement"),
    "pdi_report": QT_TRANSLATE_NOOP("Labels", "PDI report"),
    "vehicle_card": QT_TRANSLATE_NOOP("Labels", "Vehicle card"),
    # Issue #18: the sale's documents.
    "price_list_notice": QT_TRANSLATE_NOOP("Labels", "Price list notice"),
    "quote": QT_TRANSLATE_NOOP("Labels", "Quote"),
    "disclosure": QT_TRANSLATE_NOOP("Labels", "Disclosure"),
    "sales_contract": QT_TRANSLATE_NOOP("Labels", "Sales contract"),
    "special_terms": QT_TRANSLATE_NOOP("Labels", "Special terms"),
    "entrustment": QT_TRANSLATE_NOOP("Labels", "Entrustment agreement"),
    "payment_receipt": QT_TRANSLATE_NOOP("Labels", "Payment receipt"),
    "settlement": QT_TRANSLATE_NOOP("Labels", "Settlement statement"),
    "handover": QT_TRANSLATE_NOOP("Labels", "Handover record"),
    "warranty_certificate": QT_TRANSLATE_NOOP("Labels", "三包 warranty certificate"),
}

DOC_LANGUAGE = {
    "bilingual": QT_TRANSLATE_NOOP("Labels", "Chinese and English"),
    "zh": QT_TRANSLATE_NOOP("Labels", "Chinese"),
    "en": QT_TRANSLATE_NOOP("Labels", "English"),
}

DOC_STATUS = {"valid": QT_TRANSLATE_NOOP("Labels", "Valid"), "voided": QT_TRANSLATE_NOOP("Labels", "Voided")}

PRINT_KIND = {
    "print": QT_TRANSLATE_NOOP("Labels", "Print"),
    "reprint": QT_TRANSLATE_NOOP("Labels", "Reprint"),
    "export": QT_TRANSLATE_NOOP("Labels", "Saved as file"),
}

# Reception (issue #4)
VISIT_TYPE = {
    "walk_in": QT_TRANSLATE_NOOP("Labels", "Walk-in"),
    "invited": QT_TRANSLATE_NOOP("Labels", "Invited"),
    "appointment": QT_TRANSLATE_NOOP("Labels", "Appointment"),
    "return_visit": QT_TRANSLATE_NOOP("Labels", "Return visit"),
}

VISIT_STATUS = {
    "waiting": QT_TRANSLATE_NOOP("Labels", "Waiting"),
    "with_consultant": QT_TRANSLATE_NOOP("Labels", "With consultant"),
    "finished": QT_TRANSLATE_NOOP("Labels", "Finished"),
}

VISIT_OUTCOME = {
    "information": QT_TRANSLATE_NOOP("Labels", "Information only"),
    "quote": QT_TRANSLATE_NOOP("Labels", "Quote given"),
    "test_drive": QT_TRANSLATE_NOOP("Labels", "Test drive"),
    "order": QT_TRANSLATE_NOOP("Labels", "Order"),
    "left": QT_TRANSLATE_NOOP("Labels", "Left"),
    "open": QT_TRANSLATE_NOOP("Labels", "Not ended"),
}

INTENT_LEVEL = {
    "H": QT_TRANSLATE_NOOP("Labels", "H – hot"),
    "A": QT_TRANSLATE_NOOP("Labels", "A – strong"),
    "B": QT_TRANSLATE_NOOP("Labels", "B – medium"),
    "C": QT_TRANSLATE_NOOP("Labels", "C – weak"),
}

LEAD_STATUS = {
    "new": QT_TRANSLATE_NOOP("Labels", "New"),
    "following": QT_TRANSLATE_NOOP("Labels", "Following up"),
    "ordered": QT_TRANSLATE_NOOP("Labels", "Ordered"),
    "lost": QT_TRANSLATE_NOOP("Labels", "Lost"),
}

LOST_REASON = {
    "bought_other_brand": QT_TRANSLATE_NOOP("Labels", "Bought another brand"),
    "bought_other_dealer": QT_TRANSLATE_NOOP("Labels", "Bought from another dealer"),
    "price": QT_TRANSLATE_NOOP("Labels", "Price"),
    "postponed": QT_TRANSLATE_NOOP("Labels", "Purchase postponed"),
    "unreachable": QT_TRANSLATE_NOOP("Labels", "Cannot be reached"),
    "consent_withdrawn": QT_TRANSLATE_NOOP("Labels", "Consent withdrawn"),
    "other": QT_TRANSLATE_NOOP("Labels", "Other"),
}

ASSIGNED_BY = {
    "rotation": QT_TRANSLATE_NOOP("Labels", "Rotation"),
    "own_consultant": QT_TRANSLATE_NOOP("Labels", "Own consultant"),
    "override": QT_TRANSLATE_NOOP("Labels", "Override"),
}

APPOINTMENT_STATUS = {
    "booked": QT_TRANSLATE_NOOP("Labels", "Booked"),
    "arrived": QT_TRANSLATE_NOOP("Labels", "Arrived"),
    "cancelled": QT_TRANSLATE_NOOP("Labels", "Cancelled"),
    "no_show": QT_TRANSLATE_NOOP("Labels", "No-show"),
}

APPOINTMENT_PURPOSE = {
    "consultation": QT_TRANSLATE_NOOP("Labels", "Consultation"),
    "test_drive": QT_TRANSLATE_NOOP("Labels", "Test drive"),
    "negotiation": QT_TRANSLATE_NOOP("Labels", "Negotiation"),
    "delivery": QT_TRANSLATE_NOOP("Labels", "Delivery"),
    "other": QT_TRANSLATE_NOOP("Labels", "Other"),
}

DUTY_STATE = {
    "available": QT_TRANSLATE_NOOP("Labels", "Available"),
    "busy": QT_TRANSLATE_NOOP("Labels", "With a visitor"),
    "away": QT_TRANSLATE_NOOP("Labels", "Away"),
    "off_duty": QT_TRANSLATE_NOOP("Labels", "Off duty"),
}

# What changed since a showroom card was issued (app.showroom.cards.FACT_GROUPS, issue #5).
CARD_CHANGE = {
    "price": QT_TRANSLATE_NOOP("Labels", "price"),
    "guide_price": QT_TRANSLATE_NOOP("Labels", "guide price"),
    "promotion": QT_TRANSLATE_NOOP("Labels", "promotion"),
    "configuration": QT_TRANSLATE_NOOP("Labels", "configuration"),
    "performance": QT_TRANSLATE_NOOP("Labels", "performance"),
    "disclosure": QT_TRANSLATE_NOOP("Labels", "disclosure"),
    "model": QT_TRANSLATE_NOOP("Labels", "model details"),
    "charging_pile": QT_TRANSLATE_NOOP("Labels", "charging pile offer"),
    "store": QT_TRANSLATE_NOOP("Labels", "store phones"),
    "unknown": QT_TRANSLATE_NOOP("Labels", "card details"),
}

CARD_LAYOUT = {
    "A5": QT_TRANSLATE_NOOP("Labels", "A5"),
    "A4": QT_TRANSLATE_NOOP("Labels", "A4"),
    "A4_2UP": QT_TRANSLATE_NOOP("Labels", "A4, two per page"),
}

# Field names as shown in forms, import reports and error lists.
FIELD = {
    "vin": QT_TRANSLATE_NOOP("Labels", "VIN"),
    "brand": QT_TRANSLATE_NOOP("Labels", "Brand"),
    "model": QT_TRANSLATE_NOOP("Labels", "Model"),
    "trim": QT_TRANSLATE_NOOP("Labels", "Trim"),
    "model_year": QT_TRANSLATE_NOOP("Labels", "Model year"),
    "exterior_color": QT_TRANSLATE_NOOP("Labels", "Exterior colour"),
    "interior_color": QT_TRANSLATE_NOOP("Labels", "Interior colour"),
    "powertrain": QT_TRANSLATE_NOOP("Labels", "Powertrain"),
    "guide_price_fen": QT_TRANSLATE_NOOP("Labels", "Guide price"),
    "guide_price_yuan": QT_TRANSLATE_NOOP("Labels", "Guide price"),
    "price_fen": QT_TRANSLATE_NOOP("Labels", "Selling price"),
    "price_yuan": QT_TRANSLATE_NOOP("Labels", "Selling price"),
    "production_date": QT_TRANSLATE_NOOP("Labels", "Production date"),
    "status": QT_TRANSLATE_NOOP("Labels", "Status"),
    "configuration": QT_TRANSLATE_NOOP("Labels", "Key configuration"),
    "power_kw": QT_TRANSLATE_NOOP("Labels", "Power (kW)"),
    "accel_0_100_s": QT_TRANSLATE_NOOP("Labels", "0-100 km/h (s)"),
    "fuel_l_per_100km": QT_TRANSLATE_NOOP("Labels", "Fuel (L/100 km)"),
    "range_km": QT_TRANSLATE_NOOP("Labels", "CLTC range (km)"),
    "battery_kwh": QT_TRANSLATE_NOOP("Labels", "Battery (kWh)"),
    "fast_charge_minutes": QT_TRANSLATE_NOOP("Labels", "Fast charge (min)"),
    "slow_charge_hours": QT_TRANSLATE_NOOP("Labels", "Slow charge (h)"),
    "defect_notes": QT_TRANSLATE_NOOP("Labels", "Defects"),
    "repair_notes": QT_TRANSLATE_NOOP("Labels", "Repairs"),
    "notes": QT_TRANSLATE_NOOP("Labels", "Notes"),
    "legal_name": QT_TRANSLATE_NOOP("Labels", "Legal name"),
    "address": QT_TRANSLATE_NOOP("Labels", "Address"),
    "sales_hotline": QT_TRANSLATE_NOOP("Labels", "Sales hotline"),
    "complaint_phone": QT_TRANSLATE_NOOP("Labels", "Complaint phone"),
    "website": QT_TRANSLATE_NOOP("Labels", "Website"),
    "username": QT_TRANSLATE_NOOP("Labels", "Username"),
    "full_name": QT_TRANSLATE_NOOP("Labels", "Full name"),
    "password": QT_TRANSLATE_NOOP("Labels", "Password"),
    "roles": QT_TRANSLATE_NOOP("Labels", "Roles"),
    "file": QT_TRANSLATE_NOOP("Labels", "File"),
}


def label(table: dict[str, str], key: str) -> str:
    text = table.get(key)
    return QCoreApplication.translate(CTX, text) if text else key


def role_label(key: str) -> str:
    return label(ROLE, key)


def status_label(key: str) -> str:
    return label(VEHICLE_STATUS, key)


def powertrain_label(key: str) -> str:
    return label(POWERTRAIN, key)


def field_label(key: str) -> str:
    return label(FIELD, key)


def in_language(name: str, name_en: str | None) -> str:
    """A value the user named in both languages (a source channel, issue #17.11): the English
    name in the English UI when there is one, else the Chinese."""
    return name_en if name_en and current_language() != "zh_CN" else name


def channel_label(name: str, name_en: str | None) -> str:
    """A source channel (来源渠道) as the user reads it: see in_language."""
    return in_language(name, name_en)


def local_time(moment) -> str:
    """A naive-UTC timestamp shown in store time (Shanghai, UTC+8), to the minute."""
    import datetime as dt

    if moment is None:
        return ""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone(dt.timezone(dt.timedelta(hours=8))).strftime("%Y-%m-%d %H:%M")


def format_yuan(fen: int | None) -> str:
    """18980000 -> '¥189,800' (whole yuan) or '¥189,800.50'."""
    if fen is None:
        return ""
    yuan, cents = divmod(fen, 100)
    return f"¥{yuan:,}" + (f".{cents:02d}" if cents else "")
