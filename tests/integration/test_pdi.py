"""PDI inspections (issue #7, T/CSCA 120031-2023 4.4.1.1–4.4.1.4) through the real services on a
real database: certificate rule, every-item rule, rectification and re-check, assembly
disclosure, the delivery gate, template versions, two terminals, the signed report."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from app.pdi.rules import InspectionStatus, QueueState
from app.core.errors import Conflict, PermissionDenied, ShowroomError, ValidationFailed
from app.documents import documents
from app.pdi import inspections as pdi, queries as pdi_queries, report as pdi_report, templates as pdi_templates
from app.inventory import vehicles
from db.models import Role
from tests.contract_factories import deliver_car
from tests.factories import isolated_data_dir, make_store, make_user  # noqa: F401  (fixture)
from tests.integration.test_pdi_permissions import passed_inspection, record_all_ok, signatures, sold_car, technician

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


@pytest.fixture()
def setup(uow):
    make_store(uow)
    manager = make_user(uow, Role.SALES_MANAGER, full_name="王经理")
    tech = technician(uow)
    return manager, tech


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (640, 480), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


# --- 4.4.1.3: certified technicians ------------------------------------------------------------


def test_a_technician_without_a_certificate_cannot_start(uow, setup):
    manager, _ = setup
    car = sold_car(uow, manager)
    uncertified = make_user(uow, Role.PDI_TECHNICIAN)
    with pytest.raises(ShowroomError) as e:
        pdi.start_inspection(uow(), actor=uncertified, vehicle_id=car.id)
    assert e.value.code == "pdi_certificate_missing"
    assert pdi_queries.queue(uow(), actor=manager)[0].state == QueueState.AWAITING


def test_an_expired_certificate_is_refused_also_in_the_middle_of_an_inspection(uow, setup):
    manager, _ = setup
    car = sold_car(uow, manager)
    expired = technician(uow, pdi_certificate_expiry=dt.date.today() - dt.timedelta(days=1))
    with pytest.raises(ShowroomError) as e:
        pdi.start_inspection(uow(), actor=expired, vehicle_id=car.id)
    assert e.value.code == "pdi_certificate_expired"
    # A certificate expiring while an inspection is open stops the recording too.
    tech = technician(uow)
    ins = pdi.start_inspection(uow(), actor=tech, vehicle_id=car.id)
    from db.models import StaffUser

    with uow() as u:
        u.session.get(StaffUser, tech.user_id).pdi_certificate_expiry = dt.date(2020, 1, 1)
        u.commit()
    item = ins.items[0]
    with pytest.raises(ShowroomError) as e:
        pdi.record_item(uow(), actor=tech, item_result_id=item.id, expected_version=item.version, result="ok")
    assert e.value.code == "pdi_certificate_expired"


def test_a_sales_manager_may_look_but_not_record(uow, setup):
    manager, _ = setup
    car = sold_car(uow, manager)
    with pytest.raises(PermissionDenied):
        pdi.start_inspection(uow(), actor=manager, vehicle_id=car.id)


# --- templates: items by powertrain, versions ----------------------------------------------------


def test_the_default_checklist_applies_items_by_powertrain(uow, setup):
    manager, tech = setup
    ice = pdi.start_inspection(uow(), actor=tech, vehicle_id=sold_car(uow, manager).id)
    bev = pdi.start_inspection(
        uow(),
        actor=tech,
        vehicle_id=sold_car(uow, manager, powertrain="BEV", power_kw=150, range_km=500, battery_kwh=60).id,
    )
    phev = pdi.start_inspection(uow(), actor=tech, vehicle_id=sold_car(uow, manager, powertrain="PHEV").id)
    ids = {name: {i.item_id for i in ins.items} for name, ins in (("ice", ice), ("bev", bev), ("phev", phev))}
    assert {"B01", "B06", "D01", "F04", "R06"} <= ids["ice"] and not any(i.startswith("N") for i in ids["ice"])
    assert not any(i.startswith("B") for i in ids["bev"]) and {"N01", "N09"} <= ids["bev"]
    assert {"B01", "N01"} <= ids["phev"]
    assert len(ids["ice"]) == 53 and len(ids["bev"]) == 56 and len(ids["phev"]) == 62
    assert ice.items[0].item_id == "D01" and ice.template_version == 1


def test_an_edit_publishes_a_new_version_old_inspections_keep_theirs_and_the_gate_wants_the_new(uow, setup):
    manager, tech = setup
    admin = make_user(uow, Role.ADMIN)
    car = sold_car(uow, manager)
    old = passed_inspection(uow, tech, car.id)
    pdi_report.issue_pdi_report(
        uow(), actor=tech, inspection_id=old.id, customer_name="李女士", signatures=signatures()
    )
    current = pdi_templates.list_templates(uow(), actor=admin, include_old=False)[0]
    data = pdi_templates.export_template(uow(), actor=admin)
    # Add an item, move the road test first, retire E09.
    data["sections"][1]["items"].append({"id": "E10", "zh": "车顶行李架", "en": "Roof rails"})
    data["sections"].insert(0, data["sections"].pop(7))
    data["sections"][2]["items"][8]["retired"] = True
    # Retiring a standard item is an omission: named with its reason and approved (4.4.1.2 b).
    data["omissions"] = [{"item": "E09", "reason": "本品牌车型无雨刮（测试用）"}]
    new = pdi_templates.publish_template(
        uow(), actor=admin, definition=data, based_on_id=current.id, approve_omissions=True
    )
    assert new.template_version == 2 and new.current
    # The old inspection still shows version 1 and its items.
    kept = pdi_queries.get_inspection(uow(), actor=manager, inspection_id=old.id)
    assert kept.template_version == 1 and not kept.template_current and kept.item("E09")
    # The gate now wants a pass of version 2.
    with pytest.raises(ShowroomError) as e:
        _deliver(uow, manager, car.id)
    assert e.value.code == "pdi_required" and e.value.params["outdated"] is True
    row = pdi_queries.queue(uow(), actor=manager)[0]
    assert row.state == QueueState.AWAITING and row.outdated
    fresh = pdi.start_inspection(uow(), actor=tech, vehicle_id=car.id)
    assert fresh.template_version == 2 and fresh.items[0].item_id == "R01"
    assert fresh.item("E10") and fresh.item("E09") is None
    # A second admin editing from version 1 is refused: nothing is published.
    with pytest.raises(Conflict):
        pdi_templates.publish_template(
            uow(), actor=admin, definition=data, based_on_id=current.id, approve_omissions=True
        )
    assert [t.template_version for t in pdi_templates.list_templates(uow(), actor=admin)] == [2, 1]


def test_import_reports_every_problem_and_brand_templates_take_precedence(uow, setup, tmp_path):
    manager, tech = setup
    admin = make_user(uow, Role.ADMIN)
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "key": "x",
                "title": {"zh": "清单"},
                "sections": [
                    {
                        "id": "E",
                        "zh": "外观",
                        "en": "Exterior",
                        "items": [
                            {"id": "E01", "zh": "漆面", "en": "Paint", "applies_to": ["DIESEL"]},
                            {"id": "E01", "zh": "", "en": "Gaps"},
                        ],
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(ValidationFailed) as e:
        pdi_templates.import_template(uow(), actor=admin, path=bad)
    found = {(f.field, f.code) for f in e.value.errors}
    assert {
        ("title.en", "required"),
        ("sections[0].items[0].applies_to", "pdi_template_powertrains"),
        ("sections[0].items[1].id", "pdi_template_duplicate_id"),
        ("sections[0].items[1].zh", "required"),
    } <= found
    (tmp_path / "junk.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ShowroomError) as e:
        pdi_templates.import_template(uow(), actor=admin, path=tmp_path / "junk.json")
    assert e.value.code == "pdi_template_not_json"
    brand = tmp_path / "vw.json"
    data = pdi_templates.export_template(uow(), actor=admin)
    data.update(key="vw", brand="大众")
    data["sections"] = data["sections"][:2]
    data["omissions"] = [{"section": sid, "reason": "品牌清单另行检查"} for sid in "IBLUNRF"]
    brand.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    t = pdi_templates.import_template(uow(), actor=admin, path=brand, approve_omissions=True)
    assert (t.brand, t.template_version) == ("大众", 1)
    ins = pdi.start_inspection(uow(), actor=tech, vehicle_id=sold_car(uow, manager).id)
    assert ins.template_brand == "大众" and len(ins.items) == 17
    other = pdi.start_inspection(uow(), actor=tech, vehicle_id=sold_car(uow, manager, brand="别克").id)
    assert other.template_brand == "*"


# --- 4.4.1.2 / 4.4.1.4: every item, defects, repairs, disclosure ---------------------------------


def test_it_cannot_complete_with_open_items_and_fails_with_a_defect(uow, setup):
    manager, tech = setup
    car = sold_car(uow, manager)
    ins = pdi.start_inspection(uow(), actor=tech, vehicle_id=car.id)
    with pytest.raises(ShowroomError) as e:
        pdi.complete_inspection(uow(), actor=tech, inspection_id=ins.id, expected_version=ins.version)
    assert e.value.code == "pdi_items_open" and e.value.params["count"] == 53
    paint = ins.item("E01")
    with pytest.raises(ValidationFailed) as e:  # a defect is described
        pdi.record_item(uow(), actor=tech, item_result_id=paint.id, expected_version=paint.version, result="not_ok")
    assert e.value.for_field("note").code == "pdi_defect_needs_note"
    ins = pdi.record_item(
        uow(),
        actor=tech,
        item_result_id=paint.id,
        expected_version=paint.version,
        result="not_ok",
        note="左前门划痕 5 cm",
    )
    ins = record_all_ok(uow, tech, ins)
    ins = pdi.complete_inspection(uow(), actor=tech, inspection_id=ins.id, expected_version=ins.version)
    assert ins.status == InspectionStatus.FAILED and ins.blockers == {"not_ok": ["E01"]}
    assert pdi_queries.queue(uow(), actor=manager)[0].state == QueueState.FAILED


def test_a_defect_is_rectified_re_checked_and_an_assembly_repair_acknowledged_before_it_passes(uow, setup):
    manager, tech = setup
    car = sold_car(uow, manager)
    ins = pdi.start_inspection(uow(), actor=tech, vehicle_id=car.id)
    ac = ins.item("I06")
    ins = pdi.record_item(
        uow(), actor=tech, item_result_id=ac.id, expected_version=ac.version, result="not_ok", note="空调不制冷"
    )
    ac = ins.item("I06")
    # Re-checking OK before a repair is recorded is refused.
    with pytest.raises(ValidationFailed) as e:
        pdi.record_item(uow(), actor=tech, item_result_id=ac.id, expected_version=ac.version, result="ok")
    assert e.value.for_field("result").code == "pdi_rectification_required"
    with pytest.raises(ValidationFailed) as e:
        pdi.record_rectification(
            uow(), actor=tech, item_result_id=ac.id, action_taken="更换压缩机", repaired_by="", assembly_repair=True
        )
    assert {f.field for f in e.value.errors} == {"repaired_by", "assembly_name"}
    ins = pdi.record_rectification(
        uow(),
        actor=tech,
        item_result_id=ac.id,
        action_taken="更换空调压缩机总成",
        parts_replaced="压缩机 1 件",
        repaired_by="张师傅",
        assembly_repair=True,
        assembly_name="空调压缩机",
    )
    ac = ins.item("I06")
    ins = pdi.record_item(
        uow(), actor=tech, item_result_id=ac.id, expected_version=ac.version, result="ok", note="复检制冷正常"
    )
    assert ins.item("I06").defect_found
    assert [(e.result, e.note) for e in ins.item("I06").history] == [("not_ok", "空调不制冷"), ("ok", "复检制冷正常")]
    assert ins.item("I06").first_defect().recorded_by_name == "孙海涛"
    ins = record_all_ok(uow, tech, ins)
    ins = pdi.complete_inspection(uow(), actor=tech, inspection_id=ins.id, expected_version=ins.version)
    assert ins.status == InspectionStatus.FAILED and ins.blockers == {"unacknowledged": ["I06"]}
    repair = ins.rectifications[0]
    pdi.acknowledge_disclosure(
        uow(), actor=tech, rectification_id=repair.id, expected_version=repair.version, customer_name="李女士"
    )
    ins = pdi_queries.get_inspection(uow(), actor=tech, inspection_id=ins.id)
    ins = pdi.complete_inspection(uow(), actor=tech, inspection_id=ins.id, expected_version=ins.version)
    assert ins.status == InspectionStatus.PASSED and ins.blockers == {}
    assert ins.rectifications[0].acknowledged_by == "李女士"


def test_not_applicable_needs_a_reason_and_numbers_are_numbers(uow, setup):
    manager, tech = setup
    ins = pdi.start_inspection(uow(), actor=tech, vehicle_id=sold_car(uow, manager).id)
    odo = ins.item("D04")
    with pytest.raises(ValidationFailed) as e:
        pdi.record_item(
            uow(), actor=tech, item_result_id=odo.id, expected_version=odo.version, result="n_a", value="twelve"
        )
    assert {(f.field, f.code) for f in e.value.errors} == {
        ("value", "pdi_value_not_number"),
        ("note", "pdi_na_needs_reason"),
    }
    ins = pdi.record_item(
        uow(), actor=tech, item_result_id=odo.id, expected_version=odo.version, result="ok", value="12"
    )
    assert ins.item("D04").value == "12" and ins.item("D04").recorded_by_name == "孙海涛"


# --- two terminals, pause and resume -----------------------------------------------------------


def test_two_terminals_never_silently_overwrite_an_item(uow, setup):
    manager, tech = setup
    other = technician(uow, full_name="赵技师")
    ins = pdi.start_inspection(uow(), actor=tech, vehicle_id=sold_car(uow, manager).id)
    tyre = ins.item("E06")
    pdi.record_item(uow(), actor=tech, item_result_id=tyre.id, expected_version=tyre.version, result="ok", value="250")
    with pytest.raises(Conflict):  # the second terminal still holds the old version
        pdi.record_item(
            uow(),
            actor=other,
            item_result_id=tyre.id,
            expected_version=tyre.version,
            result="not_ok",
            value="180",
            note="左后胎压低",
        )
    # A different item on the second terminal is no conflict.
    paint = ins.item("E01")
    pdi.record_item(uow(), actor=other, item_result_id=paint.id, expected_version=paint.version, result="ok")
    now = pdi_queries.get_inspection(uow(), actor=tech, inspection_id=ins.id)
    assert now.item("E06").value == "250" and now.item("E06").recorded_by_name == "孙海涛"
    assert now.item("E01").recorded_by_name == "赵技师"
    # Pausing on one terminal: the other's stale copy cannot complete or pause it again.
    pdi.pause_inspection(uow(), actor=tech, inspection_id=ins.id, expected_version=now.version)
    with pytest.raises(Conflict):
        pdi.complete_inspection(uow(), actor=other, inspection_id=ins.id, expected_version=now.version)


def test_pause_and_resume(uow, setup):
    manager, tech = setup
    car = sold_car(uow, manager)
    ins = pdi.start_inspection(uow(), actor=tech, vehicle_id=car.id)
    ins = pdi.pause_inspection(uow(), actor=tech, inspection_id=ins.id, expected_version=ins.version)
    item = ins.items[0]
    with pytest.raises(ShowroomError) as e:
        pdi.record_item(uow(), actor=tech, item_result_id=item.id, expected_version=item.version, result="ok")
    assert e.value.code == "pdi_inspection_paused"
    with pytest.raises(ShowroomError) as e:  # one open inspection per car
        pdi.start_inspection(uow(), actor=tech, vehicle_id=car.id)
    assert e.value.code == "pdi_inspection_open"
    assert pdi_queries.queue(uow(), actor=manager)[0].state == QueueState.IN_PROGRESS
    ins = pdi.resume_inspection(uow(), actor=tech, inspection_id=ins.id, expected_version=ins.version)
    assert ins.status == InspectionStatus.IN_PROGRESS
    pdi.record_item(uow(), actor=tech, item_result_id=item.id, expected_version=item.version, result="ok")


# --- the delivery gate and the report --------------------------------------------------------------


def _deliver(uow, manager, car_id):
    # Delivered only through the handover (issue #18.4), which keeps this PDI gate.
    return deliver_car(uow, manager, car_id)


def test_the_car_is_delivered_only_after_a_passed_pdi_and_its_signed_report(uow, setup, tmp_path):
    manager, tech = setup
    car = sold_car(uow, manager)
    with pytest.raises(ShowroomError) as e:
        _deliver(uow, manager, car.id)
    assert e.value.code == "pdi_required"
    ins = pdi.start_inspection(uow(), actor=tech, vehicle_id=car.id)
    paint = ins.item("E01")
    ins = pdi.record_item(
        uow(), actor=tech, item_result_id=paint.id, expected_version=paint.version, result="not_ok", note="左前门划痕"
    )
    ins = pdi.add_photo(uow(), actor=tech, item_result_id=paint.id, content=_png(), caption="左前门")
    ins = pdi.record_rectification(
        uow(), actor=tech, item_result_id=paint.id, action_taken="抛光处理", repaired_by="张师傅"
    )
    paint = ins.item("E01")
    ins = pdi.record_item(
        uow(), actor=tech, item_result_id=paint.id, expected_version=paint.version, result="ok", note="复检合格"
    )
    ins = record_all_ok(uow, tech, ins)
    with pytest.raises(ShowroomError) as e:  # still in progress
        _deliver(uow, manager, car.id)
    assert e.value.code == "pdi_required"
    with pytest.raises(ShowroomError) as e:
        pdi_report.issue_pdi_report(
            uow(), actor=tech, inspection_id=ins.id, customer_name="李女士", signatures=signatures()
        )
    assert e.value.code == "pdi_not_passed"
    ins = pdi.complete_inspection(uow(), actor=tech, inspection_id=ins.id, expected_version=ins.version)
    with pytest.raises(ShowroomError) as e:
        _deliver(uow, manager, car.id)
    assert e.value.code == "pdi_report_required"
    with pytest.raises(ValidationFailed) as e:  # the customer must sign too
        pdi_report.issue_pdi_report(
            uow(), actor=tech, inspection_id=ins.id, customer_name="李女士", signatures=signatures()[:1]
        )
    assert e.value.for_field("customer_signature")
    doc = pdi_report.issue_pdi_report(
        uow(), actor=tech, inspection_id=ins.id, customer_name="李女士", signatures=signatures()
    )
    assert doc.number.startswith("PDI-") and doc.subject_type == "pdi"
    assert pdi_queries.queue(uow(), actor=manager)[0].state == QueueState.REPORTED
    assert _deliver(uow, manager, car.id).status == "delivered"

    # The archived report: signed by the store, and it reads back.
    check = documents.verify_archived_document(uow(), actor=manager, document_id=doc.id)
    assert check.ok and check.archived_number == doc.number
    data = documents.get_document_bytes(uow(), actor=manager, document_id=doc.id)
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(p.extract_text() for p in reader.pages)
    compact = text.replace(" ", "").replace("\n", "")
    for expected in (
        car.vin,
        "新车售前检查",
        "Pre-delivery inspection",
        "SH-PDI-2026-0001",
        "左前门划痕",
        "抛光处理",
        "张师傅",
        "4.4.1.4",
        "李女士",
        "孙海涛",
        "整改后复检",
        "发现人",
    ):
        assert expected.replace(" ", "") in compact, expected
    assert sum(len(p.images) for p in reader.pages) >= 3  # photo thumbnail + two signatures
    with pytest.raises(ShowroomError) as e:  # one report per inspection
        pdi_report.issue_pdi_report(
            uow(), actor=tech, inspection_id=ins.id, customer_name="李女士", signatures=signatures()
        )
    assert e.value.code == "pdi_report_exists"


def test_an_assembly_repair_must_be_acknowledged_before_the_pass(uow, setup):
    manager, tech = setup
    ins = pdi.start_inspection(uow(), actor=tech, vehicle_id=sold_car(uow, manager).id)
    item = ins.item("B05")
    ins = pdi.record_item(
        uow(), actor=tech, item_result_id=item.id, expected_version=item.version, result="not_ok", note="变速箱渗油"
    )
    ins = pdi.record_rectification(
        uow(),
        actor=tech,
        item_result_id=item.id,
        action_taken="更换变速箱总成",
        repaired_by="张师傅",
        assembly_repair=True,
        assembly_name="变速箱",
    )
    with pytest.raises(ValidationFailed):
        pdi.acknowledge_disclosure(
            uow(),
            actor=tech,
            rectification_id=ins.rectifications[0].id,
            expected_version=ins.rectifications[0].version,
            customer_name=" ",
        )
    item = ins.item("B05")
    ins = pdi.record_item(uow(), actor=tech, item_result_id=item.id, expected_version=item.version, result="ok")
    ins = record_all_ok(uow, tech, ins)
    ins = pdi.complete_inspection(uow(), actor=tech, inspection_id=ins.id, expected_version=ins.version)
    assert ins.status == "failed" and "unacknowledged" in ins.blockers


def test_an_open_inspection_on_a_replaced_checklist_gives_way_to_a_new_one(uow, setup):
    manager, tech = setup
    admin = make_user(uow, Role.ADMIN)
    car = sold_car(uow, manager)
    old = pdi.start_inspection(uow(), actor=tech, vehicle_id=car.id)
    current = pdi_templates.list_templates(uow(), actor=admin, include_old=False)[0]
    data = pdi_templates.export_template(uow(), actor=admin)
    data["sections"][0]["items"].append({"id": "D09", "zh": "购车发票", "en": "Purchase invoice"})
    pdi_templates.publish_template(uow(), actor=admin, definition=data, based_on_id=current.id)
    row = pdi_queries.queue(uow(), actor=manager)[0]
    assert row.state == QueueState.IN_PROGRESS and row.outdated
    new = pdi.start_inspection(uow(), actor=tech, vehicle_id=car.id)
    assert new.template_version == 2 and new.item("D09")
    kept = pdi_queries.get_inspection(uow(), actor=manager, inspection_id=old.id)
    assert kept.status == InspectionStatus.REPLACED  # the record stays (4.4.1.4)
    item = kept.items[0]
    with pytest.raises(ShowroomError) as e:
        pdi.record_item(uow(), actor=tech, item_result_id=item.id, expected_version=item.version, result="ok")
    assert e.value.code == "pdi_inspection_closed"
    with pytest.raises(ShowroomError) as e:  # but the new one is the only open one
        pdi.start_inspection(uow(), actor=tech, vehicle_id=car.id)
    assert e.value.code == "pdi_inspection_open"


def test_a_corrected_powertrain_needs_a_new_inspection(uow, setup):
    manager, tech = setup
    car = sold_car(uow, manager)
    passed = passed_inspection(uow, tech, car.id)
    pdi_report.issue_pdi_report(
        uow(), actor=tech, inspection_id=passed.id, customer_name="李女士", signatures=signatures()
    )
    v = vehicles.get_vehicle(uow(), actor=manager, vehicle_id=car.id)
    from tests.factories import vehicle_input

    data = vehicle_input(vin=v.vin, powertrain="PHEV")
    v = vehicles.update_vehicle(uow(), actor=manager, vehicle_id=car.id, expected_version=v.version, data=data)
    with pytest.raises(ShowroomError) as e:
        _deliver(uow, manager, car.id)
    assert e.value.code == "pdi_required"
    assert pdi_queries.queue(uow(), actor=manager)[0].state == QueueState.AWAITING
    fresh = pdi.start_inspection(uow(), actor=tech, vehicle_id=car.id)
    assert fresh.item("N01") is not None  # the NEV items now apply
