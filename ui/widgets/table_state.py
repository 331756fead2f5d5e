"""What an empty table says (issue #17.7): "Loading…" until its rows arrive, then a helpful
empty state instead of a blank grid.

One mechanism for every page: the main window watches each table of a page whose model is a
DtoTableModel (ui/widgets/table_model.py knows whether its rows have arrived yet). A page may
give one table its own words with `view.setProperty("empty_text", self.tr(...))` or by calling
`watch_table(view, text)` itself.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractProxyModel, QCoreApplication, QEvent, QObject, Qt, QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel

from ui.widgets import style_tokens as tokens
from ui.widgets.table_model import DtoTableModel

CTX = "TableState"
T_LOADING = QT_TRANSLATE_NOOP("TableState", "Loading…")
T_EMPTY = QT_TRANSLATE_NOOP("TableState", "Nothing to show yet.")
PROPERTY = "empty_text"


def source_model(model):
    while isinstance(model, QAbstractProxyModel):
        model = model.sourceModel()
    return model


def rows_have_arrived(model) -> bool:
    """True once the (source) model was given its rows; models that do not say are taken as loaded."""
    return bool(getattr(source_model(model), "loaded", True))


class TableState(QObject):
    """A quiet label over an empty view's viewport; hidden as soon as the view has rows."""

    def __init__(self, view: QAbstractItemView, empty_text: str = "") -> None:
        super().__init__(view)
        self.view = view
        self.empty_text = empty_text
        self.label = QLabel(view.viewport())
        self.label.setObjectName("table_state")
        self.label.setProperty("showroom_role", "table_state")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._model = None
        view.viewport().installEventFilter(self)
        self.update()

    def text(self) -> str:
        """What the view says now ("" when it shows rows)."""
        return "" if self.label.isHidden() else self.label.text()

    def _bind(self) -> None:
        model = self.view.model()
        if model is self._model:
            return
        for signal in ("modelReset", "rowsInserted", "rowsRemoved", "layoutChanged"):
            if self._model is not None:
                getattr(self._model, signal).disconnect(self.update)
            if model is not None:
                getattr(model, signal).connect(self.update)
        self._model = model

    def update(self, *_args) -> None:
        self._bind()
        model = self._model
        if model is not None and model.rowCount() > 0:
            self.label.hide()
            return
        if model is not None and rows_have_arrived(model):
            words = self.view.property(PROPERTY) or self.empty_text or QCoreApplication.translate(CTX, T_EMPTY)
        else:
            words = QCoreApplication.translate(CTX, T_LOADING)
        self.label.setText(words)
        self._place()
        self.label.show()

    def _place(self) -> None:
        margin = tokens.SPACE_XL
        self.label.setGeometry(self.view.viewport().rect().adjusted(margin, margin, -margin, -margin))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize:
            self._place()
        return False


def watch_table(view: QAbstractItemView, empty_text: str = "") -> TableState:
    """Give `view` its loading and empty states (once; a second call updates the words)."""
    state = view.findChild(TableState)
    if state is None:
        return TableState(view, empty_text)
    state.empty_text = empty_text or state.empty_text
    state.update()
    return state


def watch_tables(page, empty_text: str = "") -> list[TableState]:
    """Watch every table of `page` whose rows come from a DtoTableModel."""
    return [
        watch_table(view, empty_text)
        for view in page.findChildren(QAbstractItemView)
        if not isinstance(view, QHeaderView) and isinstance(source_model(view.model()), DtoTableModel)
    ]
