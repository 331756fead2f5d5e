"""A PDI checklist is no shorter than the standard allows (T/CSCA 120031-2023 4.4.1.2 b: "检查
项目应不少于《乘用车新车售前检查服务指引（试行）》的规定"; issue #17).

A one-item brand checklist imported by `pdi-template import` used to become current, and the
delivery gate then accepted a pass on it. Now a checklist covers the default checklist's
sections and items, or names each omission with its reason, and it becomes current only
when an administrator approves those omissions.
"""

from __future__ import annotations

import json

import pytest

from app.core.errors import ShowroomError, ValidationFailed
from app.inventory import vehicles
from app.pdi import inspections as pdi, report as pdi_report, templates as pdi_templates
from db.models import Role
from db.pdi_models import PdiTemplate
from tests.contract_factories import deliver_car
from tests.admin_cli import admin_cli
from tests.factories import isolated_data_dir, make_store, make_user  # noqa: F401  (fixture)
from tests.integration.test_pdi_permissions import passed_inspection, signatures, sold_car, technician

pytestmark = pytest.mark.usefixtures("isolated_data_dir")

ONE_ITEM = {
    "key": "bmw",
    "brand": "宝马",
    "title": {"zh": "宝马 PDI", "en": "BMW PDI"},
    "sections": [{"id": "D", "zh": "证件", "en": "Documents", "items": [{"id": "D01", "zh": "VIN", "en": "VIN"}]}],
}


