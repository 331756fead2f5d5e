"""Error messages shown next to the form field they are about (style guide §7).

A form registers each input under the service's field name; `FieldErrors.show(exc)` then puts
each FieldError of a ValidationFailed in a small red label under its field. Reused by every
form (vehicle dialog, login, set-up wizard), so it knows nothing about any one of them.

    errors = FieldErrors()
    form.addRow(tr("VIN"), errors.wrap("vin", vin_edit))
    ...
    except ValidationFailed as exc: errors.show(exc)
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.core.errors import FieldError, ValidationFailed
from ui.shell.errors import field_error_text
from ui.widgets.style_tokens import COLOURS

ERROR_STYLE = f"color: {COLOURS['error']};"


def make_error_label(field: str, parent: QWidget | None = None) -> QLabel:
    """A hidden, red, word-wrapped label named error_<field> (tests find it by that name)."""
    label = QLabel(parent)
    label.setObjectName(f"error_{field}")
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setVisible(False)
    return label


class FieldErrors:
    """Maps field names to (input widget, error label); shows and clears errors by name."""

    def __init__(self) -> None:
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}
        self._aliases: dict[str, str] = {}
        self._touched: set[str] = set()  # fields the user edited (the conflict box re-applies these)

    def register(self, field: str, widget: QWidget, label: QLabel | None = None) -> QLabel:
        """Attach an error label to `widget`; pass your own label to place it yourself."""
        label = label or make_error_label(field, widget.parentWidget())
        self._fields[field] = (widget, label)
        self._watch(field, widget)
        return label

    def _watch(self, field: str, widget: QWidget) -> None:
        """Note when the user (not a load) changes the field: user-only signals where Qt has
        them, else a change while the field has the keyboard focus."""
        from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit

        def touch(*_args) -> None:
            self._touched.add(field)

        def touch_if_focused(*_args) -> None:
            focus = widget.window().focusWidget() if widget.window() else None
            if focus is not None and (focus is widget or widget.isAncestorOf(focus)):
                self._touched.add(field)

        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(touch)
        elif isinstance(widget, QComboBox):
            widget.activated.connect(touch)
            if widget.isEditable() and widget.lineEdit() is not None:
                widget.lineEdit().textEdited.connect(touch)
        elif isinstance(widget, QAbstractButton):
            widget.clicked.connect(touch)
        elif isinstance(widget, QAbstractSpinBox):
            signal = getattr(widget, "valueChanged", None) or getattr(widget, "dateChanged", None)
            if signal is not None:
                signal.connect(touch_if_focused)
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            widget.textChanged.connect(touch_if_focused)

    def touched(self) -> set[str]:
        """The fields the user has edited in this form."""
        return set(self._touched)

    def wrap(self, field: str, widget: QWidget) -> QWidget:
        """Return a container holding `widget` with its error label underneath, for addRow()."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        label = make_error_label(field, box)
        layout.addWidget(label)
        self.register(field, widget, label)
        return box

    def alias(self, error_field: str, form_field: str) -> None:
        """Show errors the service reports as `error_field` under `form_field`
        (e.g. the service says price_fen where the form has a yuan box)."""
        self._aliases[error_field] = form_field

    def fields(self) -> list[str]:
        return list(self._fields)

    def widget(self, field: str) -> QWidget | None:
        entry = self._fields.get(self._aliases.get(field, field))
        return entry[0] if entry else None

    def label(self, field: str) -> QLabel | None:
        entry = self._fields.get(self._aliases.get(field, field))
        return entry[1] if entry else None

    def set_error(self, field: str, text: str) -> bool:
        """Show `text` under the field; False if the form has no such field."""
        label = self.label(field)
        if label is None:
            return False
        # Several errors on one field are listed one per line, not overwritten.
        if not label.isHidden() and label.text() and text not in label.text():
            text = f"{label.text()}\n{text}"
        label.setText(text)
        label.setVisible(True)
        return True

    def clear_field(self, field: str) -> None:
        label = self.label(field)
        if label is not None:
            label.clear()
            label.setVisible(False)

    def clear(self) -> None:
        for name in self._fields:
            self.clear_field(name)

    def show(
        self, exc: ValidationFailed | list[FieldError], *, text: Callable[[FieldError], str] = field_error_text
    ) -> list[FieldError]:
        """Clear old messages, show each error beside its field, focus the first bad field.
        `text` words the messages (a module may phrase some codes its own way).

        Returns the errors no registered field could show, for the caller to show elsewhere."""
        errors = exc.errors if isinstance(exc, ValidationFailed) else list(exc)
        self.clear()
        unplaced = [e for e in errors if not self.set_error(e.field, text(e))]
        first = next((self.widget(e.field) for e in errors if self.widget(e.field)), None)
        if first is not None and first.isEnabled() and first.isVisible():
            first.setFocus()
        return unplaced

    def values(self) -> dict:
        """Field name -> what the user has in that field now (for the conflict box's
        "yours / theirs" and its re-apply); fields of a kind it cannot read are left out."""
        from ui.widgets.conflict_box import widget_value

        out = {}
        for name, (widget, _) in self._fields.items():
            value = widget_value(widget)
            if value is not None:
                out[name] = value
        return out

    def labels(self) -> dict:
        """Field name -> the form's label for it, where the form has one."""
        from ui.widgets.conflict_box import field_label

        out = {}
        for name, (widget, _) in self._fields.items():
            text = field_label(widget)
            if text:
                out[name] = text
        return out

    def widgets(self) -> dict:
        return {name: widget for name, (widget, _) in self._fields.items()}

    def report_failure(self, parent: QWidget, exc: BaseException, *, reload=None, reapply=None):
        """After a failed save: each bad field's message beside it (and any the form cannot
        place in a message box); a stale save (Conflict) opens the conflict box (whose change,
        when, what differs from this form), whose Reload calls `reload` and whose Reload and
        re-apply calls `reload` and then `reapply(values)` (default: puts this form's values
        back); anything else through ui.shell.errors.show_error (logged, never a traceback).
        Returns the conflict box when one was opened."""
        from app.core.errors import Busy, Conflict
        from ui.shell.errors import show_error

        if isinstance(exc, ValidationFailed):
            if self.show(exc):
                show_error(parent, exc)
        elif isinstance(exc, Conflict) and not isinstance(exc, Busy) and reload is not None:
            from ui.widgets.conflict_box import open_conflict_box

            return open_conflict_box(
                parent,
                exc,
                reload,
                mine=self.values(),
                labels=self.labels(),
                on_reapply=reapply,
                widgets=self.widgets(),
                edited=self.touched(),
            )
        else:
            show_error(parent, exc)

    def has_errors(self) -> bool:
        return any(not label.isHidden() for _, label in self._fields.values())

    def shown(self) -> dict[str, str]:
        """Field name -> message currently shown (for tests and accessibility checks)."""
        return {name: label.text() for name, (_, label) in self._fields.items() if not label.isHidden()}
