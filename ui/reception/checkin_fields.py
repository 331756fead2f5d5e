"""The fields of the front-desk check-in form (展厅前台接待, T/CSCA 120031 4.2.1.1), built in
the order a receptionist asks: visit, person (with the PIPL art. 14 consent notice) and the
consultant. Only builds widgets; ui.reception.checkin_form gives them their behaviour."""

from __future__ import annotations

import re

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.reception.rules import MAX_PARTY_SIZE
from ui.shell.labels import VISIT_TYPE, channel_label, label
from ui.widgets.field_error import FieldErrors

SPLIT = re.compile(r"\s*[,，;；]\s*")
BANNER_STYLE = "background: #fff3cd; color: #5c4400; border: 1px solid #e0c060; border-radius: 4px; padding: 6px;"
INFO_STYLE = "background: #e8f1fb; color: #0d3c61; border: 1px solid #a9c8e8; border-radius: 4px; padding: 6px;"


class _ListCompleter(QCompleter):
    """Completes the entry after the last comma, so several models go in one line."""

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 - Qt override
        return [SPLIT.split(path)[-1]]

    def pathFromIndex(self, index) -> str:  # noqa: N802 - Qt override
        text = self.widget().text() if self.widget() else ""
        parts = SPLIT.split(text)[:-1]
        return ", ".join([*parts, index.data()])


def channel_item_text(channel) -> str:
    """A channel in the list: both names, so typing either finds it, the UI's language first
    (issue #17.11): "Autohome · 汽车之家" in English, "汽车之家 · Autohome" in Chinese."""
    first = channel_label(channel.name, channel.name_en)
    other = channel.name if first != channel.name else channel.name_en
    return f"{first} · {other}" if other and other != first else first


class TimeEdit(QTimeEdit):
    """A time field that Tab leaves at once: QTimeEdit's Tab walks its hour and minute first,
    so the arrival time took two Tabs (issue #17.8). The arrow keys still move between them."""

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802 - Qt override
        return QWidget.focusNextPrevChild(self, next)


