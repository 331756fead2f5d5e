"""The message shown when a save hit a stale version (app.core.errors.Conflict), issue #8.2.

Never a silent overwrite. The box says whose change won and when, and lists what differs
between the user's form and the record as saved now ("field: yours / theirs"). The user
chooses Reload (take the other terminal's data, losing their edits), Reload and re-apply
(take the other terminal's data, then put the fields the user edited back in the form to review
and save again), or Cancel (keep their edits on screen, nothing saved). Opened with open(), never
exec(), so the event loop (and tests) keep running while it shows.

The user's values come from the form's FieldErrors (every registered field), or from `mine`.
"""

from __future__ import annotations

import datetime as dt
from typing import Callable

from PySide6.QtCore import QCoreApplication, QDate, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QWidget,
)

from app.core.errors import Conflict
from ui.shell.errors import error_text

MAX_LISTED = 12  # a long list would hide the buttons; the rest is summarised


# --- reading and writing a form's values ---------------------------------------------------


def widget_value(widget: QWidget):
    """The value a form widget holds, in the service's terms where the widget knows them."""
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QCheckBox | QAbstractButton) and widget.isCheckable():
        return widget.isChecked()
    if isinstance(widget, QComboBox):
        data = widget.currentData()
        if data is None:
            return widget.currentText()
        return getattr(data, "id", data)  # a DTO in a combo compares by its id with the record
    if isinstance(widget, QDateEdit):
        return widget.date().toPython().isoformat()
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        return widget.value()
    return None


def set_widget_value(widget: QWidget, value) -> None:
    if isinstance(widget, QLineEdit):
        widget.setText("" if value is None else str(value))
    elif isinstance(widget, QPlainTextEdit | QTextEdit):
        widget.setPlainText("" if value is None else str(value))
    elif isinstance(widget, QAbstractButton) and widget.isCheckable():
        widget.setChecked(bool(value))
    elif isinstance(widget, QComboBox):
        i = _combo_index(widget, value)
        if i < 0:
            i = widget.findText(str(value))
        if i >= 0:
            widget.setCurrentIndex(i)
    elif isinstance(widget, QDateEdit) and value:
        widget.setDate(QDate.fromString(str(value)[:10], "yyyy-MM-dd"))
    elif isinstance(widget, QSpinBox | QDoubleSpinBox) and value is not None:
        widget.setValue(value)


def _combo_index(combo: QComboBox, value) -> int:
    i = combo.findData(value)
    if i < 0 and value is not None:
        i = next((k for k in range(combo.count()) if getattr(combo.itemData(k), "id", object()) == value), -1)
    return i


def display_value(widget: QWidget | None, value) -> str:
    """What the user sees for `value` in this field: the combo's text for a code or an id,
    Yes/No for a tick box, never a raw enum value or a Python repr (issue #16)."""
    if value is None or value == "":
        return ""
    if isinstance(widget, QComboBox):
        i = _combo_index(widget, value)
        if i >= 0:
            return widget.itemText(i)
    if isinstance(widget, QAbstractButton) and widget.isCheckable() or isinstance(value, bool):
        return (
            QCoreApplication.translate("ConflictBox", "Yes")
            if value
            else QCoreApplication.translate("ConflictBox", "No")
        )
    return _norm(value)


def field_label(widget: QWidget) -> str | None:
    """The form's label for a field (its QFormLayout row, e.g. "Legal name"), found for the
    field itself or the container FieldErrors.wrap put it in."""
    chain, node = [], widget
    while node is not None:
        chain.append(node)
        node = node.parentWidget()
    for form in chain[-1].findChildren(QFormLayout):
        for n in chain[:3]:
            label = form.labelForField(n)
            text = label.text() if label is not None and hasattr(label, "text") else ""
            if text:
                return text.rstrip(":：").replace("&", "")
    return None


