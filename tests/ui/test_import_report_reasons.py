"""Issue #17.5: the import report says why a row's status was not applied, in the user's words."""

from __future__ import annotations

from app.core.errors import FieldError
from app.inventory.vehicle_io import ImportReport, RowRejection
from ui.inventory.import_report_dialog import ImportReportDialog, RejectionColumn


def test_a_refused_status_names_both_statuses_and_the_moves_allowed(qtbot):
    error = FieldError("status", "status_transition", {"from": "in_stock", "to": "sold"})
    negative = FieldError("price_yuan", "price_negative")
    report = ImportReport(rejected=[RowRejection(2, "LSVAU2180N2183294", [error, negative])])
    dialog = ImportReportDialog(report)
    qtbot.addWidget(dialog)
    model = dialog.table.model()
    reasons = [model.index(i, RejectionColumn.REASONS).data() for i in range(model.rowCount())]
    assert "in_stock" not in reasons[0] and "sold" not in reasons[0]
    assert reasons[0].count("“") == 3  # from, to, and from again before the allowed moves
    assert "negative" in reasons[1] or "负" in reasons[1]
    assert "number" not in reasons[1]
