"""Pages 3, 5, 6 and 7 of the guided test drive (ui/test_drives/drive_dialog.py): the escort
(T/CSCA 120031-2023 4.2.4.4), the weather (4.2.4.7), the agreement (4.2.4.1) and the start
checklist. Widgets only: the dialog connects their buttons and runs the services."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QListWidget, QPushButton, QVBoxLayout, QWidget

from ui.shell.labels import label
from ui.test_drives.labels import WEATHER
from ui.widgets.field_error import ERROR_STYLE, FieldErrors


class EscortForm(QWidget):
    """Who accompanies the drive: only qualified staff on duty are offered (4.2.4.4)."""

    def __init__(self, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        note = QLabel(
            self.tr(
                "Only staff on duty today with at least 3 years since their licence "
                "was first issued are listed (T/CSCA 120031 4.2.4.4)."
            )
        )
        note.setWordWrap(True)
        self.escort = QComboBox()
        self.escort.setObjectName("escort_id")
        self.assign_button = QPushButton(self.tr("Assign escort"))
        self.assign_button.setObjectName("assign_escort")
        form.addRow(note)
        form.addRow(self.tr("Escort"), errors.wrap("escort_id", self.escort))
        form.addRow("", self.assign_button)


class WeatherForm(QWidget):
    """The weather at departure; a sales manager may override severe weather (4.2.4.7)."""

    def __init__(self, errors: FieldErrors, manager: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.weather = QComboBox()
        self.weather.setObjectName("weather")
        for key in WEATHER:
            self.weather.addItem(label(WEATHER, key), key)
        self.override_reason = QLineEdit()
        self.override_reason.setObjectName("override_reason")
        self.override_reason.setPlaceholderText(self.tr("Sales manager only: why the drive may go ahead"))
        self.override_reason.setVisible(manager)
        self.save_button = QPushButton(self.tr("Record weather"))
        self.save_button.setObjectName("record_weather")
        advice = QLabel(
            self.tr(
                "In storm, heavy rain, heavy snow or dense fog test drives are advised "
                "against; they go ahead only with a sales manager's override."
            )
        )
        advice.setWordWrap(True)
        form.addRow(advice)
        form.addRow(self.tr("Weather"), errors.wrap("weather", self.weather))
        if manager:
            form.addRow(self.tr("Override reason"), errors.wrap("override_reason", self.override_reason))
        form.addRow("", self.save_button)


class AgreementForm(QWidget):
    """Signing the agreement on the pad, and showing the archived copy (4.2.4.1). Above the
    Sign button: what must be saved first, instead of pads that would be signed for nothing."""

    def __init__(self, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "The customer and the escort sign the bilingual agreement on the pad; it is then "
                    "signed digitally and archived."
                )
            )
        )
        self.sign_blockers = QLabel()
        self.sign_blockers.setObjectName("sign_blockers")
        self.sign_blockers.setStyleSheet(ERROR_STYLE)
        self.sign_blockers.setWordWrap(True)
        self.sign_blockers.setVisible(False)
        self.sign_button = QPushButton(self.tr("Sign agreement…"))
        self.sign_button.setObjectName("sign_agreement")
        self.preview_button = QPushButton(self.tr("Show agreement"))
        self.preview_button.setObjectName("preview_agreement")
        self.agreement_state = QLabel()
        self.agreement_state.setObjectName("agreement_state")
        layout.addWidget(self.sign_blockers)
        layout.addWidget(errors.wrap("signatures", self.sign_button))
        layout.addWidget(self.preview_button)
        layout.addWidget(self.agreement_state)
        layout.addStretch(1)

    def show_blockers(self, lines: list[str]) -> None:
        """What stands between the drive and signing (empty: nothing, the line hides)."""
        self.sign_blockers.setText("\n".join(lines))
        self.sign_blockers.setVisible(bool(lines))


class StartForm(QWidget):
    """What still blocks departure (the service's own list), and the start button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.blockers = QListWidget()
        self.blockers.setObjectName("blockers")
        self.start_button = QPushButton(self.tr("Start the test drive"))
        self.start_button.setObjectName("start_drive")
        layout.addWidget(QLabel(self.tr("Still needed before departure:")))
        layout.addWidget(self.blockers, 1)
        layout.addWidget(self.start_button)
