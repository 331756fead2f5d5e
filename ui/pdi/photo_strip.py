"""Thumbnails of one PDI item's photos (issue #7), loaded from the database off the UI thread;
the caption and time in each tooltip."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from app.core.clock import to_store_time
from ui.shell.workers import run_op

THUMB_PX = 96


class PdiPhotoStrip(QWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("pdi_photos")
        self.ctx = ctx
        self._cache: dict[int, QPixmap] = {}
        self._wanted: tuple[int, ...] = ()
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.empty = QLabel(self.tr("No photos"))
        self._layout.addWidget(self.empty)
        self._layout.addStretch(1)
        self.labels: list[QLabel] = []

    def show_photos(self, photos) -> None:
        self._wanted = tuple(p.id for p in photos)
        for label in self.labels:
            label.deleteLater()
        self.labels = []
        self.empty.setVisible(not photos)
        for n, p in enumerate(photos):
            label = QLabel()
            label.setObjectName(f"pdi_photo_{p.id}")
            label.setFixedSize(THUMB_PX, THUMB_PX)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setStyleSheet("border: 1px solid #b0b8c0;")
            label.setToolTip(f"{p.caption} {to_store_time(p.taken_at):%Y-%m-%d %H:%M}".strip())
            self._layout.insertWidget(1 + n, label)
            self.labels.append(label)
            if p.id in self._cache:
                label.setPixmap(self._cache[p.id])
            else:
                self._load(p.id, label)

    def _load(self, photo_id: int, label: QLabel) -> None:
        ctx = self.ctx

        def work():
            from app.pdi.inspections import get_photo

            return get_photo(ctx.uow(), actor=ctx.actor, photo_id=photo_id)

        def done(content: bytes) -> None:
            pixmap = QPixmap()
            if not pixmap.loadFromData(content):
                return
            pixmap = pixmap.scaled(
                THUMB_PX, THUMB_PX, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
            self._cache[photo_id] = pixmap
            if photo_id in self._wanted and label in self.labels:
                label.setPixmap(pixmap)

        run_op(self, work, done, lambda _exc: None)
