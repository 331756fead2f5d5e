"""The Customer care page (客户关怀, issue #19.6): my tasks due today, the overdue ones (in red:
escalated to the sales managers), those due later; recording a call's outcome; entering a
satisfaction survey for the selected task's customer; the service recovery cases. A sales
manager sees everyone's tasks and every case, approves compensations, plans the lead follow-ups
and exports the surveys. Every write goes through the operation path (Op or ServiceFormDialog).

The complaints part of issue #19 adds its own tab when its page module is in the build
(COMPLAINTS_PAGE, like the navigation's optional pages)."""

from __future__ import annotations

import importlib
import importlib.util

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from app.core.dto import Changes
from app.core.permissions import Action, can
from ui.customer_care.models import TaskModel
from ui.customer_care.recovery_tab import RecoveryTab
from ui.shell.ops import Op
from ui.shell.workers import run_op
from ui.widgets.buttons import action_button
from ui.widgets.refresh_when_shown import RefreshWhenShown
from ui.widgets.table_fit import read_only_table

COMPLAINTS_PAGE = "ui.customer_care.complaints_page"
VIEWS = ("today", "overdue", "later")


class TasksTab(QWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx, self.lists, self.templates, self.dialog = ctx, None, [], None
        roles = ctx.actor.roles
        self.view = QComboBox(objectName="care_view")
        for key, text in zip(VIEWS, (self.tr("Due today"), self.tr("Overdue"), self.tr("Later")), strict=True):
            self.view.addItem(text, key)
        self.view.currentIndexChanged.connect(lambda _i: self._fill())
        self.everyone = QCheckBox(self.tr("Everyone's tasks"), objectName="care_everyone")
        self.everyone.setVisible(can(roles, Action.APPROVE_COMPENSATION))
        self.everyone.toggled.connect(lambda _c: self.refresh())
        self.model = TaskModel(self)
        self.table = read_only_table("care_tasks", self.model)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.summary = QLabel(objectName="care_summary")
        self.kpis = QLabel(objectName="care_kpis")  # a manager's month: 5.2.1 b) and d)
        self.message = QLabel(objectName="care_message")
        self.message.setWordWrap(True)
        self.outcome_button = action_button(self.tr("Record outcome…"), "care_record_outcome", self.record_outcome)
        self.survey_kind = QComboBox(objectName="care_survey_kind")
        self.survey_button = action_button(self.tr("Survey…"), "care_survey", self.survey)
        for w in (self.survey_kind, self.survey_button):
            w.setVisible(can(roles, Action.RECORD_SURVEYS))
        self.plan_button = action_button(
            self.tr("Plan lead follow-ups"), "care_plan_leads", self.plan_leads,
            visible=can(roles, Action.MANAGE_CARE_SETTINGS),
        )  # fmt: skip
        manager = can(roles, Action.MANAGE_CARE_SETTINGS)
        self.settings_button = action_button(self.tr("Settings…"), "care_settings", self.settings, visible=manager)
        self.export_button = action_button(
            self.tr("Export surveys…"), "care_export_surveys", self.export, visible=can(roles, Action.EXPORT_SURVEYS)
        )
        self._lay_out()
        self._update_buttons()

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.view)
        top.addWidget(self.everyone)
        top.addWidget(self.summary, 1)
        for w in (self.plan_button, self.settings_button, self.export_button):
            top.addWidget(w)
        actions = QHBoxLayout()
        actions.addWidget(self.message, 1)
        for w in (self.outcome_button, self.survey_kind, self.survey_button):
            actions.addWidget(w)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.kpis)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)

    def refresh(self) -> None:
        ctx, everyone = self.ctx, self.everyone.isChecked()
        surveys, kpis = can(ctx.actor.roles, Action.RECORD_SURVEYS), can(ctx.actor.roles, Action.RECEPTION_REPORTS)

        def work():
            from app.core.clock import store_today
            from app.customer_care.api import get_care_kpis, list_care_tasks, list_survey_templates

            templates = list_survey_templates(ctx.uow(), actor=ctx.actor) if surveys else []
            month = get_care_kpis(ctx.uow(), actor=ctx.actor, month=store_today()) if kpis else None
            return list_care_tasks(ctx.uow(), actor=ctx.actor, everyone=everyone), templates, month

        run_op(self, work, self._loaded)

    def _loaded(self, result) -> None:
        self.lists, templates, month = result
        self.kpis.setVisible(month is not None)
        if month is not None:
            self.kpis.setText(self._kpi_text(month))
        if [t.key for t in templates] != [t.key for t in self.templates]:
            from ui.shell.i18n import current_language

            self.survey_kind.clear()
            for t in templates:
                self.survey_kind.addItem(t.title_zh if current_language() == "zh_CN" else t.title_en, t.key)
        self.templates = templates
        self.summary.setText(
            self.tr("{today} due today · {overdue} overdue · {later} later").format(
                today=len(self.lists.today), overdue=len(self.lists.overdue), later=len(self.lists.later)
            )
        )
        self._fill()

    def _kpi_text(self, k) -> str:
        def rate(value) -> str:
            return f"{value:.0%}" if value is not None else "—"

        # 3.14: pick-ups whose 72 hours are still running are shown apart, never as failed (issue #20).
        return self.tr(
            "This month: called within 72 hours {calls} ({done}/{picked}, 3.14; {pending} still within their 72 hours) · satisfied {satisfied} ({yes}/{all}, 3.18)"
        ).format(calls=rate(k.call_rate), done=k.called_in_72h, picked=k.picked_up, pending=k.pending,
                 satisfied=rate(k.satisfaction_rate), yes=k.satisfied, all=k.surveys)  # fmt: skip

    def _fill(self) -> None:
        if self.lists is not None:
            self.model.set_rows(list(getattr(self.lists, self.view.currentData())))
        self._update_buttons()

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        task = self.selected()
        self.outcome_button.setEnabled(task is not None)
        self.survey_button.setEnabled(task is not None and task.customer_id is not None and bool(self.templates))

    def record_outcome(self) -> None:
        from ui.customer_care.outcome_dialog import OutcomeDialog

        if (task := self.selected()) is not None:
            self.message.clear()
            self.dialog = OutcomeDialog(self.ctx, task, self)
            self.dialog.saved.connect(self._recorded)
            self.dialog.open()

    def _recorded(self, result) -> None:
        if result.recovery_case_id is not None:
            self.message.setText(self.tr("Not satisfied: service recovery case #{id} opened.").format(
                id=result.recovery_case_id))  # fmt: skip
        else:
            self.message.setText(self.tr("Outcome recorded."))

    def survey(self) -> None:
        from ui.customer_care.survey_dialog import SurveyDialog

        task, key = self.selected(), self.survey_kind.currentData()
        template = next((t for t in self.templates if t.key == key), None)
        if task is None or template is None or task.customer_id is None:
            return
        self.message.clear()
        self.dialog = SurveyDialog(self.ctx, template, task.customer_id, task.deal_id, task.customer_name_masked, self)
        self.dialog.saved.connect(self._surveyed)
        self.dialog.open()

    def _surveyed(self, result) -> None:
        if result.recovery_case_id is not None:
            self.message.setText(self.tr("Not satisfied: service recovery case #{id} opened.").format(
                id=result.recovery_case_id))  # fmt: skip
        else:
            self.message.setText(self.tr("Survey recorded: satisfied."))

    def settings(self) -> None:
        from app.customer_care.api import get_care_settings, list_care_staff
        from ui.customer_care.settings_dialog import CareSettingsDialog

        ctx = self.ctx

        def work():
            return get_care_settings(ctx.uow(), actor=ctx.actor), list_care_staff(ctx.uow(), actor=ctx.actor)

        def loaded(result) -> None:
            self.dialog = CareSettingsDialog(ctx, *result, self)
            self.dialog.saved.connect(lambda _s: self.message.setText(self.tr("Settings saved.")))
            self.dialog.open()

        run_op(self, work, loaded)

    def export(self, path: str | None = None) -> None:
        """The surveys of the last 30 days, for the survey firm (no names or mobiles)."""
        import datetime as dt

        from PySide6.QtWidgets import QFileDialog

        from app.core.clock import store_today
        from app.customer_care.api import export_surveys

        key, day_to = self.survey_kind.currentData() or "delivery", store_today()
        day_from = day_to - dt.timedelta(days=29)
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export surveys"), f"{key}_{day_to:%Y%m%d}.xlsx", self.tr("Excel workbook (*.xlsx)")
            )
            if not path:
                return
            if not path.lower().endswith(".xlsx"):
                path += ".xlsx"
        ctx, target = self.ctx, path
        Op(ctx, self, lambda: export_surveys(
            ctx.uow(), actor=ctx.actor, template_key=key, day_from=day_from, day_to=day_to, path=target
        )).busy(self.export_button).on_success(
            lambda n: self.message.setText(self.tr("{n} surveys exported to {path}").format(n=n, path=target))
        ).run()  # fmt: skip

    def plan_leads(self) -> None:
        from app.customer_care.api import plan_lead_follow_ups

        ctx = self.ctx
        Op(ctx, self, lambda: plan_lead_follow_ups(ctx.uow(), actor=ctx.actor)).busy(self.plan_button).on_success(
            lambda r: self.message.setText(self.tr("{n} lead follow-ups planned.").format(n=r.created))
        ).run()


class CarePage(RefreshWhenShown, QWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("care_page")
        self.ctx = ctx
        self.tabs = QTabWidget(objectName="care_tabs")
        self.tasks = TasksTab(ctx, self)
        self.tabs.addTab(self.tasks, self.tr("Tasks"))
        self.recovery = RecoveryTab(ctx, self) if can(ctx.actor.roles, Action.MANAGE_RECOVERY) else None
        if self.recovery is not None:
            self.tabs.addTab(self.recovery, self.tr("Service recovery"))
        if importlib.util.find_spec(COMPLAINTS_PAGE) is not None:
            page = importlib.import_module(COMPLAINTS_PAGE)
            self.tabs.addTab(page.ComplaintsPage(ctx), page.TAB_TITLE())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        ctx.data_did_change.connect(self._on_data_changed)
        self.refresh()

    def refresh(self) -> None:
        self.tasks.refresh()
        if self.recovery is not None:
            self.recovery.refresh()

    def _on_data_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.tasks or changes.sales or changes.reception:
            self.refresh_when_visible()
