"""One tile per KPI (issue #20.2), in the order of T/CSCA 120031 5.2.1 a)-h): its name, the
figure (a percent, "—" when the denominator is 0), numerator / denominator, the target, and a
badge coloured by the verdict. 3.14 shows the pick-ups still inside their 72 hours apart: they
are pending, never failed. A click, Enter or Space opens the drill-down; focus picks the trend."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.kpis.definitions import KPIS, KpiCode, KpiDefinition
from app.kpis.dto import KpiFigure
from ui.kpis import dashboard_labels as words
from ui.widgets import style_tokens as tokens

COLUMNS = 4


def _label(name: str, *, bold: bool = False, pt: int | None = None, muted: bool = False) -> QLabel:
    label = QLabel(objectName=name)
    font = label.font()
    font.setBold(bold)
    if pt:
        font.setPointSize(pt)
    label.setFont(font)
    if muted:
        label.setStyleSheet(f"color: {tokens.COLOURS['text_muted']};")
    label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    return label


def tile_name(code: KpiCode) -> str:
    return "kpi_tile_" + code.replace(".", "_")


class KpiTile(QFrame):
    activated = Signal(object)  # KpiCode
    focused = Signal(object)  # KpiCode

    def __init__(self, definition: KpiDefinition, parent=None) -> None:
        super().__init__(parent)
        self.definition = definition
        self.code = definition.code
        self.figure: KpiFigure | None = None
        self.setObjectName(tile_name(self.code))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.title = _label("kpi_tile_title", bold=True)
        self.title.setWordWrap(True)
        self.value = _label("kpi_tile_value", bold=True, pt=tokens.FONT_TITLE_PT + 7)
        self.badge = _label("kpi_tile_badge", pt=tokens.FONT_SMALL_PT + 1)
        self.counts = _label("kpi_tile_counts", muted=True)
        self.target = _label("kpi_tile_target", muted=True)
        self.pending = _label("kpi_tile_pending", muted=True)
        self.pending.setVisible(self.code == KpiCode.DELIVERY_CALL)
        self._lay_out()
        self.selected = False
        self.show_figure(None)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.value)
        top.addStretch(1)
        top.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignVCenter)
        box = QVBoxLayout(self)
        box.setContentsMargins(tokens.SPACE_L, tokens.SPACE_M, tokens.SPACE_L, tokens.SPACE_M)
        box.setSpacing(tokens.SPACE_XS)
        box.addWidget(self.title)
        box.addLayout(top)
        box.addWidget(self.counts)
        box.addWidget(self.target)
        box.addWidget(self.pending)
        box.addStretch(1)

    def retitle(self) -> None:
        d = self.definition
        self.title.setText(f"{d.letter}) {words.kpi_name(d.code)}")
        self.setToolTip(
            QCoreApplication.translate("KpiDashboard", "{code}: {numerator} ÷ {denominator}").format(
                code=d.code, numerator=words.numerator_name(d), denominator=words.denominator_name(d)
            )
        )
        self.setAccessibleName(words.kpi_name(d.code))

    def show_figure(self, figure: KpiFigure | None) -> None:
        """The figure, or its place held while it loads (every part "—")."""
        self.figure = figure
        self.retitle()
        verdict = figure.verdict if figure else "none"
        self.value.setText(words.percent(figure.value_bp if figure else None))
        background, colour = words.verdict_tone(verdict)
        self.badge.setText(words.verdict_word(verdict))
        self.badge.setProperty("verdict", verdict)
        self.badge.setStyleSheet(
            f"background: {background}; color: {colour}; border-radius: {tokens.BADGE_RADIUS}px; padding: 1px 8px;"
        )
        if figure is None:
            self.counts.setText(words.DASH)
        else:
            self.counts.setText(f"{figure.numerator} / {figure.denominator}")
        target_bp = figure.target.target_bp if figure else self.definition.default_target_bp
        self.target.setText(words.target_text(self.definition, target_bp))
        pending = figure.pending if figure else 0
        self.pending.setText(
            QCoreApplication.translate("KpiDashboard", "{n} pick-ups still within 72 h").format(n=pending)
        )
        self._paint_frame()

    def set_selected(self, on: bool) -> None:
        self.selected = on
        self._paint_frame()

    def _paint_frame(self) -> None:
        border = tokens.COLOURS["accent"] if self.selected else tokens.COLOURS["border"]
        width = 2 if self.selected else 1
        self.setStyleSheet(
            f"#{self.objectName()} {{ background: {tokens.COLOURS['panel']}; border: {width}px solid {border};"
            f" border-radius: {tokens.RADIUS}px; }}"
            f" #{self.objectName()}:focus {{ border: 2px solid {tokens.COLOURS['accent']}; }}"
        )

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self.activated.emit(self.code)
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit(self.code)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        self.focused.emit(self.code)


class KpiTiles(QWidget):
    """The eight tiles, two rows of four, in 5.2.1 order."""

    activated = Signal(object)
    picked = Signal(object)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(tokens.SPACE_M)
        self.tiles: dict[KpiCode, KpiTile] = {}
        for i, d in enumerate(KPIS):
            tile = KpiTile(d, self)
            tile.activated.connect(self._activated)
            tile.focused.connect(self.pick)
            grid.addWidget(tile, i // COLUMNS, i % COLUMNS)
            self.tiles[d.code] = tile
        for c in range(COLUMNS):
            grid.setColumnStretch(c, 1)
        self.current = KPIS[0].code
        self.tiles[self.current].set_selected(True)

    def tile(self, code: KpiCode) -> KpiTile:
        return self.tiles[code]

    def show_figures(self, figures) -> None:
        by_code = {f.code: f for f in figures or ()}
        for code, tile in self.tiles.items():
            tile.show_figure(by_code.get(code))

    def pick(self, code: KpiCode) -> None:
        if code != self.current:
            self.tiles[self.current].set_selected(False)
            self.current = code
            self.tiles[code].set_selected(True)
            self.picked.emit(code)

    def _activated(self, code: KpiCode) -> None:
        self.pick(code)
        self.activated.emit(code)
