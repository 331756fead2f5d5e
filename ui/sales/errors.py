"""User-facing messages of the sale (issue #18): each part keeps its own file, collected here."""

from __future__ import annotations

from ui.sales import errors_contract, errors_handover, errors_price, errors_quote

_PARTS = (errors_price, errors_quote, errors_contract, errors_handover)
FIELD_MESSAGES: dict[str, str] = {k: v for part in _PARTS for k, v in part.FIELD_MESSAGES.items()}
ERROR_MESSAGES: dict[str, str] = {k: v for part in _PARTS for k, v in part.ERROR_MESSAGES.items()}