def _write(tmp_path, data, name="brand.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def _deliver(uow, manager, car_id):
    # Delivered only through the handover (issue #18.4), which keeps this PDI gate.
    return deliver_car(uow, manager, car_id)


@pytest.fixture()
def people(uow):
    make_store(uow)
    return make_user(uow, Role.ADMIN, username="root"), make_user(uow, Role.SALES_MANAGER), technician(uow)


def test_a_one_item_checklist_is_refused_naming_everything_it_leaves_out(uow, people, tmp_path):
    admin, _manager, _tech = people
    with pytest.raises(ValidationFailed) as e:
        pdi_templates.import_template(uow(), actor=admin, path=_write(tmp_path, ONE_ITEM), approve_omissions=True)
    left_out = [f.params["omitted"] for f in e.value.errors if f.code == "pdi_omission_unnamed"]
    # D02..D08 one by one (D01 is there), then every other section as a whole.
    assert left_out == ["D02", "D03", "D04", "D05", "D06", "D07", "D08", "E", "I", "B", "L", "U", "N", "R", "F"]
    with uow() as u:
        assert u.session.query(PdiTemplate).filter_by(brand="宝马").count() == 0  # nothing published


def test_named_omissions_need_the_administrators_approval_then_the_gate_uses_the_checklist(
    uow, people, tmp_path, db_url, capsys
):
    admin, manager, tech = people
    data = dict(ONE_ITEM, omissions=[{"item": f"D0{n}", "reason": "宝马另行检查"} for n in range(2, 9)])
    data["omissions"] += [{"section": s, "reason": "宝马原厂清单另行检查（测试）"} for s in "EIBLUNRF"]
    path = _write(tmp_path, data)
    # Without the approval: refused, every omission listed with its reason.
    assert admin_cli("pdi-template", "import", path, "--database-url", db_url) == 2
    err = capsys.readouterr().err
    assert "leaves out 15 part(s)" in err and "--approve-omissions" in err
    assert "B 发动机舱（燃油/混动/插混） / Engine bay (ICE/HEV/PHEV): 宝马原厂清单另行检查（测试）" in err
    # A stale omission (naming something the checklist covers) is refused too.
    stale = dict(data, omissions=[*data["omissions"], {"item": "D01", "reason": "x"}])
    with pytest.raises(ValidationFailed) as e:
        pdi_templates.import_template(
            uow(), actor=admin, path=_write(tmp_path, stale, "stale.json"), approve_omissions=True
        )
    assert [(f.field, f.code) for f in e.value.errors] == [("omissions[15]", "pdi_omission_not_omitted")]
    # Approved: current, and the approval is kept with the version.
    assert admin_cli("pdi-template", "import", path, "--approve-omissions", "--database-url", db_url) == 0
    assert "宝马" in capsys.readouterr().out
    with uow() as u:
        t = u.session.query(PdiTemplate).filter_by(brand="宝马", current=True).one()
        assert t.definition["omissions_approved"]["by_id"] == admin.user_id
        assert len(t.definition["omissions"]) == 15
    car = sold_car(uow, manager, brand="宝马")
    ins = passed_inspection(uow, tech, car.id)
    assert len(ins.items) == 1 and ins.status == "passed"


def test_the_delivery_gate_is_unchanged_for_the_default_checklist(uow, people):
    _admin, manager, tech = people
    car = sold_car(uow, manager)
    with pytest.raises(ShowroomError) as e:
        _deliver(uow, manager, car.id)
    assert e.value.code == "pdi_required"
    ins = passed_inspection(uow, tech, car.id)
    assert len(ins.items) == 62 - 9  # an ICE car: no NEV section
    pdi_report.issue_pdi_report(
        uow(), actor=tech, inspection_id=ins.id, customer_name="李女士", signatures=signatures()
    )
    assert _deliver(uow, manager, car.id).status == "delivered"


def test_an_edit_that_retires_a_standard_item_needs_its_reason_and_approval(uow, people):
    admin, _manager, _tech = people
    current = pdi_templates.list_templates(uow(), actor=admin, include_old=False)[0]
    data = pdi_templates.export_template(uow(), actor=admin)
    data["sections"][1]["items"][8]["retired"] = True  # E09 wipers
    with pytest.raises(ValidationFailed) as e:
        pdi_templates.publish_template(uow(), actor=admin, definition=data, based_on_id=current.id)
    assert [(f.code, f.params["omitted"]) for f in e.value.errors] == [("pdi_omission_unnamed", "E09")]
    data["omissions"] = [{"item": "E09", "reason": ""}]
    with pytest.raises(ValidationFailed) as e:
        pdi_templates.publish_template(uow(), actor=admin, definition=data, based_on_id=current.id)
    assert [(f.field, f.code) for f in e.value.errors] == [("omissions[0].reason", "pdi_omission_needs_reason")]
    data["omissions"] = [{"item": "E09", "reason": "车型无雨刮"}]
    with pytest.raises(ValidationFailed) as e:
        pdi_templates.publish_template(uow(), actor=admin, definition=data, based_on_id=current.id)
    assert [(f.code, f.params["reason"]) for f in e.value.errors] == [("pdi_omission_unapproved", "车型无雨刮")]
    new = pdi_templates.publish_template(
        uow(), actor=admin, definition=data, based_on_id=current.id, approve_omissions=True
    )
    assert new.template_version == 2 and new.current


def test_a_brand_numbering_covers_standard_items_and_a_powertrain_left_out_is_named(uow, people):
    admin, _manager, _tech = people
    data = pdi_templates.export_template(uow(), actor=admin)
    data.update(key="own", brand="自主")
    engine_bay = data["sections"][3]
    assert engine_bay["id"] == "B"
    # The brand numbers B01 as its own K01 and checks B02 on petrol cars only.
    engine_bay["items"][0]["id"], engine_bay["items"][0]["covers"] = "B07", ["B01"]
    engine_bay["items"][1]["applies_to"] = ["ICE"]
    with pytest.raises(ValidationFailed) as e:
        pdi_templates.publish_template(uow(), actor=admin, definition=data, based_on_id=None)
    assert [(f.params["omitted"], f.params["powertrains"]) for f in e.value.errors] == [("B02", "HEV, PHEV")]


def test_a_short_checklist_left_current_from_before_opens_no_inspection_and_no_delivery(uow, people):
    # A database where the one-item checklist of issue #17 was imported before this rule.
    from app.pdi.rules import definition_to_json, parse_definition

    _admin, manager, tech = people
    with uow() as u:
        d = parse_definition(ONE_ITEM)
        u.session.add(
            PdiTemplate(
                key=d.key,
                brand=d.brand,
                template_version=1,
                title_zh="宝马",
                title_en="BMW",
                definition=definition_to_json(d),
                current=True,
            )
        )
        u.commit()
    car = sold_car(uow, manager, brand="宝马")
    with pytest.raises(ShowroomError) as e:
        pdi.start_inspection(uow(), actor=tech, vehicle_id=car.id)
    assert e.value.code == "pdi_checklist_not_approved" and e.value.params["brand"] == "宝马"
    with pytest.raises(ShowroomError) as e:
        _deliver(uow, manager, car.id)
    assert e.value.code == "pdi_checklist_not_approved"
