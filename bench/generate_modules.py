"""Dataset S's test drives and PDIs (issue #10), added by bench/generate.py's `extras` step.

Rows match what the services write at the end of each flow: a returned test drive with its
sealed ID and licence numbers (app/core/personal_data.py), escort, terms, check, weather and its two
half-hour slots; a PDI with one result and one history event per applicable checklist item
of the default template (loaded by the PDI service itself), passed or, now and then, failed
with a rectification. Deterministic like the rest.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, text

from bench.generate import END


def add_module_rows(g) -> None:
    if g.size.test_drives:
        _test_drives(g)
    if g.size.pdis:
        _pdis(g)
    if g.dataset == "S" and g.size.pdis:  # issue #18.11: five years of sales
        from bench.generate_sales import add_sales_rows

        add_sales_rows(g)
        from bench.generate_care import add_care_rows  # issue #19.10: five years of customer care

        add_care_rows(g)
        from bench.generate_complaints import add_complaint_rows  # issue #19.10: five years of complaints

        add_complaint_rows(g)


def _test_drives(g) -> None:
    from app.core import personal_data

    rng = g.rng
    manager = g.users["manager"]
    fleet = [v for v in g.vehicle_rows if v["status"] == "test_drive_fleet"][:10] or g.vehicle_rows[:4]
    routes = [
        dict(
            id=1,
            name="滨江线",
            description="龙华中路—龙腾大道—瑞宁路",
            map_image=None,
            distance_km=8.5,
            typical_minutes=25,
            filing_ref="沪交警试驾备 2021-118",
            filing_date=dt.date(2021, 10, 8),
            active=True,
            created_at=g.start,
            updated_at=g.start,
            updated_by_id=manager,
            version=1,
        ),
        dict(
            id=2,
            name="高架线",
            description="内环高架—中环路—沪闵高架",
            map_image=None,
            distance_km=15.0,
            typical_minutes=35,
            filing_ref="沪交警试驾备 2021-119",
            filing_date=dt.date(2021, 10, 8),
            active=True,
            created_at=g.start,
            updated_at=g.start,
            updated_by_id=manager,
            version=1,
        ),
    ]
    g._insert("test_drive_route", routes)
    cars = []
    for n, v in enumerate(fleet, start=1):
        plate = f"沪A{'D' if v['powertrain'] in ('BEV', 'PHEV') else ''}{n:05d}"[:8]
        cars.append(
            dict(
                id=n,
                vehicle_id=v["id"],
                plate=plate,
                transmission="automatic",
                registration_date=g.start.date(),
                compulsory_insurance_until=END.date() + dt.timedelta(days=200),
                commercial_insurance_until=END.date() + dt.timedelta(days=200),
                occupant_liability=True,
                inspection_until=END.date() + dt.timedelta(days=300),
                last_maintenance=END.date() - dt.timedelta(days=40),
                maintenance_due=END.date() + dt.timedelta(days=140),
                signage_confirmed=True,
                active=True,
                created_at=g.start,
                updated_at=g.start,
                updated_by_id=manager,
                version=1,
            )
        )
    g._insert("test_drive_car", cars)

    drives, slots = [], []
    n = g.size.test_drives
    days = (END - g.start).days
    per_day = max(1, -(-n // days))
    for k in range(n):
        car = cars[k % len(cars)]
        day = g.start + dt.timedelta(days=min(days - 1, k // per_day))
        hour = 1 + (k % per_day) % 10  # UTC 1:00-10:00 = 9:00-18:00 store time
        start = day + dt.timedelta(hours=hour)
        end = start + dt.timedelta(hours=1)
        customer = rng.randrange(1, g.size.customers + 1)
        escort = rng.choice(g.consultants)
        id_number = f"3101{rng.randrange(10**13):013d}X"
        licence = id_number
        field = "test_drive.{}_sealed"
        route = routes[k % 2]
        drives.append(
            dict(
                id=k + 1,
                status="returned",
                car_id=car["id"],
                route_id=route["id"],
                customer_name=f"客户{customer}",
                customer_id=customer,
                visit_id=None,
                walk_in=k % 3 == 0,
                planned_start=start,
                planned_end=end,
                planned_km=route["distance_km"],
                booked_by_id=escort,
                id_consent_at=start - dt.timedelta(minutes=20),
                id_consent_text="TD-ID-v1",
                id_consent_by_id=escort,
                id_type="resident_id",
                id_number_sealed=personal_data.seal(id_number, field=field.format("id_number")),
                id_number_masked=personal_data.mask(id_number),
                id_number_fingerprint=personal_data.fingerprint(id_number, field="test_drive.id_number"),
                licence_number_sealed=personal_data.seal(licence, field=field.format("licence_number")),
                licence_number_masked=personal_data.mask(licence),
                licence_class="C1",
                licence_valid_until=END.date() + dt.timedelta(days=900),
                licence_long_term=False,
                licence_first_issued=dt.date(2015, 6, 1),
                of_age_on=start.date(),
                birth_date_sealed=personal_data.seal("1988-03-09", field=field.format("birth_date")),
                foreign_licence=False,
                permit_number_sealed=None,
                permit_number_masked=None,
                permit_valid_until=None,
                qualified_at=start - dt.timedelta(minutes=18),
                qualified_by_id=escort,
                escort_id=escort,
                confirmed_at=start - dt.timedelta(minutes=15),
                confirmed_terms={"route": route["name"], "km": route["distance_km"]},
                check_items={"lights": True, "tyres": True, "energy": True, "signage": True, "warning_signs": True},
                check_at=start - dt.timedelta(minutes=12),
                check_by_id=escort,
                odometer_out=1000 + k,
                weather="sunny",
                weather_at=start - dt.timedelta(minutes=10),
                weather_override_reason=None,
                weather_override_by_id=None,
                agreement_document_id=None,
                agreement_number=f"TD-{start.year}-{k + 1:06d}",
                agreement_terms=None,
                actual_start=start,
                started_by_id=escort,
                actual_end=end - dt.timedelta(minutes=5),
                odometer_in=1000 + k + int(route["distance_km"]),
                damage_found=False,
                damage_notes="",
                feedback="",
                intent_level=rng.choice("HABC"),
                overdue=False,
                cancel_reason="",
                created_at=start - dt.timedelta(minutes=30),
                updated_at=end,
                updated_by_id=escort,
                version=9,
            )
        )
        slots += [
            dict(car_id=car["id"], slot_start=start, test_drive_id=k + 1),
            dict(car_id=car["id"], slot_start=start + dt.timedelta(minutes=30), test_drive_id=k + 1),
        ]
        if len(drives) >= 5_000:
            g._insert("test_drive", drives)
            g._insert("test_drive_slot", slots)
            drives, slots = [], []
    g._insert("test_drive", drives)
    g._insert("test_drive_slot", slots)


def _pdis(g) -> None:
    from app.pdi import templates as pdi_templates
    from db.pdi_models import PdiTemplate

    pdi_templates.ensure_default_template(g.db.uow())
    with g.db.uow() as uow:
        t = uow.session.scalar(select(PdiTemplate).where(PdiTemplate.current.is_(True)))
        template_id = t.id
        definition = pdi_templates.definition_of(t)
    rng = g.rng
    technicians = [g.users["pdi1"], g.users["pdi2"]]
    applicable = {}
    inspections, results, events, fixes = [], [], [], []
    result_id = 0
    vehicles = [v for v in g.vehicle_rows if v["status"] in ("delivered", "sold", "reserved")]
    n = g.size.pdis
    for k in range(n):
        v = vehicles[k % len(vehicles)]
        items = applicable.get(v["powertrain"])
        if items is None:
            items = applicable[v["powertrain"]] = definition.applicable(v["powertrain"])
        tech = technicians[k % 2]
        started = v["created_at"] + dt.timedelta(days=2, hours=rng.random() * 6)
        # A car's second inspection (k >= number of cars) re-does a failed first one.
        failed = k < len(vehicles) and k % 9 == 0 and n > len(vehicles)
        status = "failed" if failed else "passed"
        done = started + dt.timedelta(minutes=90)
        inspections.append(
            dict(
                id=k + 1,
                vehicle_id=v["id"],
                template_id=template_id,
                powertrain=v["powertrain"],
                status=status,
                technician_id=tech,
                certificate_no=f"SH-PDI-pdi{k % 2 + 1}",
                started_at=started,
                paused_at=None,
                completed_at=done,
                completed_by_id=tech,
                customer_name="",
                report_document_id=None,
                updated_at=done,
                updated_by_id=tech,
                version=len(items) + 2,
            )
        )
        bad = rng.randrange(len(items)) if failed else -1
        for pos, item in enumerate(items):
            result_id += 1
            at = started + dt.timedelta(minutes=pos)
            result = "not_ok" if pos == bad else "ok"
            results.append(
                dict(
                    id=result_id,
                    inspection_id=k + 1,
                    item_id=item.id,
                    position=pos,
                    result=result,
                    value="",
                    note="漆面划痕" if pos == bad else "",
                    defect_found=pos == bad,
                    recorded_at=at,
                    recorded_by_id=tech,
                    updated_at=at,
                    updated_by_id=tech,
                    version=2,
                )
            )
            events.append(
                dict(
                    item_result_id=result_id,
                    result=result,
                    value="",
                    note="漆面划痕" if pos == bad else "",
                    recorded_at=at,
                    recorded_by_id=tech,
                )
            )
            if pos == bad:
                fixes.append(
                    dict(
                        inspection_id=k + 1,
                        item_result_id=result_id,
                        item_id=item.id,
                        defect="漆面划痕",
                        action_taken="抛光处理",
                        parts_replaced="",
                        repaired_by="钣喷组",
                        assembly_repair=False,
                        assembly_name="",
                        recorded_at=done,
                        recorded_by_id=tech,
                        acknowledged_by="",
                        acknowledged_at=None,
                        acknowledgement_recorded_by_id=None,
                        updated_at=done,
                        updated_by_id=tech,
                        version=1,
                    )
                )
        if len(results) >= 50_000:
            _flush(g, inspections, results, events, fixes)
            inspections, results, events, fixes = [], [], [], []
    _flush(g, inspections, results, events, fixes)
    if g.url.startswith("sqlite"):
        with g.db.engine.begin() as conn:
            conn.execute(text("analyze"))


def _flush(g, inspections, results, events, fixes) -> None:
    g._insert("pdi_inspection", inspections)
    g._insert("pdi_item_result", results)
    g._insert("pdi_item_event", events)
    g._insert("pdi_rectification", fixes)
