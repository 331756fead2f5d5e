"""A pad to sign on with a mouse, a pen (QTabletEvent) or a finger (QTouchEvent).

Coordinates. The pad draws in the largest ASPECT:1 rectangle centred in the widget (its
"area"). A point is stored as [x, y, t_ms, pressure]: x and y run from 0 to 1 across the
area's width and height, so strokes do not depend on the widget's size or the screen's
density and `to_png` can render them at any resolution; t_ms counts milliseconds since the
first point of the signature; pressure is 0..1 (a mouse gives 1). `strokes()` is plain lists
of floats, ready for json.dumps; `set_strokes()` takes the same back.

Acceptance (documented numbers, measured on sample signatures: a written name on a 3:1 pad
has an ink length of 1.5 to 6 pad widths and spans a quarter of the width or more):
  - at least MIN_POINTS points in all strokes together (a click is one point);
  - at least MIN_INK_LENGTH pad widths of ink (a tick or a short dash is about 0.1);
  - the ink spans at least MIN_EXTENT pad widths across or down (a scribble in one spot).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QElapsedTimer, QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QEventPoint, QFont, QMouseEvent, QPainter, QPen, QPixmap, QTabletEvent, QTouchEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.widgets.signature_ink import ASPECT, PEN_WIDTH, Point, bounds, draw_stroke, render_png

MIN_POINTS = 12
MIN_INK_LENGTH = 0.35  # pad widths
MIN_EXTENT = 0.12  # pad widths
MIN_STEP_PX = 0.75  # points closer than this on screen are not recorded
PAPER = QColor("#ffffff")
GUIDE = QColor("#9aa5b1")
HINT = QColor("#8a949e")
BASELINE_Y = 0.74  # the baseline, as a fraction of the area height


class SignaturePad(QWidget):
    changed = Signal()  # after a stroke ends, and after clear(), undo() and set_strokes()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signature_pad")
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(360, 120)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Signature pad"))
        self._strokes: list[list[Point]] = []
        self._current: list[Point] | None = None
        self._device: str | None = None  # "mouse" | "tablet" | "touch" while a stroke is drawn
        self._touch_id: int | None = None
        self._clock = QElapsedTimer()
        self._ink_cache: QPixmap | None = None  # finished strokes, redrawn on change/resize

    # --- public API --------------------------------------------------------------------------

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(600, 200)

    def clear(self) -> None:
        self._strokes.clear()
        self._current = None
        self._device = None
        self._clock.invalidate()
        self._invalidate()
        self.changed.emit()

    def undo(self) -> None:
        """Remove the last stroke (the whole pen-down to pen-up line)."""
        if self._strokes:
            self._strokes.pop()
            self._invalidate()
            self.changed.emit()

    def is_empty(self) -> bool:
        return not self._strokes

    def stroke_count(self) -> int:
        return len(self._strokes)

    def strokes(self) -> list[list[list[float]]]:
        """A deep copy: [[[x, y, t_ms, pressure], ...], ...], JSON-serialisable."""
        return [[list(p) for p in stroke] for stroke in self._strokes]

    def set_strokes(self, strokes: Iterable[Sequence[Sequence[float]]]) -> None:
        """Replace the signature (e.g. to show a stored one). Raises ValueError on bad data."""
        parsed: list[list[Point]] = []
        for stroke in strokes:
            points = []
            for p in stroke:
                if len(p) != 4:
                    raise ValueError("a point is [x, y, t_ms, pressure]")
                x, y, t, pressure = (float(v) for v in p)
                if not all(math.isfinite(v) for v in (x, y, t, pressure)):
                    raise ValueError("a point holds finite numbers")
                points.append([x, y, t, pressure])
            if points:
                parsed.append(points)
        self._strokes = parsed
        self._current = None
        self._invalidate()
        self.changed.emit()

    def ink_length(self) -> float:
        """Total length of all strokes, in pad widths."""
        total = 0.0
        for stroke in self._strokes:
            for a, b in zip(stroke, stroke[1:]):
                total += math.hypot(b[0] - a[0], (b[1] - a[1]) / ASPECT)
        return total

    def point_count(self) -> int:
        return sum(len(s) for s in self._strokes)

    def _bounds(self) -> tuple[float, float, float, float] | None:
        return bounds(self._strokes)

    def problem_code(self) -> str | None:
        """ "empty", "too_short" (too few points or too little ink), "too_small" (all the ink
        in one spot), or None when the signature is acceptable."""
        if not self._strokes:
            return "empty"
        if self.point_count() < MIN_POINTS or self.ink_length() < MIN_INK_LENGTH:
            return "too_short"
        left, top, right, bottom = self._bounds()
        if max(right - left, (bottom - top) / ASPECT) < MIN_EXTENT:
            return "too_small"
        return None

    def problem(self) -> str | None:
        """Why the signature cannot be accepted, as a sentence for the signer; None if fine."""
        code = self.problem_code()
        if code is None:
            return None
        return {
            "empty": self.tr("Please sign in the box above the line."),
            "too_short": self.tr(
                "This is too short to be a signature. Please write your full name, or clear and sign again."
            ),
            "too_small": self.tr("The signature is too small. Please sign larger, across the box."),
        }[code]

    def is_acceptable(self) -> bool:
        return self.problem_code() is None

    def to_png(self, width_px: int = 600) -> bytes:
        """The ink alone on a transparent background, cropped to the ink with a small margin,
        `width_px` wide (narrower only for a signature taller than wide, whose height is then
        capped at width_px). Line widths scale with the ink, so it looks as on the pad."""
        return render_png(self._strokes, width_px)

    # --- geometry ----------------------------------------------------------------------------

    def area(self) -> QRectF:
        """The ASPECT:1 drawing rectangle, centred, inside a small frame."""
        r = QRectF(self.rect()).adjusted(4, 4, -4, -4)
        w = min(r.width(), r.height() * ASPECT)
        h = w / ASPECT
        return QRectF(r.center().x() - w / 2, r.center().y() - h / 2, w, h)

    def _to_pad(self, pos: QPointF) -> tuple[float, float]:
        a = self.area()
        x = (pos.x() - a.left()) / a.width()
        y = (pos.y() - a.top()) / a.height()
        # A stroke may leave the area while the button is held: clamp, do not drop it.
        return min(1.0, max(0.0, x)), min(1.0, max(0.0, y))

    def _to_widget(self, p: Point) -> QPointF:
        a = self.area()
        return QPointF(a.left() + p[0] * a.width(), a.top() + p[1] * a.height())

    # --- input -------------------------------------------------------------------------------

    def _begin(self, device: str, pos: QPointF, pressure: float) -> None:
        if not self._clock.isValid():
            self._clock.start()
        self._device = device
        self._current = []
        self._strokes.append(self._current)
        self._add(pos, pressure, force=True)

    def _add(self, pos: QPointF, pressure: float, force: bool = False) -> None:
        if self._current is None:
            return
        x, y = self._to_pad(pos)
        if self._current and not force:
            last = self._to_widget(self._current[-1])
            here = self._to_widget([x, y, 0, 0])
            if math.hypot(here.x() - last.x(), here.y() - last.y()) < MIN_STEP_PX:
                return
        t = float(self._clock.elapsed()) if self._clock.isValid() else 0.0
        self._current.append([round(x, 5), round(y, 5), t, round(max(0.0, min(1.0, pressure)), 3)])
        self.update()

    def _end(self, pos: QPointF | None = None, pressure: float = 1.0) -> None:
        if self._current is None:
            return
        if pos is not None:
            self._add(pos, pressure)
        self._current = None
        self._device = None
        self._touch_id = None
        self._invalidate()
        self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton and self._device is None:
            self._begin("mouse", event.position(), 1.0)
            event.accept()
        else:
            event.ignore()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self._device == "mouse" and event.buttons() & Qt.MouseButton.LeftButton:
            self._add(event.position(), 1.0)
            event.accept()
        else:
            event.ignore()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self._device == "mouse" and event.button() == Qt.MouseButton.LeftButton:
            self._end(event.position(), 1.0)
            event.accept()
        else:
            event.ignore()

    def tabletEvent(self, event: QTabletEvent) -> None:  # noqa: N802 - Qt override
        # Accepting keeps Qt from also sending the synthesized mouse events.
        kind = event.type()
        if kind == QEvent.Type.TabletPress and self._device is None:
            self._begin("tablet", event.position(), event.pressure())
        elif kind == QEvent.Type.TabletMove and self._device == "tablet":
            self._add(event.position(), event.pressure())
        elif kind == QEvent.Type.TabletRelease and self._device == "tablet":
            self._end(event.position(), event.pressure())
        event.accept()

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel):
            self._touch(event)
            return True
        return super().event(event)

    def _touch(self, event: QTouchEvent) -> None:
        """One finger draws; a second finger on the pad is ignored (a resting palm)."""
        event.accept()
        if event.type() == QEvent.Type.TouchCancel:
            if self._device == "touch":
                self._end()
            return
        for point in event.points():
            pressure = point.pressure() if point.pressure() > 0 else 1.0
            state = point.state()
            if state == QEventPoint.State.Pressed and self._device is None:
                self._touch_id = point.id()
                self._begin("touch", point.position(), pressure)
            elif self._device == "touch" and point.id() == self._touch_id:
                if state == QEventPoint.State.Released:
                    self._end(point.position(), pressure)
                elif state == QEventPoint.State.Updated:
                    self._add(point.position(), pressure)

    # --- painting ----------------------------------------------------------------------------

    def _invalidate(self) -> None:
        self._ink_cache = None
        self.update()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._ink_cache = None
        super().resizeEvent(event)

    def _paint_ink(self) -> QPixmap:
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(self.size() * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        nominal = PEN_WIDTH * self.area().width()
        for stroke in self._strokes:
            if stroke is not self._current:
                draw_stroke(painter, stroke, self._to_widget, nominal)
        painter.end()
        return pixmap

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().window())
        area = self.area()
        painter.setPen(QPen(GUIDE, 1))
        painter.setBrush(PAPER)
        painter.drawRoundedRect(area, 6, 6)
        # The baseline with a "×" at its start, as on a paper form.
        y = area.top() + area.height() * BASELINE_Y
        x0, x1 = area.left() + area.width() * 0.06, area.right() - area.width() * 0.04
        painter.setPen(QPen(GUIDE, 1.2))
        painter.drawLine(QPointF(x0, y), QPointF(x1, y))
        cross = area.height() * 0.05
        cx = area.left() + area.width() * 0.035
        painter.drawLine(QPointF(cx - cross, y - cross * 2), QPointF(cx + cross, y))
        painter.drawLine(QPointF(cx - cross, y), QPointF(cx + cross, y - cross * 2))
        if not self._strokes:
            font = QFont(self.font())
            font.setPixelSize(max(12, round(area.height() * 0.13)))
            painter.setFont(font)
            painter.setPen(HINT)
            hint_rect = QRectF(x0, area.top(), x1 - x0, y - area.top())
            painter.drawText(hint_rect, Qt.AlignmentFlag.AlignCenter, self.tr("Sign here"))
        if self._ink_cache is None or self._ink_cache.size() != self.size() * self.devicePixelRatioF():
            self._ink_cache = self._paint_ink()
        painter.drawPixmap(0, 0, self._ink_cache)
        if self._current:
            draw_stroke(painter, self._current, self._to_widget, PEN_WIDTH * area.width())
        painter.end()