def _norm(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(_norm(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def differences(
    mine: dict, theirs: dict, labels: dict | None = None, widgets: dict | None = None
) -> list[tuple[str, str, str]]:
    """(label, yours, theirs) for each field the form and the saved record both have and
    where they differ, worded as the form shows them."""
    from ui.shell.labels import field_label as known_label

    labels, widgets = labels or {}, widgets or {}
    out = []
    for name, value in mine.items():
        if name not in theirs:
            continue
        a, b = _norm(value), _norm(theirs[name])
        if isinstance(theirs[name], bool) or isinstance(value, bool):
            a, b = _norm(bool(value)), _norm(bool(theirs[name]))
        if a != b:
            w = widgets.get(name)
            known = known_label(name)
            shown = labels.get(name) or (known if known != name else name.replace("_", " ").capitalize())
            out.append((shown, display_value(w, value), display_value(w, theirs[name])))
    return out


# --- the box -------------------------------------------------------------------------------


def _who_and_when(exc: Conflict) -> str:
    # Literal context and text in each call: pyside6-lupdate only extracts those.
    name = exc.params.get("by_name")
    at = exc.params.get("at")
    when = ""
    if at:
        try:
            from app.core.clock import to_store_time

            when = to_store_time(dt.datetime.fromisoformat(at)).strftime("%Y-%m-%d %H:%M:%S")
        except (TypeError, ValueError):
            when = str(at)
    if name and when:
        return QCoreApplication.translate("ConflictBox", "Saved by {name} at {time}.").format(name=name, time=when)
    if name:
        return QCoreApplication.translate("ConflictBox", "Saved by {name}.").format(name=name)
    if when:
        return QCoreApplication.translate("ConflictBox", "Saved at {time}.").format(time=when)
    return ""


def _shown(widget: QWidget, parent: QWidget) -> bool:
    try:
        return widget.isVisibleTo(parent) if widget is not parent else True
    except RuntimeError:  # deleted
        return False


def _form_values(parent: QWidget) -> tuple[dict, dict, dict, set[str] | None]:
    """(values, labels, widgets, edited fields) of the parent form's registered fields."""
    from ui.widgets.field_error import FieldErrors

    errors = getattr(parent, "errors", None)
    if not isinstance(errors, FieldErrors):
        return {}, {}, {}, None
    return errors.values(), errors.labels(), errors.widgets(), errors.touched()


def _message_box(parent: QWidget, exc: Conflict, diff: list) -> QMessageBox:
    """The warning box: what happened, who changed it when, and what differs."""
    box = QMessageBox(parent)
    box.setObjectName("conflict_box")
    box.setIcon(QMessageBox.Icon.Warning)
    # Literal context and text in each call: pyside6-lupdate only extracts those.
    box.setWindowTitle(QCoreApplication.translate("ConflictBox", "Changed on another terminal"))
    who = _who_and_when(exc)
    box.setText(error_text(exc) + (f"\n{who}" if who else ""))
    if diff:
        lines = [QCoreApplication.translate("ConflictBox", "What differs (yours / theirs):")]
        for label, a, b in diff[:MAX_LISTED]:
            lines.append(
                QCoreApplication.translate("ConflictBox", "{field}: “{yours}” / “{theirs}”").format(
                    field=label, yours=a or "—", theirs=b or "—"
                )
            )
        if len(diff) > MAX_LISTED:
            lines.append(QCoreApplication.translate("ConflictBox", "… and {n} more.").format(n=len(diff) - MAX_LISTED))
        box.setInformativeText("\n".join(lines))
    return box


def open_conflict_box(
    parent: QWidget,
    exc: Conflict,
    on_reload: Callable[[], None],
    *,
    mine: dict | None = None,
    labels: dict | None = None,
    on_reapply: Callable[[dict], None] | None = None,
    widgets: dict | None = None,
    edited: set[str] | None = None,
) -> QMessageBox:
    """Show the conflict; Reload calls on_reload(). With the user's values (`mine`, else read
    from the parent's FieldErrors) the box lists what differs and offers Reload and re-apply:
    on_reload(), then on_reapply(edited values), or by default the edited values (`edited`
    fields; all of `mine` if unknown) are put back in the form's widgets once the reload has
    finished. Returns the box."""
    form_values, form_labels, form_widgets, form_edited = _form_values(parent)
    widgets = widgets if widgets is not None else form_widgets
    edited = edited if edited is not None else form_edited
    mine = dict(form_values if mine is None else mine)
    labels = {**form_labels, **(labels or {})}
    theirs = exc.params.get("values") or {}
    if widgets:
        # Only what the user can see on this form now (a wizard's other steps are hidden).
        mine = {k: v for k, v in mine.items() if k not in widgets or _shown(widgets[k], parent)}
    diff = differences(mine, theirs, labels, widgets)

    box = _message_box(parent, exc, diff)
    box.differences = diff  # for tests and accessibility tools
    reload_button = box.addButton(
        QCoreApplication.translate("ConflictBox", "Reload"), QMessageBox.ButtonRole.AcceptRole
    )
    reload_button.setObjectName("reload_button")
    closes_form = getattr(on_reload, "__name__", "") in ("reject", "close", "accept")
    reapply_button = None
    if mine and (on_reapply is not None or (widgets and not closes_form)):
        reapply_button = box.addButton(
            QCoreApplication.translate("ConflictBox", "Reload and re-apply my changes"),
            QMessageBox.ButtonRole.ActionRole,
        )
        reapply_button.setObjectName("reapply_button")
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)  # losing typed edits must be a deliberate choice
    box.setEscapeButton(cancel)

    def clicked(button) -> None:
        if button is reload_button:
            on_reload()
        elif reapply_button is not None and button is reapply_button:
            on_reload()
            # Only what the user edited goes back: their untouched fields take the new values.
            redo = mine if edited is None else {k: v for k, v in mine.items() if k in edited}
            if on_reapply is not None:
                on_reapply(redo)
            else:
                _put_back_when_loaded(widgets, redo)

    box.buttonClicked.connect(clicked)
    box.open()
    return box


def _put_back_when_loaded(widgets: dict, mine: dict, *, tries: int = 200) -> None:
    """Put the user's values back once the reload (run off the UI thread) has delivered."""
    from ui.shell import workers

    def put_back() -> None:
        for name, value in mine.items():
            widget = widgets.get(name)
            if widget is None:
                continue
            try:
                set_widget_value(widget, value)
            except RuntimeError:  # the form was closed meanwhile
                return

    def poll(left: int) -> None:
        if not workers._pending or left <= 0:
            put_back()
        else:
            QTimer.singleShot(50, lambda: poll(left - 1))

    poll(tries)
