"""The manager's KPI dashboard, its drill-down, targets, the monthly report and the evidence pack (issue #20)."""
