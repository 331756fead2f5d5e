"""Settings: language (applies at once), database (applies at next start), default printer,
idle lock of a shared terminal (applies at the next login; issue #9)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

from ui.shell import settings as opts


class SettingsDialog(QDialog):
    language_changed = Signal(str)
    database_changed = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(520)

        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem(self.tr("Follow the system"), "")
        self.language.addItem("中文（简体）", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(opts.get(opts.LANGUAGE))))

        self.database_url = QLineEdit(opts.get(opts.DATABASE_URL))
        self.database_url.setObjectName("database_url")
        self.database_url.setPlaceholderText(self.tr("Empty: this computer's own database file"))
        db_hint = QLabel(
            self.tr(
                "For a store with several terminals, enter the PostgreSQL server, e.g. "
                "postgresql+psycopg://showroom@192.168.1.10/showroom. Takes effect at the next start."
            )
        )
        db_hint.setWordWrap(True)
        db_hint.setStyleSheet("color: #666;")

        self.printer = self._printer_choice()

        self.idle_lock = QSpinBox()
        self.idle_lock.setObjectName("idle_lock_minutes")
        self.idle_lock.setRange(*opts.IDLE_LOCK_RANGE)
        self.idle_lock.setSuffix(" " + self.tr("min"))
        self.idle_lock.setValue(opts.idle_lock_minutes())
        self.idle_lock.setToolTip(
            self.tr(
                "A shared terminal locks after this idle time and asks for the password again; "
                "what was typed is kept. Applies from the next login."
            )
        )

        form = QFormLayout()
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Database"), self.database_url)
        form.addRow("", db_hint)
        form.addRow(self.tr("Default printer"), self.printer)
        form.addRow(self.tr("Lock when idle for"), self.idle_lock)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _printer_choice(self) -> QComboBox:
        """The printers of this computer, the saved one kept even when it is not connected now."""
        printer = QComboBox()
        printer.setObjectName("default_printer")
        printer.addItem(self.tr("System default printer"), "")
        try:
            from PySide6.QtPrintSupport import QPrinterInfo

            for name in QPrinterInfo.availablePrinterNames():
                printer.addItem(name, name)
        except ImportError:  # QtPrintSupport missing: printing settings cannot apply anyway
            pass
        saved = opts.get(opts.DEFAULT_PRINTER)
        if saved and printer.findData(saved) < 0:
            printer.addItem(saved + " " + self.tr("(not available)"), saved)
        printer.setCurrentIndex(max(0, printer.findData(saved)))
        return printer

    def accept(self) -> None:
        old_lang, old_db = opts.get(opts.LANGUAGE), opts.get(opts.DATABASE_URL)
        lang = self.language.currentData()
        db_url = self.database_url.text().strip()
        opts.set(opts.LANGUAGE, lang)
        opts.set(opts.DATABASE_URL, db_url)
        opts.set(opts.DEFAULT_PRINTER, self.printer.currentData())
        opts.set(opts.IDLE_LOCK_MINUTES, self.idle_lock.value())
        super().accept()
        if db_url != old_db:
            self.database_changed.emit(db_url)
        if lang != old_lang:
            self.language_changed.emit(lang)
