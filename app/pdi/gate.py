"""The PDI delivery gate (T/CSCA 120031-2023 4.4.1.2–4.4.1.4): a car is handed over only
after a passed PDI on the checklist current for its brand, with the signed report.
Called by inventory's vehicles.change_status through app/pdi/api.py."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.errors import ShowroomError
from app.pdi.rules import InspectionStatus
from app.pdi.templates import current_template_row, require_approved
from db.models import Document, Vehicle
from db.pdi_models import PdiInspection

IS = InspectionStatus


def delivery_gate(session: Session, vehicle: Vehicle) -> None:
    """T/CSCA 120031 4.4.1.2–4.4.1.4, called by vehicles.change_status before 'delivered':
    the car needs a passed PDI of the template version current for its brand, and its
    signed report (the customer's copy). Raises `pdi_required` / `pdi_report_required`, or
    `pdi_checklist_not_approved` for a short checklist left current from before issue #17."""
    template = current_template_row(session, vehicle.brand)
    passed = None
    if template is not None:
        # A checklist shorter than the standard, never approved, passes no car (4.4.1.2 b).
        require_approved(template)
        passed = session.scalar(
            select(PdiInspection)
            .where(
                PdiInspection.vehicle_id == vehicle.id,
                PdiInspection.status == IS.PASSED.value,
                PdiInspection.template_id == template.id,
                # Inspected as the car is now: a corrected powertrain changes the applicable items.
                PdiInspection.powertrain == vehicle.powertrain,
            )
            .order_by(PdiInspection.id.desc())
            .limit(1)
        )
    if passed is None:
        outdated = session.scalar(
            select(PdiInspection.id).where(
                PdiInspection.vehicle_id == vehicle.id, PdiInspection.status == IS.PASSED.value
            )
        )
        raise ShowroomError("pdi_required", vin=vehicle.vin, outdated=outdated is not None)
    if not has_valid_report(session, passed):
        # A voided report counts as none (issue #17.2), as a voided test-drive agreement does.
        raise ShowroomError("pdi_report_required", vin=vehicle.vin, id=passed.id)


def has_valid_report(session: Session, ins: PdiInspection) -> bool:
    """The inspection's signed report exists and has not been voided (4.4.1.4)."""
    if ins.report_document_id is None:
        return False
    doc = session.get(Document, ins.report_document_id)
    return doc is not None and doc.voided_at is None
