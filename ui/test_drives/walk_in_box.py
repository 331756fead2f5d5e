"""The question a walk-in test drive asks when its car is not free now (issue #17.4).

The desk pressed Book with "Now (walk-in)" ticked, and the car's first free window is later
(app/test_drives/walk_in.py). The box shows that window and offers: book it (the user has now
seen the actual time), take another car that is free now, or go back.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.clock import to_store_time

# One button per car free now, at most this many: the row stays within a 1366-pixel screen
# (each button is about 150 px); the text still names every free car, and any of them can be
# picked under Car.
MAX_CAR_BUTTONS = 3


class WalkInOfferBox(QMessageBox):
    """Emits `later()` to book the shown later window, `other_car(car_id)` to book a car that
    is free now; Cancel does nothing."""

    later = Signal()
    other_car = Signal(int)

    def __init__(self, offer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("walk_in_offer")
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(self.tr("Walk-in test drive"))
        start, end = to_store_time(offer.start), to_store_time(offer.end)
        when = f"{start:%H:%M}–{end:%H:%M}" if start.date() == end.date() else f"{start:%m-%d %H:%M}–{end:%H:%M}"
        self.setText(
            self.tr("{plate} is not free now. Its next free time is {when}.").format(plate=offer.plate, when=when)
        )
        cars = ", ".join(c.plate for c in offer.others_free_now)
        if not offer.others_free_now:
            self.setInformativeText(self.tr("No other car is free now."))
        elif len(offer.others_free_now) > MAX_CAR_BUTTONS:
            self.setInformativeText(
                self.tr("Other cars free now: {cars}. Take one below, or choose it under Car.").format(cars=cars)
            )
        else:
            self.setInformativeText(self.tr("Other cars free now: {cars}.").format(cars=cars))
        self.later_button = self.addButton(self.tr("Book {when}").format(when=when), QMessageBox.ButtonRole.AcceptRole)
        self.later_button.setObjectName("book_later")
        self.car_buttons = {}
        for car in offer.others_free_now[:MAX_CAR_BUTTONS]:
            button = self.addButton(
                self.tr("Take {plate} now").format(plate=car.plate), QMessageBox.ButtonRole.ActionRole
            )
            button.setObjectName(f"take_car_{car.car_id}")
            self.car_buttons[button] = car.car_id
        cancel = self.addButton(QMessageBox.StandardButton.Cancel)
        cancel.setObjectName("cancel")
        self.setDefaultButton(cancel)  # Enter never books a time the user did not pick
        self.buttonClicked.connect(self._clicked)

    def _clicked(self, button) -> None:
        if button is self.later_button:
            self.later.emit()
        elif button in self.car_buttons:
            self.other_car.emit(self.car_buttons[button])
