"""A refusal names a car's status as the inventory page does, never as its code (issue #18.6:
a handover refused because the car is not sold says which status it is in)."""

from __future__ import annotations

from app.core.errors import ShowroomError
from ui.shell.errors import error_text


def test_the_handover_refusal_names_the_car_status_in_words():
    text = error_text(ShowroomError("handover_car_not_sold", status="in_stock"))
    assert "In stock" in text and "in_stock" not in text
