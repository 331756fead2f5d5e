"""Administration, Backup tab (issue #8.5): back up now, the list of backups, and how many
daily backups to keep. Restoring is a command-line step (`showroom admin restore FILE`) on
purpose: it replaces the database under every terminal, so all of them must be closed.

Backing up and the number kept are writes (a file, its audit row, the settings): both go
through the one operation path (ui/shell/ops.Op, issue #16.1), so a double click backs up once."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.field_error import FieldErrors
from ui.shell.ops import Op
from ui.shell.workers import run_op


class BackupTableModel(QAbstractTableModel):
    """Backups, newest first: when, daily or on request, size, file name."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list = []

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list:
        return list(self._rows)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 4

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Taken at"), self.tr("Kind"), self.tr("Size"), self.tr("File"))[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        info = self._rows[index.row()]
        col = index.column()
        if col == 0:
            return info.taken_at.strftime("%Y-%m-%d %H:%M:%S")
        if col == 1:
            return self.tr("Daily") if info.kind == "daily" else self.tr("On request")
        if col == 2:
            return self.tr("{size} KB").format(size=f"{info.size / 1024:,.0f}")
        return info.path.name


class BackupTab(QWidget):
    def __init__(self, ctx) -> None:
        super().__init__()
        self.setObjectName("backup_tab")
        self.ctx = ctx
        self.errors = FieldErrors()
        self.model = BackupTableModel(self)
        self.table = QTableView(objectName="backups_table")
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        intro = QLabel(
            self.tr(
                "Showroom backs up the database once a day when it starts and keeps the newest "
                "daily backups; backups taken on request are kept until you delete them. Copy the "
                "backup folder to another disk regularly. To restore, close Showroom on every "
                "terminal and run: showroom admin restore FILE"
            )
        )
        intro.setWordWrap(True)
        self.folder = QLabel(objectName="backup_folder")
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.keep = QSpinBox(objectName="keep")
        self.keep.setRange(1, 365)
        self.save_keep_button = QPushButton(self.tr("Save"), objectName="save_keep")
        self.save_keep_button.clicked.connect(self.save_keep)
        keep_row = QHBoxLayout()
        keep_row.addWidget(self.keep)
        keep_row.addWidget(self.save_keep_button)
        keep_row.addStretch(1)
        keep_box = QWidget()
        keep_box.setLayout(keep_row)
        form = QFormLayout()
        form.addRow(self.tr("Backup folder"), self.folder)
        form.addRow(self.tr("Daily backups to keep"), self.errors.wrap("keep", keep_box))
        self.backup_button = QPushButton(self.tr("Back up now"), objectName="back_up_now")
        self.backup_button.clicked.connect(self.back_up_now)
        self.status = QLabel(objectName="backup_status")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        actor = self.ctx.actor

        def work():
            from app.store import backup

            settings = backup.load_settings()
            return settings, backup.backup_directory(settings), backup.list_backups(actor=actor)

        run_op(self, work, self._loaded)

    def _loaded(self, result) -> None:
        settings, directory, rows = result
        self.keep.setValue(settings.keep)
        self.folder.setText(str(directory))
        self.model.set_rows(rows)

    def back_up_now(self) -> None:
        ctx = self.ctx
        url = ctx.database.url

        def work():
            from app.store.backup import back_up_now

            return back_up_now(url, actor=ctx.actor)

        self.status.setText(self.tr("Backing up…"))
        Op(ctx, self, work).busy(self.backup_button, self.save_keep_button).on_success(self._backed_up).on_failure(
            self._failed
        ).run()

    def _backed_up(self, info) -> None:
        self.status.setText(self.tr("Backup written to {path}.").format(path=str(info.path)))
        self.refresh()

    def save_keep(self) -> None:
        actor, keep = self.ctx.actor, self.keep.value()

        def work():
            from app.store import backup

            return backup.save_settings(actor=actor, keep=keep, directory=backup.load_settings().directory)

        self.errors.clear()
        Op(self.ctx, self, work).busy(self.backup_button, self.save_keep_button).on_success(
            self._keep_saved
        ).on_failure(self._failed).run()

    def _keep_saved(self, settings) -> None:
        self.status.setText(self.tr("Showroom keeps the last {n} daily backups.").format(n=settings.keep))

    def _failed(self, exc) -> None:
        self.status.setText("")
        self.errors.report_failure(self, exc)