class CheckInFields(QWidget):
    """The check-in form's widgets, laid out; the subclass connects and reads them."""

    submitted = Signal()  # Enter / Ctrl+Enter / the button
    errors: FieldErrors

    # --- building the form (issue #16.4: one group of fields per method) ----------------
    def _row(self, form: QFormLayout, text: str, field: str, box: QWidget, buddy: QWidget | None = None) -> None:
        """A labelled row whose mnemonic (Alt+N, Alt+O, ...) puts the cursor in the input itself:
        the error wrapper around it cannot take focus (issue #17.8)."""
        wrapped = self.errors.wrap(field, box)
        form.addRow(text, wrapped)
        label = form.labelForField(wrapped)
        if isinstance(label, QLabel):
            label.setBuddy(buddy or box)

    def _visit_rows(self, form: QFormLayout) -> None:
        """Channel, visit type and party (with the 4.2.1.4 child-safety reminder)."""

        self.channel = QComboBox()
        self.channel.setObjectName("channel_id")
        self.channel.setEditable(True)
        self.channel.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.channel.lineEdit().setPlaceholderText(self.tr("Type to search, e.g. walk / 官网"))
        completer = self.channel.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self._row(form, self.tr("Source &channel"), "channel_id", self.channel)

        self.visit_type = QComboBox()
        self.visit_type.setObjectName("visit_type")
        for key in VISIT_TYPE:
            self.visit_type.addItem(label(VISIT_TYPE, key), key)
        self.visit_type.activated.connect(lambda _i: setattr(self, "_type_touched", True))
        self._row(form, self.tr("Visit &type"), "visit_type", self.visit_type)

        self.party_size = QSpinBox()
        self.party_size.setObjectName("party_size")
        self.party_size.setRange(1, MAX_PARTY_SIZE)
        self.with_children = QCheckBox(self.tr("With c&hildren"))
        self.with_children.setObjectName("with_children")
        party = QHBoxLayout()
        party.setContentsMargins(0, 0, 0, 0)
        party.addWidget(self.party_size)
        party.addWidget(self.with_children)
        party.addStretch(1)
        party_box = QWidget()
        party_box.setLayout(party)
        self._row(form, self.tr("&Party size"), "party_size", party_box, buddy=self.party_size)
        self.errors.alias("with_children", "party_size")

        self.child_banner = QLabel(
            self.tr(
                "Children in the party: remind the adults to keep them close and away from moving "
                "cars and doors (4.2.1.4)."
            )
        )
        self.child_banner.setObjectName("child_safety_banner")
        self.child_banner.setWordWrap(True)
        self.child_banner.setStyleSheet(BANNER_STYLE)
        self.child_banner.setVisible(False)
        form.addRow(self.child_banner)

        self._foreign_and_model_rows(form)

    def _foreign_and_model_rows(self, form: QFormLayout) -> None:
        """The foreign visitor's language and reminder (4.2.3.3) and the models of interest."""
        self.foreign_visitor = QCheckBox(self.tr("&Foreign visitor"))
        self.foreign_visitor.setObjectName("foreign_visitor")
        self.language = QLineEdit()
        self.language.setObjectName("language")
        self.language.setPlaceholderText(self.tr("Language, e.g. English"))
        self.language.setVisible(False)
        foreign = QHBoxLayout()
        foreign.setContentsMargins(0, 0, 0, 0)
        foreign.addWidget(self.foreign_visitor)
        foreign.addWidget(self.language, 1)
        foreign_box = QWidget()
        foreign_box.setLayout(foreign)
        form.addRow("", self.errors.wrap("language", foreign_box))
        self.foreign_banner = QLabel(
            self.tr(
                "Foreign visitor: explain the Chinese rules and policies that apply to foreign buyers "
                "(registration, insurance, payment) in their language (4.2.3.3)."
            )
        )
        self.foreign_banner.setObjectName("foreign_visitor_banner")
        self.foreign_banner.setWordWrap(True)
        self.foreign_banner.setStyleSheet(BANNER_STYLE)
        self.foreign_banner.setVisible(False)
        form.addRow(self.foreign_banner)

        self.models = QLineEdit()
        self.models.setObjectName("interested_models")
        self.models.setPlaceholderText(self.tr("Brand and model, several separated by commas"))
        self._models_list = QStringListModel(self)
        self.models_completer = _ListCompleter(self._models_list, self)
        self.models_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.models_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.models.setCompleter(self.models_completer)
        self._row(form, self.tr("Interested &models"), "interested_models", self.models)

    def _person_rows(self, form: QFormLayout) -> None:
        """Name and mobile, the arriving appointment, the known customer's history and the
        PIPL art. 14 consent notice."""
        self.name = QLineEdit()
        self.name.setObjectName("name")
        # No maxLength: a paste longer than the service allows is refused with a message
        # beside the field, never cut without a word (issue #17.3).
        self.name.setPlaceholderText(self.tr("Optional: how to address the visitor"))
        self._row(form, self.tr("&Name"), "name", self.name)
        self.mobile = QLineEdit()
        self.mobile.setObjectName("mobile")
        self.mobile.setPlaceholderText(self.tr("Optional: 11-digit mobile"))
        self.mobile.setMaxLength(20)
        self._row(form, self.tr("M&obile"), "mobile", self.mobile)

        self.appointment_label = QLabel("")
        self.appointment_label.setObjectName("appointment_arrival")
        self.appointment_label.setWordWrap(True)
        self.appointment_label.setStyleSheet(INFO_STYLE)
        self.appointment_label.setVisible(False)
        form.insertRow(0, self.appointment_label)

        self.history = QLabel("")
        self.history.setObjectName("customer_history")
        self.history.setWordWrap(True)
        self.history.setStyleSheet(INFO_STYLE)
        self.history.setVisible(False)
        self.history.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.history)

        self.consent_box = QFrame()
        self.consent_box.setObjectName("consent_box")
        self.consent_box.setFrameShape(QFrame.Shape.StyledPanel)
        consent = QVBoxLayout(self.consent_box)
        consent.setContentsMargins(6, 6, 6, 6)
        self.consent_title = QLabel("")
        self.consent_title.setWordWrap(True)
        self.consent_view = QPlainTextEdit()
        self.consent_view.setObjectName("consent_text")
        self.consent_view.setReadOnly(True)
        self.consent_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.consent_view.setMaximumHeight(110)
        self.consent_given = QCheckBox(self.tr("Customer &agreed to the notice above"))
        self.consent_given.setObjectName("consent_given")
        consent.addWidget(self.consent_title)
        consent.addWidget(self.consent_view)
        consent.addWidget(self.errors.wrap("consent_given", self.consent_given))
        self.errors.alias("consent_text_id", "consent_given")
        self.errors.alias("consent_shown_at", "consent_given")
        self.consent_box.setVisible(False)
        form.addRow(self.consent_box)

    def _assignment_rows(self, form: QFormLayout) -> None:
        """Arrival time and the consultant, with the reason an override needs."""
        self.arrival = TimeEdit()
        self.arrival.setObjectName("arrival_at")
        self.arrival.setDisplayFormat("HH:mm")
        self.arrival.setToolTip(self.tr("Follows the clock until you change it (late entries)."))
        self.arrival.editingFinished.connect(self._arrival_edited)
        self._row(form, self.tr("A&rrival"), "arrival_at", self.arrival)

        self.consultant = QComboBox()
        self.consultant.setObjectName("override_consultant_id")
        self.override_reason = QLineEdit()
        self.override_reason.setObjectName("override_reason")
        self.override_reason.setPlaceholderText(self.tr("Reason (required when not by rotation)"))
        self.override_reason.setEnabled(False)
        self._row(form, self.tr("Consu&ltant"), "override_consultant_id", self.consultant)
        form.addRow("", self.errors.wrap("override_reason", self.override_reason))
        self.errors.alias("requested_consultant_id", "override_consultant_id")
        self.errors.alias("consultant_id", "override_consultant_id")

    def _lay_out(self, form: QFormLayout) -> None:
        self.submit_button = QPushButton(self.tr("Check in (Ctrl+Enter)"))
        self.submit_button.setObjectName("check_in")
        self.submit_button.setDefault(True)
        self.submit_button.clicked.connect(self.submitted.emit)
        self.other_errors = QLabel("")
        self.other_errors.setObjectName("form_errors")
        self.other_errors.setStyleSheet("color: #c62828;")
        self.other_errors.setWordWrap(True)
        self.other_errors.setVisible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.other_errors)
        layout.addWidget(self.submit_button)
        layout.addStretch(1)
