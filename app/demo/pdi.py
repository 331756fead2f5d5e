"""Demo PDI (issue #7): the default template and inspections in several states.

Through the real services, by the demo's certified technician (孙海涛, T/CSCA 120031 4.4.1.3):
  - the first reserved petrol car has passed (its report is left for the trainee to have signed
    by technician and customer: the demo's archived document count stays as it is);
  - the first reserved plug-in hybrid failed on the AC charging test, a defect waiting for its
    repair and re-check (4.4.1.4);
  - the first reserved battery-electric car is half-way through, in progress.
Items whose checklist entry asks for photos (F01: four corners and the odometer) get small
generated photos first: the service refuses a pass without them (issue #17.9).
Idempotent: a car that already has an inspection is left alone.
"""

from __future__ import annotations

from sqlalchemy import select

from app.pdi import inspections as pdi, templates as pdi_templates
from app.pdi.dto import PdiItemEntry
from app.demo.pdi_photos import demo_caption, demo_photo
from app.staff.auth import actor_of
from db.models import StaffUser, Vehicle, VehicleStatus
from db.pdi_models import PdiInspection
from db.sales_models import Contract
from db.uow import Database

TECHNICIAN = "sun.haitao"
# Values the checklist asks for, as a technician would read them off a new car.
VALUES = {
    "D03": "见合格证",
    "D04": "12",
    "D07": "2",
    "E06": "250",
    "L03": "12.6",
    "L05": "V2.3.1",
    "N01": "92",
    "R06": "18",
}
DEFECT = ("N04", "交流充电测试：充电枪插入后无法锁止，充电中断")


def _entry(item, defect) -> PdiItemEntry:
    """What the technician reads off the car for one item: OK with its value, or the defect."""
    if defect and item.item_id == defect[0]:
        return PdiItemEntry(item.id, item.version, "not_ok", note=defect[1])
    value = VALUES.get(item.item_id, "") if item.value_kind else ""
    return PdiItemEntry(item.id, item.version, "ok", value=value)


def record_inspection(db: Database, tech, ins, *, stop_after: int | None = None, defect=None):
    """Record the items through the service in one transaction (record_items checks each as
    record_item does: photos, values, versions), not one call per item: one call per item
    re-read the whole inspection each time, most of the demo's build time (issue #17, speed)."""
    items = [i for i in ins.items[:stop_after] if i.result is None]
    for item in items:
        if defect and item.item_id == defect[0]:
            continue
        for n in range(item.photos_missing):
            pdi.add_photo(db.uow(), actor=tech, item_result_id=item.id, content=demo_photo(n), caption=demo_caption(n))
    entries = [_entry(item, defect) for item in items]
    return pdi.record_items(db.uow(), actor=tech, inspection_id=ins.id, entries=entries)


def add_pdi_demo(db, manager, now) -> bool:
    """Add the demo data once; True when something was created."""
    created = pdi_templates.ensure_default_template(db.uow())
    with db.uow() as uow:
        user = uow.session.scalar(select(StaffUser).where(StaffUser.username == TECHNICIAN))
        if user is None:
            return created
        tech = actor_of(user)
        sold = list(
            uow.session.scalars(
                # Cars reserved for a customer (app/demo/vehicles.py); one sold by the demo's sale
                # (app/demo/sales.py) has its own PDI.
                select(Vehicle)
                .where(Vehicle.status == VehicleStatus.RESERVED.value, Vehicle.id.not_in(select(Contract.vehicle_id)))
                .order_by(Vehicle.id)
            )
        )
        inspected = set(uow.session.scalars(select(PdiInspection.vehicle_id)))
        first: dict[str, int] = {}
        for v in sold:
            first.setdefault(v.powertrain, v.id)
    plan = (("ICE", "passed"), ("PHEV", "failed"), ("BEV", "in_progress"))
    for powertrain, outcome in plan:
        vehicle_id = first.get(powertrain)
        if vehicle_id is None or vehicle_id in inspected:
            continue
        ins = pdi.start_inspection(db.uow(), actor=tech, vehicle_id=vehicle_id)
        if outcome == "in_progress":
            record_inspection(db, tech, ins, stop_after=len(ins.items) // 2)
        else:
            ins = record_inspection(db, tech, ins, defect=DEFECT if outcome == "failed" else None)
            pdi.complete_inspection(db.uow(), actor=tech, inspection_id=ins.id, expected_version=ins.version)
        created = True
    return created
