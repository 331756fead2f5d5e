"""Page geometry for the raster print path of ui/shell/printing.py: which pages the print
dialog selected, the paper layout of a PDF page, and where a rendered page goes on the paper."""

from __future__ import annotations

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter


def _selected_pages(printer: QPrinter, total: int) -> list[int]:
    """0-based page indexes: all, or the range chosen in the print dialog (1-based there)."""
    ranges = printer.pageRanges()
    if printer.printRange() == QPrinter.PrintRange.PageRange and not ranges.isEmpty():
        return [i for i in range(total) if ranges.contains(i + 1)]
    return list(range(total))


def _page_layout(size_pt: QSizeF) -> QPageLayout:
    """The PDF page's own size (A4 stays A4, a landscape page prints landscape), no margins:
    the rendered page already carries the document's margins."""
    landscape = size_pt.width() > size_pt.height()
    portrait = QSizeF(min(size_pt.width(), size_pt.height()), max(size_pt.width(), size_pt.height()))
    page_size = QPageSize(portrait, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    layout = QPageLayout(page_size, orientation, QMarginsF(0, 0, 0, 0))
    layout.setMode(QPageLayout.Mode.FullPageMode)
    return layout


def _fit(image: QImage, target: QRectF) -> QRectF:
    """The largest rectangle of the image's aspect ratio centred in target."""
    scale = min(target.width() / image.width(), target.height() / image.height())
    w, h = image.width() * scale, image.height() * scale
    return QRectF(target.x() + (target.width() - w) / 2, target.y() + (target.height() - h) / 2, w, h)
