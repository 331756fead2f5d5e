"""PDI photos where the checklist asks for them (issue #17.9; T/CSCA 120031-2023 4.4.1.4
traceable records) and one result per press of Save (issue #16.2 request keys).

The demo used to pass a PDI with 0 photos; now F01 ("clean; photos of the four corners and
the odometer") needs its 5 photos before it may be recorded OK, and the service says so.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.core.errors import Conflict, NotFound, ShowroomError, ValidationFailed
from app.demo.pdi import add_pdi_demo
from app.demo.pdi_photos import demo_photo
from app.pdi import inspections as pdi, queries as pdi_queries
from app.pdi.dto import PdiItemEntry
from db.models import Role
from db.pdi_models import PdiItemEvent, PdiPhoto
from tests.factories import isolated_data_dir, make_store, make_user  # noqa: F401  (fixture)
from tests.integration.test_pdi_permissions import sold_car, technician

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


@pytest.fixture()
def started(uow):
    make_store(uow)
    manager = make_user(uow, Role.SALES_MANAGER)
    tech = technician(uow)
    ins = pdi.start_inspection(uow(), actor=tech, vehicle_id=sold_car(uow, manager).id)
    return tech, ins


def test_f01_passes_only_with_its_five_photos(uow, started):
    tech, ins = started
    f01 = ins.item("F01")
    assert f01.photos_required == 5 and f01.photos_missing == 5
    for n in range(4):
        pdi.add_photo(uow(), actor=tech, item_result_id=f01.id, content=demo_photo(n))
    with pytest.raises(ValidationFailed) as e:
        pdi.record_item(uow(), actor=tech, item_result_id=f01.id, expected_version=f01.version, result="ok")
    assert [(f.field, f.code, f.params) for f in e.value.errors] == [
        ("photo", "pdi_photos_required", {"item": "F01", "required": 5, "have": 4})
    ]
    # A defect or "not applicable" needs no photos of the finished car.
    e01 = ins.item("E01")
    assert e01.photos_required == 0
    pdi.record_item(uow(), actor=tech, item_result_id=e01.id, expected_version=e01.version, result="ok")
    pdi.add_photo(uow(), actor=tech, item_result_id=f01.id, content=demo_photo(4))
    after = pdi.record_item(uow(), actor=tech, item_result_id=f01.id, expected_version=f01.version, result="ok")
    assert after.item("F01").result == "ok" and after.item("F01").photos_missing == 0


def test_the_demo_pdi_that_passed_has_its_photos(uow, database):
    make_store(uow)
    manager = make_user(uow, Role.SALES_MANAGER)
    technician(uow, username="sun.haitao")
    sold_car(uow, manager, powertrain="ICE", status="reserved")  # the demo inspects reserved cars
    assert add_pdi_demo(database, manager, None) is True
    row = pdi_queries.queue(uow(), actor=manager)[0]
    assert row.state == "passed"
    shown = pdi_queries.get_inspection(uow(), actor=manager, inspection_id=row.inspection_id)
    assert len(shown.item("F01").photos) == 5
    assert shown.item("F01").photos[4].caption == "里程表 odometer"


def test_a_repeated_save_of_an_item_records_one_result(uow, started):
    # Issue #16.2: a double click or a retry after a lost answer sends the same request key;
    # the database keeps one result, and the repeat gets the inspection back, not a conflict.
    tech, ins = started
    d01 = ins.item("D01")
    kw = dict(actor=tech, item_result_id=d01.id, expected_version=d01.version, result="ok", request_key="k-d01-1")
    first = pdi.record_item(uow(), **kw)
    again = pdi.record_item(uow(), **kw)
    assert again.item("D01").version == first.item("D01").version and again.item("D01").result == "ok"
    with uow() as u:
        events = u.session.scalar(select(func.count(PdiItemEvent.id)).where(PdiItemEvent.item_result_id == d01.id))
        assert events == 1
        assert u.session.scalar(select(func.count(PdiPhoto.id))) == 0
    # A new key with the stale version is still a conflict: another save is never overwritten.
    with pytest.raises(Conflict):
        pdi.record_item(uow(), **{**kw, "request_key": "k-d01-2"})


def _entries(ins, *item_ids, result="ok"):
    return [PdiItemEntry(ins.item(i).id, ins.item(i).version, result) for i in item_ids]


def test_several_items_saved_at_once_follow_every_rule_or_none_is_saved(uow, started):
    # record_items (the demo, an import; issue #17 speed) checks each item as record_item
    # does: F01 without its 5 photos (4.4.1.4, issue #17.9) refuses the whole batch, so the
    # items before it are not half-saved either.
    tech, ins = started
    with pytest.raises(ValidationFailed) as e:
        pdi.record_items(uow(), actor=tech, inspection_id=ins.id, entries=_entries(ins, "D01", "E01", "F01"))
    assert [(f.code, f.params["item"]) for f in e.value.errors] == [("pdi_photos_required", "F01")]
    with uow() as u:
        assert u.session.scalar(select(func.count(PdiItemEvent.id))) == 0
    # A defect needs its description, in a batch as one by one.
    with pytest.raises(ValidationFailed) as e:
        pdi.record_items(uow(), actor=tech, inspection_id=ins.id, entries=_entries(ins, "D01", result="not_ok"))
    assert [f.code for f in e.value.errors] == ["pdi_defect_needs_note"]
    for n in range(5):
        pdi.add_photo(uow(), actor=tech, item_result_id=ins.item("F01").id, content=demo_photo(n))
    after = pdi.record_items(uow(), actor=tech, inspection_id=ins.id, entries=_entries(ins, "D01", "E01", "F01"))
    assert [after.item(i).result for i in ("D01", "E01", "F01")] == ["ok", "ok", "ok"]
    assert after.done == 3 and after.changes.pdi


def test_a_repeated_batch_records_once_and_a_stale_one_is_a_conflict(uow, started):
    # Issue #16.2: the same request key records nothing more; a new key with the versions
    # read before the first save is a conflict, never an overwrite.
    tech, ins = started
    entries = _entries(ins, "D01", "E01")
    first = pdi.record_items(uow(), actor=tech, inspection_id=ins.id, entries=entries, request_key="k-batch-1")
    again = pdi.record_items(uow(), actor=tech, inspection_id=ins.id, entries=entries, request_key="k-batch-1")
    assert again.item("D01").version == first.item("D01").version
    with uow() as u:
        assert u.session.scalar(select(func.count(PdiItemEvent.id))) == 2
    with pytest.raises(Conflict):
        pdi.record_items(uow(), actor=tech, inspection_id=ins.id, entries=entries, request_key="k-batch-2")


def test_a_batch_refuses_a_paused_inspection_and_an_item_not_its_own(uow, started):
    # The guards of one-by-one recording hold for a batch: nothing is recorded on a paused
    # inspection (resume it first), nor an item that is not one of this inspection's rows.
    tech, ins = started
    paused = pdi.pause_inspection(uow(), actor=tech, inspection_id=ins.id, expected_version=ins.version)
    with pytest.raises(ShowroomError) as e:
        pdi.record_items(uow(), actor=tech, inspection_id=ins.id, entries=_entries(ins, "D01"))
    assert e.value.code == "pdi_inspection_paused"
    pdi.resume_inspection(uow(), actor=tech, inspection_id=ins.id, expected_version=paused.version)
    stranger = PdiItemEntry(ins.item("D01").id + 10_000, 1, "ok")
    with pytest.raises(NotFound):
        pdi.record_items(uow(), actor=tech, inspection_id=ins.id, entries=[stranger])
