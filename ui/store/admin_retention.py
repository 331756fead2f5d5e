"""Administration, Store tab: the visitor retention period (保存期限, issue #17.16).

A row of the store form shows how long visitors who never bought are kept and what the consent
text promised them; Change… opens a form dialog that saves through the operation path
(app.store.retention_setting.set_visitor_retention: administrator only, 1–120 months, never
beyond the consent text's promise, audited). The retention purge uses the saved period.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QSpinBox, QWidget

from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.widgets.buttons import action_button
from ui.widgets.field_error import FieldErrors

MIN_MONTHS, MAX_MONTHS = 1, 120  # app.store.retention_setting checks them again


def promise_text(promised: int | None) -> str:
    # Literal context and text: pyside6-lupdate only extracts those.
    if promised is None:
        return QCoreApplication.translate("RetentionDialog", "The consent texts on record state no period.")
    return QCoreApplication.translate(
        "RetentionDialog", "The consent text shown to visitors promises at most {n} months."
    ).format(n=promised)


class RetentionDialog(ServiceFormDialog):
    """Change the period; the store's version guards against another administrator's edit."""

    def __init__(self, ctx, setting, parent=None) -> None:
        body = QWidget()
        super().__init__(ctx, body, FieldErrors(), parent)
        self.setObjectName("retention_dialog")
        self.setWindowTitle(self.tr("Visitor retention period"))
        self.setMinimumWidth(460)
        self.setting = setting
        self.months = QSpinBox(objectName="visitor_months")
        # The service says what is out of range; the box lets the user type it to be told.
        self.months.setRange(0, 999)
        self.months.setSuffix(self.tr(" months"))
        intro = QLabel(
            self.tr(
                "Visitors who never bought are anonymised this many months after their last visit "
                "or contact (PIPL art. 19, 47). Buyers' sales records are kept 10 years."
            )
        )
        intro.setWordWrap(True)
        self.promise = QLabel(objectName="retention_promise")
        self.promise.setWordWrap(True)
        form = QFormLayout(body)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(intro)
        form.addRow(self.tr("Keep for"), self.errors.wrap("visitor_months", self.months))
        form.addRow(self.promise)
        self.load(setting)

    def load(self, setting) -> None:
        self.setting = setting
        self.months.setValue(setting.visitor_months)
        self.promise.setText(promise_text(setting.promised_months))

    def service_call(self) -> ServiceCall:
        ctx, version, months = self.ctx, self.setting.version, self.months.value()

        def work():
            from app.store.retention_setting import set_visitor_retention

            return set_visitor_retention(ctx.uow(), actor=ctx.actor, expected_version=version, visitor_months=months)

        return work

    def reload_call(self) -> ServiceCall:
        ctx = self.ctx

        def work():
            from app.store.retention_setting import get_retention_setting

            return get_retention_setting(ctx.uow(), actor=ctx.actor)

        return work


class RetentionRow(QWidget):
    """The period as saved, and the button that changes it."""

    saved = Signal(object)  # RetentionSettingDTO

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.store = None
        self.dialog: RetentionDialog | None = None
        self.value = QLabel(objectName="visitor_retention")
        self.value.setWordWrap(True)
        self.change_button = action_button(self.tr("Change…"), "change_retention", self.change)
        self.change_button.setEnabled(False)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.value, 1)
        row.addWidget(self.change_button)

    def show_store(self, store) -> None:
        self.store = store
        self.value.setText(
            self.tr("{n} months after the last visit or contact").format(n=store.visitor_retention_months)
        )
        self.change_button.setEnabled(True)

    def change(self) -> RetentionDialog | None:
        if self.store is None:
            return None
        ctx, store = self.ctx, self.store

        def work():
            from app.store.retention_setting import get_retention_setting

            return get_retention_setting(ctx.uow(), actor=ctx.actor)

        # The store tab's version: a change of the details since it loaded is a conflict.
        from ui.shell.workers import run_op

        run_op(self, work, lambda s: self._open(dataclasses.replace(s, version=store.version)))
        return self.dialog

    def _open(self, setting) -> None:
        self.dialog = RetentionDialog(self.ctx, setting, self)
        self.dialog.saved.connect(self.saved.emit)
        self.dialog.open()
