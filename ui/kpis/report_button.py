"""The "Export report…" button of the KPI dashboard (issue #20.4): asks for a folder and writes
the monthly KPI report there as a bilingual PDF and a workbook with the records behind each
figure (kpi-report-2026-11.pdf / .xlsx), off the UI thread through the operation path.

The dashboard places it: `ReportButton(ctx, period_getter)`, where `period_getter()` returns
the app.kpis Period the dashboard shows. Errors (a folder that cannot be written, no right to
see the KPIs) are shown as dialogs by the operation path; success names both files.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget

from app.kpis.periods import Period
from app.kpis.report_pdf_export import MonthReportFiles, export_month_report, report_file_names
from ui.shell.ops import Op


class ReportButton(QPushButton):
    def __init__(self, ctx, period_getter: Callable[[], Period], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.period_getter = period_getter
        self.setObjectName("kpi_report_export")
        self.setText(self.tr("Export report…"))
        self.setToolTip(self.tr("Write the KPI report of the shown period as PDF and Excel files to a folder"))
        self.clicked.connect(self.export)

    def export(self) -> None:
        period = self.period_getter()
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export the KPI report to a folder"))
        if not folder:
            return
        pdf_name, xlsx_name = report_file_names(period)
        pdf, xlsx = Path(folder) / pdf_name, Path(folder) / xlsx_name
        if (pdf.exists() or xlsx.exists()) and not self._replace(pdf, xlsx):
            return
        ctx = self.ctx
        Op(
            ctx,
            self,
            lambda: export_month_report(ctx.uow(), actor=ctx.actor, period=period, pdf_path=pdf, xlsx_path=xlsx),
        ).busy(self).on_success(self._exported).run()

    def _replace(self, pdf: Path, xlsx: Path) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Export report"),
            self.tr("{pdf} or {xlsx} is already in this folder. Replace them?").format(pdf=pdf.name, xlsx=xlsx.name),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _exported(self, files: MonthReportFiles) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Export report"),
            self.tr("The KPI report was saved:\n{pdf}\n{xlsx}").format(pdf=files.pdf, xlsx=files.xlsx),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("kpi_report_exported")
        box.finished.connect(box.deleteLater)
        box.open()
