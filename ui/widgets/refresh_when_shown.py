"""A page that reloads at once while on screen, and only when next shown while hidden (a change
on another page or terminal must not make every hidden page query the database)."""

from __future__ import annotations


class RefreshWhenShown:
    """Mix into a QWidget page that has `refresh()`; call `refresh_when_visible()` on a change."""

    _dirty = False

    def refresh_when_visible(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._dirty = True

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._dirty:
            self._dirty = False
            self.refresh()
