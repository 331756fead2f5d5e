"""Permission cases for PDI (issue #7): one callable per Action, run by test_permissions.py as every role.

Each case performs the action as `actor` (`manager` is a sales manager for set-up); it must
raise PermissionDenied exactly when the matrix refuses the actor's role. Also the builders
the PDI tests share (a certified technician, a sold car, a passed inspection).
"""

from __future__ import annotations

import datetime as dt

from app.core.permissions import Action
from app.pdi import inspections as pdi, queries as pdi_queries, templates as pdi_templates
from app.inventory import vehicles
from db.models import Role
from tests.factories import make_user, signature_capture, vehicle_input

VALID_UNTIL = dt.date.today() + dt.timedelta(days=365)


def technician(uow, **kw):
    """A pdi_technician with a valid certificate (T/CSCA 120031 4.4.1.3)."""
    kw.setdefault("pdi_certificate_no", "SH-PDI-2026-0001")
    kw.setdefault("pdi_certificate_expiry", VALID_UNTIL)
    kw.setdefault("full_name", "孙海涛")
    return make_user(uow, Role.PDI_TECHNICIAN, **kw)


def sold_car(uow, manager, **overrides):
    # A car is sold only by a contract and never enters as sold (issue #18.4): written sold as
    # a signed contract leaves it (tests/sales_factories.py), unless another status is asked.
    from tests.sales_factories import make_sold_vehicle

    status = overrides.pop("status", "sold")
    if status == "sold":
        return make_sold_vehicle(uow, manager, **overrides)
    return vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(status=status, **overrides))


def record_all_ok(uow, tech, ins):
    """Every open item OK (values where the item asks for one, photos where it asks for them)."""
    for item in ins.items:
        if item.result is None:
            for n in range(item.photos_missing):
                pdi.add_photo(uow(), actor=tech, item_result_id=item.id, content=tiny_png(), caption=f"{n + 1}")
            value = "1" if item.value_kind == "number" else ("v1" if item.value_kind else "")
            ins = pdi.record_item(
                uow(), actor=tech, item_result_id=item.id, expected_version=item.version, result="ok", value=value
            )
    return ins


def passed_inspection(uow, tech, vehicle_id):
    ins = pdi.start_inspection(uow(), actor=tech, vehicle_id=vehicle_id)
    ins = record_all_ok(uow, tech, ins)
    return pdi.complete_inspection(uow(), actor=tech, inspection_id=ins.id, expected_version=ins.version)


def tiny_png() -> bytes:
    from app.demo.pdi_photos import demo_photo

    return demo_photo(0)


def signatures(customer="李女士", tech_name="孙海涛"):
    return [signature_capture(tech_name, "technician", seed=2), signature_capture(customer, "customer", seed=5)]


def _view(uow, actor, manager, tmp_path):
    sold_car(uow, manager)
    pdi_queries.queue(uow(), actor=actor)


def _record(uow, actor, manager, tmp_path):
    car = sold_car(uow, manager)
    # The matrix check comes before the certificate rule: a role without RECORD_PDI is
    # refused outright; the permitted technician here holds no certificate and meets the rule.
    pdi.start_inspection(uow(), actor=actor, vehicle_id=car.id)


def _templates(uow, actor, manager, tmp_path):
    pdi_templates.export_template(uow(), actor=actor, path=tmp_path / "pdi.json")


PDI_CASES: dict = {Action.VIEW_PDI: _view, Action.RECORD_PDI: _record, Action.MANAGE_PDI_TEMPLATES: _templates}

# (action, error code) pairs a permitted role may still meet as a business-rule refusal.
# test_permissions.py makes technicians without a certificate (4.4.1.3).
PDI_RULE_REFUSALS: set = {(Action.RECORD_PDI, "pdi_certificate_missing")}


def test_every_pdi_action_has_a_case():
    assert {a for a in Action if a.value in {"view_pdi", "record_pdi", "manage_pdi_templates"}} == set(PDI_CASES)
