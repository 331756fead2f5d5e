"""Which records and which signed documents evidence which clause of T/CSCA 120031-2023, and
where the evidence pack puts them (issue #20.5; the audit of chapter 6 asks for each).

The clause index joins this small table with the clauses the code cites (clause_index.py).
Record kinds name the tables a feature keeps; document kinds are the archive's
(app.documents.api.DOC_TYPES, checked by tests). A clause's evidence is its own entry plus
those of its sub-clauses: 4.2.4 (试乘试驾) shows everything 4.2.4.1-4.2.4.8 keep.
"""

from __future__ import annotations

from dataclasses import dataclass

# Where the pack puts each part (app/kpis/evidence*.py writes exactly these paths).
KPI_WORKBOOK = "kpi/workbook.xlsx"
ROUTES_CSV = "registers/test_drive_routes.csv"
FLEET_CSV = "registers/test_drive_fleet.csv"
NOTICES_CSV = "registers/public_notices.csv"
STORE_NOTICES_DIR = "registers/store_notices/"
STAFF_CSV = "staff/qualifications.csv"
AUDIT_CSV = "audit/events.csv"
AUDIT_CHECK = "audit/verify_audit.json"
SAMPLE_INDEX = "samples/index.csv"
COMPLAINTS_CSV = "samples/complaint_closure/complaints.csv"
CLAUSE_INDEX_CSV = "clause_index.csv"
CLAUSE_INDEX_MD = "clause_index.md"


def sample_dir(kind: str) -> str:
    """samples/<document kind>/: the signed PDFs drawn for one kind."""
    return f"samples/{kind}/"


@dataclass(frozen=True)
class Evidence:
    records: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()  # document kinds (the archive's doc_type)
    files: tuple[str, ...] = ()  # paths in the pack


EVIDENCE: dict[str, Evidence] = {
    # 4.1.3.5 / 4.1.3.6: what the store shows the public (三包, service, complaint process).
    "4.1.3.5": Evidence(("public_notice",), ("store_notice",), (NOTICES_CSV, STORE_NOTICES_DIR)),
    "4.1.3.6": Evidence(("public_notice",), (), (NOTICES_CSV,)),
    # 4.2.1.2 一车一卡: the showroom card of each car.
    "4.2.1.2": Evidence(("vehicle",), ("vehicle_card",)),
    "4.2.3.4": Evidence(("deal",), ("disclosure",)),
    # 4.2.4 试乘试驾: agreement, qualification check, routes, escort, fleet register.
    "4.2.4.1": Evidence(("test_drive",), ("test_drive_agreement",), (sample_dir("test_drive_agreement"),)),
    "4.2.4.2": Evidence(("test_drive",), ("test_drive_agreement",)),
    "4.2.4.3": Evidence(("test_drive_route",), (), (ROUTES_CSV,)),
    "4.2.4.4": Evidence(("staff_user", "test_drive"), (), (STAFF_CSV,)),
    "4.2.4.8": Evidence(("test_drive_car",), (), (FLEET_CSV,)),
    "4.3.1.2": Evidence(("deal",), ("quote",)),
    "4.3.2.1": Evidence(("price_list",), ("price_list_notice",)),
    "4.3.3": Evidence(("contract",), ("sales_contract", "special_terms"), (sample_dir("sales_contract"),)),
    "4.3.2.4": Evidence(("contract",), ("entrustment",)),
    "4.3.4": Evidence(("payment",), ("payment_receipt",)),
    "4.3.5": Evidence(("payment",), ("settlement",)),
    # 4.4.1 车辆检查: PDI by certified technicians, a traceable report.
    "4.4.1.3": Evidence(("staff_user",), (), (STAFF_CSV,)),
    "4.4.1.4": Evidence(("pdi_inspection",), ("pdi_report",), (sample_dir("pdi_report"),)),
    # 4.4.2 车辆交接: the handover and its 三包凭证.
    "4.4.2": Evidence(
        ("contract",),
        ("handover", "warranty_certificate"),
        (sample_dir("handover"), sample_dir("warranty_certificate")),
    ),
    "4.5.1.2": Evidence(("follow_up_task", "task_attempt")),
    "4.5.2.1": Evidence(("complaint",), (), (COMPLAINTS_CSV,)),
    "4.5.2.2": Evidence(("complaint", "recovery_case")),
    "4.5.2.3": Evidence(("survey_response",)),
    # 5.1.1 records kept and not altered: the audit trail and its chain check.
    "5.1.1": Evidence(("audit_event",), (), (AUDIT_CSV, AUDIT_CHECK)),
    "5.2.1": Evidence(
        ("contract", "lead", "test_drive", "follow_up_task", "complaint", "survey_response"), (), (KPI_WORKBOOK,)
    ),
    "5.2.7": Evidence(("complaint",), (), (COMPLAINTS_CSV,)),
    "5.2.8": Evidence(("recovery_case",)),
}

# The signed documents the pack samples, and the clause each one evidences (in this order).
SAMPLED_KINDS: tuple[tuple[str, str], ...] = (
    ("test_drive_agreement", "4.2.4.1"),
    ("sales_contract", "4.3.3"),
    ("pdi_report", "4.4.1.4"),
    ("handover", "4.4.2"),
    ("warranty_certificate", "4.4.2"),
)
COMPLAINT_CLOSURE = ("complaint_closure", "4.5.2.1")


def evidence_for(clause: str) -> Evidence:
    """The clause's own entry plus its sub-clauses', each kind once, sorted."""
    parts = [e for key, e in EVIDENCE.items() if key == clause or key.startswith(clause + ".")]
    return Evidence(
        tuple(sorted({r for e in parts for r in e.records})),
        tuple(sorted({d for e in parts for d in e.documents})),
        tuple(sorted({f for e in parts for f in e.files})),
    )
