"""The look in one place (issue #17.7): spacing, type sizes and colours.

resources/style/showroom.qss names these as `${name}`; ui.widgets.style substitutes them and
loads the sheet once at start-up. Widgets that paint themselves (the status badges, the counts
in the navigation) read the same values here, so a colour or a size changes in one place.
"""

from __future__ import annotations

# Spacing, in pixels: between related controls, between groups, around a page.
SPACE_XS = 2
SPACE_S = 4
SPACE_M = 8
SPACE_L = 12
SPACE_XL = 16

# Type sizes, in points. Body text keeps the platform's size; titles and notes step from it.
FONT_SMALL_PT = 8
FONT_BODY_PT = 9
FONT_TITLE_PT = 11
FONT_EMPTY_STATE_PT = 10

RADIUS = 4
BADGE_RADIUS = 8

# Calm colours: one accent, greys for chrome, soft tints for status.
COLOURS = {
    "accent": "#1f6feb",
    "accent_soft": "#dbe7fb",
    "text": "#1f2328",
    "text_muted": "#59636e",
    "border": "#d0d7de",
    "window": "#f6f8fa",
    "panel": "#ffffff",
    "nav": "#eef1f4",
    "nav_selected": "#dbe7fb",
    "count": "#1f6feb",
    "count_text": "#ffffff",
    "count_alert": "#cf222e",
    # Messages beside fields: dark enough to read on white and on the grey dialog background (WCAG AA).
    "error": "#c62828",
}

# Status badges: a tone is (background, text).
TONES = {
    "success": ("#d1f0da", "#1a5e2c"),
    "info": ("#dbe7fb", "#1a4a9c"),
    "warning": ("#fff1c2", "#6b4e00"),
    "danger": ("#fbd9dc", "#8c1d26"),
    "neutral": ("#e8ebef", "#30363d"),
    "muted": ("#f0f1f3", "#6e7781"),
}

# Status codes of every feature (vehicle, visit, lead, appointment, PDI, card, document, drive)
# and the tone they are shown in. A code names the same kind of state wherever it appears.
STATUS_TONES = {
    # vehicles (db.models.VehicleStatus)
    "in_transit": "muted",
    "in_stock": "neutral",
    "on_display": "info",
    "test_drive_fleet": "info",
    "reserved": "warning",
    "sold": "success",
    "delivered": "muted",
    # visits, leads, appointments
    "waiting": "warning",
    "with_consultant": "info",
    "finished": "muted",
    "new": "info",
    "following": "warning",
    "ordered": "success",
    "lost": "muted",
    "booked": "info",
    "arrived": "success",
    "cancelled": "muted",
    "no_show": "danger",
    # the duty roster (轮流接待)
    "available": "success",
    "busy": "info",
    "away": "warning",
    "off_duty": "muted",
    # PDI queue and inspections
    "awaiting": "warning",
    "in_progress": "info",
    "paused": "neutral",
    "failed": "danger",
    "passed": "info",
    "reported": "success",
    "replaced": "muted",
    # showroom cards, documents
    "no_card": "danger",
    "stale": "warning",
    "current": "success",
    "valid": "success",
    "voided": "muted",
    # test drives
    "out": "info",
    "returned": "success",
    # the deal board's stages (issue #18.7; delivered and cancelled as above)
    "quote": "info",
    "contract": "neutral",
    "awaiting_payment": "warning",
    "ready": "success",
}


def tone_of(code: str | None) -> tuple[str, str] | None:
    """(background, text) of a status code's badge, or None for a code without a tone."""
    tone = STATUS_TONES.get(code or "")
    return TONES[tone] if tone else None


def tokens() -> dict[str, str]:
    """Every token by the name the stylesheet uses for it."""
    values: dict[str, str] = {f"colour_{k}": v for k, v in COLOURS.items()}
    for name in ("SPACE_XS", "SPACE_S", "SPACE_M", "SPACE_L", "SPACE_XL", "RADIUS"):
        values[name.lower()] = f"{globals()[name]}px"
    for name in ("FONT_SMALL_PT", "FONT_BODY_PT", "FONT_TITLE_PT", "FONT_EMPTY_STATE_PT"):
        values[name.lower()] = f"{globals()[name]}pt"
    return values
