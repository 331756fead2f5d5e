"""The ink of a handwritten signature (ui/widgets/signature_pad.py): how a stroke is drawn
(smooth curves, a pen's pressure varying the width) and the signature rendered alone as a
PNG for the signed document. Points are [x, y, t_ms, pressure] in area fractions.

The PNG is one ink: every pixel has the ink's colour and the pen's coverage as its alpha (the
alpha Qt painted; Qt's own ARGB32 export would divide each edge pixel's premultiplied colour
by its alpha and round it, a few values off the ink). It is saved in palette form, 256 entries
of the ink whose transparency is their index, so its image data is the alpha alone, which the
signed PDF takes as it is (app/documents/pad_png.py, issue #18.11). Any viewer shows the same
pixels as the RGBA form.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen, qRgba

ASPECT = 3.0  # area width : height
PEN_WIDTH = 0.0055  # nominal line width, in pad widths (3.3 px on a 600 px pad)
INK = QColor("#14206b")  # dark blue ink, reads as "signed by hand" on a black-printed page

Point = list  # [x, y, t_ms, pressure]


def _width_factor(pressure: float) -> float:
    """Pen pressure 0..1 gives 0.6..1.2 of the nominal width; a mouse (1.0) gives 1.2."""
    return 0.6 + 0.6 * max(0.0, min(1.0, pressure))


def draw_stroke(painter: QPainter, stroke: Sequence[Point], to_xy, nominal: float) -> None:
    """A smooth line through the points: quadratic curves between the midpoints (the
    recorded points are the control points). Pieces of equal width (all of a mouse
    stroke) share one path; a pen's pressure changes the width piece by piece."""
    pen = QPen(INK)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    pts = [to_xy(p) for p in stroke]
    if len(pts) == 1:
        pen.setWidthF(nominal * _width_factor(stroke[0][3]))
        painter.setPen(pen)
        painter.drawPoint(pts[0])
        return
    mids = [(a + b) / 2 for a, b in zip(pts, pts[1:])]
    path: QPainterPath | None = None
    width = -1.0
    for i in range(len(pts) - 1):
        # Widths rounded to 1/20 of the nominal width: invisible steps, fewer paths.
        w = round(_width_factor((stroke[i][3] + stroke[i + 1][3]) / 2) * 20) / 20 * nominal
        start = pts[0] if i == 0 else mids[i - 1]
        if path is None or w != width:
            if path is not None:
                pen.setWidthF(width)
                painter.setPen(pen)
                painter.drawPath(path)
            path, width = QPainterPath(start), w
        if i == 0:
            path.lineTo(mids[0])
        else:
            path.quadTo(pts[i], mids[i])
        if i == len(pts) - 2:
            path.lineTo(pts[-1])
    pen.setWidthF(width)
    painter.setPen(pen)
    painter.drawPath(path)


def bounds(strokes: Sequence[Sequence[Point]]) -> tuple[float, float, float, float] | None:
    """(left, top, right, bottom) of the ink in area fractions, or None when empty."""
    points = [p for s in strokes for p in s]
    if not points:
        return None
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def render_png(strokes: Sequence[Sequence[Point]], width_px: int) -> bytes:
    """The ink alone on a transparent background, cropped to the ink with a small margin
    (SignaturePad.to_png)."""
    box = bounds(strokes)
    if box is None:
        raise ValueError("the pad is empty")
    left, top, right, bottom = box
    # Work in pad-width units on both axes so nothing is stretched.
    margin = PEN_WIDTH * 2 + 0.01
    x0, x1 = left - margin, right + margin
    y0, y1 = top / ASPECT - margin, bottom / ASPECT + margin
    scale = width_px / (x1 - x0)  # pixels per pad width
    if (y1 - y0) * scale > width_px:
        scale = width_px / (y1 - y0)
    size = QSize(max(1, round((x1 - x0) * scale)), max(1, round((y1 - y0) * scale)))
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)

    def to_image(p: Point) -> QPointF:
        return QPointF((p[0] - x0) * scale, (p[1] / ASPECT - y0) * scale)

    for stroke in strokes:
        draw_stroke(painter, stroke, to_image, PEN_WIDTH * scale)
    painter.end()
    return _one_ink_png(image)


def _one_ink_png(image: QImage) -> bytes:
    """The PNG of INK under the painted image's alpha, in palette form (see the docstring)."""
    alpha = image.convertToFormat(QImage.Format.Format_Alpha8)
    w, h, stride = alpha.width(), alpha.height(), alpha.bytesPerLine()
    coverage = bytes(alpha.constBits())  # alive until saved: the QImage reads it in place
    indexed = QImage(coverage, w, h, stride, QImage.Format.Format_Indexed8)
    indexed.setColorTable([qRgba(INK.red(), INK.green(), INK.blue(), a) for a in range(256)])
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    indexed.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())
