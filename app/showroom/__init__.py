"""Showroom cards: the vehicle card PDF and its QR, issuing and voiding cards, the floor
(charging piles, promotions)."""

import app.core.keeper  # noqa: F401,E402 - installs the audit key keeper (issue #15 item 7)
