"""How a customer's name and mobile are shown on screens, lists and non-legal printouts (PIPL:
personal data masked on screen; issue #9). One definition for every feature, so the queue, the
customer page, complaints and test drives show a person the same way."""

from __future__ import annotations


def mask_mobile(mobile: str | None) -> str:
    """138****5678: the first 3 and last 4 digits."""
    if not mobile:
        return ""
    return mobile[:3] + "*" * max(0, len(mobile) - 7) + mobile[-4:] if len(mobile) > 7 else "*" * len(mobile)


def mask_name(name: str | None) -> str:
    """周**: the surname (first character) and a star for each other character."""
    return "" if not name else name[0] + "*" * (len(name) - 1)
