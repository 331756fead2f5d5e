"""No lost updates (issue #8.2): in every module, two terminals load the same record; the
first saves; the second save, made on the stale copy, is refused with Conflict (who saved,
when, the record's values now) and the first save's data survives. Runs on both databases.
The figure printed is the number of silent overwrites (0)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from app.core.errors import Conflict, ShowroomError
from app.reception import (
    appointment_changes,
    appointments,
    leads,
    checkin as reception,
    customers as reception_customers,
    setup as reception_setup,
    visits as reception_visits,
)
from app.showroom import cards_floor
from app.store import store
from app.inventory import vehicles
from db.models import Role
from tests.factories import (
    RECEPTION_NOW,
    add_models,
    isolated_data_dir,
    make_consultants,  # noqa: F401
    make_customer,
    make_staff,
    make_store,
    make_user,
    on_duty,
    reception_defaults,
    vehicle_input,
    walk_in,
)

pytestmark = pytest.mark.usefixtures("isolated_data_dir")
H = dt.timedelta(hours=1)


@pytest.fixture()
def people(uow):
    make_store(uow)
    reception_defaults(uow)
    manager = make_user(uow, Role.SALES_MANAGER, full_name="周建国")
    other = make_user(uow, Role.SALES_MANAGER, full_name="王店长")
    admin = make_user(uow, Role.ADMIN, full_name="管理员")
    other_admin = make_user(uow, Role.ADMIN, full_name="李管理")
    desk = make_staff(uow, Role.RECEPTION, full_name="林晓雨")
    team = make_consultants(uow, 2)
    on_duty(uow, desk, team)
    return dict(manager=manager, other=other, admin=admin, other_admin=other_admin, desk=desk, team=team)


def second_save_refused(first, second, survived, *, by: str | None = None) -> Conflict:
    """Both terminals hold version v; `first()` saves, `second()` (on v) must raise Conflict,
    and `survived()` must still be true afterwards."""
    first()
    with pytest.raises(Conflict) as e:
        second()
    assert survived(), "the first terminal's save was overwritten"
    print(f"\n{e.value.params.get('table')}: second save refused, first save kept; silent overwrites: 0")
    if by is not None:
        assert e.value.params.get("by_name") == by
        assert e.value.params.get("at")
    return e.value


def test_vehicle_edit(uow, people):
    m, o = people["manager"], people["other"]
    v = vehicles.add_vehicle(uow(), actor=m, data=vehicle_input())

    def data(**changes):
        fields = {f.name: getattr(v, f.name) for f in dataclasses.fields(vehicles.VehicleInput) if hasattr(v, f.name)}
        fields["configuration"] = list(v.configuration)
        fields.update(changes)
        return vehicles.VehicleInput(**fields)

    e = second_save_refused(
        lambda: vehicles.update_vehicle(
            uow(), actor=o, vehicle_id=v.id, expected_version=v.version, data=data(price_fen=18_880_000)
        ),
        lambda: vehicles.update_vehicle(
            uow(), actor=m, vehicle_id=v.id, expected_version=v.version, data=data(exterior_color="红色")
        ),
        lambda: vehicles.get_vehicle(uow(), actor=m, vehicle_id=v.id).price_fen == 18_880_000,
        by="王店长",
    )
    assert e.params["values"]["price_fen"] == 18_880_000  # theirs, for the dialog
    assert e.params["values"]["exterior_color"] == "白色"


def test_vehicle_status(uow, people):
    m, o = people["manager"], people["other"]
    v = vehicles.add_vehicle(uow(), actor=m, data=vehicle_input())
    second_save_refused(
        lambda: vehicles.change_status(
            uow(), actor=o, vehicle_id=v.id, expected_version=v.version, new_status="reserved"
        ),
        lambda: vehicles.change_status(
            uow(), actor=m, vehicle_id=v.id, expected_version=v.version, new_status="on_display"
        ),
        lambda: vehicles.get_vehicle(uow(), actor=m, vehicle_id=v.id).status == "reserved",
        by="王店长",
    )


def test_store_details(uow, people):
    a, b = people["admin"], people["other_admin"]
    s = store.get_store(uow())
    base = dict(address=s.address, sales_hotline=s.sales_hotline, complaint_phone=s.complaint_phone, website=s.website)
    e = second_save_refused(
        lambda: store.update_store(uow(), actor=b, expected_version=s.version, legal_name="第一终端的名字", **base),
        lambda: store.update_store(uow(), actor=a, expected_version=s.version, legal_name="第二终端的名字", **base),
        lambda: store.get_store(uow()).legal_name == "第一终端的名字",
    )
    assert e.params["values"]["legal_name"] == "第一终端的名字"


def test_users_have_no_edit_to_lose(uow, people):
    """Staff accounts are only created (a taken username is refused), never edited in place
    yet: there is no stale copy to save. Two terminals creating the same username: one wins."""
    from app.staff import auth

    make = lambda: auth.create_user(
        uow(),
        actor=people["admin"],
        username="same.name",  # noqa: E731
        full_name="甲",
        password="long-enough-1",
        roles=["consultant"],
    )
    make()
    with pytest.raises(ShowroomError) as e:
        make()
    assert "username_taken" in str(e.value)


def test_source_channel(uow, people):
    a, b = people["admin"], people["other_admin"]
    c = next(c for c in reception_setup.list_channels(uow(), actor=a) if c.code == "walk_by")
    second_save_refused(
        lambda: reception_setup.update_channel(
            uow(),
            actor=b,
            channel_id=c.id,
            expected_version=c.version,
            name="第一",
            name_en=c.name_en,
            sort_order=c.sort_order,
        ),
        lambda: reception_setup.update_channel(
            uow(),
            actor=a,
            channel_id=c.id,
            expected_version=c.version,
            name="第二",
            name_en=c.name_en,
            sort_order=c.sort_order,
        ),
        lambda: next(x for x in reception_setup.list_channels(uow(), actor=a) if x.id == c.id).name == "第一",
        by="李管理",
    )


def test_customer_consent_withdrawal(uow, people):
    desk, m = people["desk"], people["manager"]
    customer = make_customer(uow, desk)
    stale = customer.version
    reception_customers.withdraw_consent(
        uow(), actor=desk, customer_id=customer.id, expected_version=stale, now=RECEPTION_NOW
    )
    with pytest.raises(Conflict):
        reception_customers.withdraw_consent(
            uow(), actor=m, customer_id=customer.id, expected_version=stale, now=RECEPTION_NOW
        )


def test_visit_reassign_and_start(uow, people):
    desk, m, team = people["desk"], people["manager"], people["team"]
    visit = walk_in(uow, desk).visit
    mine = visit.consultant_id
    elsewhere = next(c.user_id for c in team if c.user_id != mine)
    second_save_refused(
        lambda: reception.reassign_visit(
            uow(),
            actor=m,
            visit_id=visit.id,
            expected_version=visit.version,
            consultant_id=elsewhere,
            reason="客户指定",
            now=RECEPTION_NOW,
        ),
        lambda: reception_visits.start_visit(
            uow(),
            actor=next(c for c in team if c.user_id == mine),
            visit_id=visit.id,
            expected_version=visit.version,
            now=RECEPTION_NOW,
        ),
        lambda: reception.get_visit(uow(), actor=m, visit_id=visit.id).consultant_id == elsewhere,
        by="周建国",
    )


def test_lead(uow, people):
    desk, m, team = people["desk"], people["manager"], people["team"]
    customer = make_customer(uow, desk)
    add_models(uow, m, ("大众", "帕萨特"))
    lead = leads.create_lead(
        uow(),
        actor=m,
        customer_id=customer.id,
        brand="大众",
        model="帕萨特",
        consultant_id=team[0].user_id,
        now=RECEPTION_NOW,
    )
    second_save_refused(
        lambda: leads.update_lead(
            uow(), actor=m, lead_id=lead.id, expected_version=lead.version, intent_level="H", now=RECEPTION_NOW
        ),
        lambda: leads.update_lead(
            uow(), actor=m, lead_id=lead.id, expected_version=lead.version, intent_level="C", now=RECEPTION_NOW
        ),
        lambda: leads.get_lead(uow(), actor=m, lead_id=lead.id).intent_level == "H",
        by="周建国",
    )


def test_appointment(uow, people):
    desk, m, team = people["desk"], people["manager"], people["team"]
    customer = make_customer(uow, desk)
    a = appointments.book_appointment(
        uow(),
        actor=desk,
        customer_id=customer.id,
        consultant_id=team[0].user_id,
        scheduled_at=RECEPTION_NOW + 5 * H,
        now=RECEPTION_NOW,
    )
    second_save_refused(
        lambda: appointment_changes.reschedule_appointment(
            uow(),
            actor=desk,
            appointment_id=a.id,
            expected_version=a.version,
            scheduled_at=RECEPTION_NOW + 6 * H,
            consultant_id=team[0].user_id,
            purpose=a.purpose,
            reason="客户改期",
            now=RECEPTION_NOW,
        ),
        lambda: appointment_changes.cancel_appointment(
            uow(), actor=m, appointment_id=a.id, expected_version=a.version, reason="客户改期", now=RECEPTION_NOW
        ),
        lambda: (
            [x for x in appointments.list_appointments(uow(), actor=desk, now=RECEPTION_NOW) if x.id == a.id][0].status
            == "booked"
        ),
        by="林晓雨",
    )


def test_promotion(uow, people):
    m, o = people["manager"], people["other"]
    v = vehicles.add_vehicle(uow(), actor=m, data=vehicle_input(status="on_display"))
    p = cards_floor.set_promotion(uow(), actor=m, vehicle_id=v.id, title="国庆特惠", rules="限时优惠一万元，以合同为准")
    second_save_refused(
        lambda: cards_floor.set_promotion(
            uow(), actor=o, vehicle_id=v.id, title="第一", rules="规则一，以合同为准", expected_version=p.version
        ),
        lambda: cards_floor.set_promotion(
            uow(), actor=m, vehicle_id=v.id, title="第二", rules="规则二，以合同为准", expected_version=p.version
        ),
        lambda: cards_floor.get_promotion(uow(), actor=m, vehicle_id=v.id).title == "第一",
        by="王店长",
    )


def test_floor_position(uow, people):
    """Two terminals put different cars in the same free position: the second is refused and
    the first car stays there (positions are claimed, not versioned)."""
    m, o = people["manager"], people["other"]
    cards_floor.ensure_default_floor(uow())
    car1 = vehicles.add_vehicle(uow(), actor=m, data=vehicle_input())
    car2 = vehicles.add_vehicle(uow(), actor=m, data=vehicle_input())
    free = next(p for p in cards_floor.list_positions(uow(), actor=m) if p.vehicle_id is None)
    cards_floor.move_vehicle(uow(), actor=o, vehicle_id=car1.id, position_id=free.id)
    with pytest.raises(ShowroomError) as e:
        cards_floor.move_vehicle(uow(), actor=m, vehicle_id=car2.id, position_id=free.id)
    assert e.value.code in ("floor_position_occupied", "conflict", "validation_failed")
    now = next(p for p in cards_floor.list_positions(uow(), actor=m) if p.id == free.id)
    assert now.vehicle_id == car1.id


def test_charging_pile_offer(uow, people):
    m, o = people["manager"], people["other"]
    cards_floor.set_charging_pile_offer(uow(), actor=m, service="免费安装家用充电桩")
    second_save_refused(
        lambda: cards_floor.set_charging_pile_offer(uow(), actor=o, service="第一", expected_version=1),
        lambda: cards_floor.set_charging_pile_offer(uow(), actor=m, service="第二", expected_version=1),
        lambda: cards_floor.get_charging_pile_offer(uow(), actor=m).service == "第一",
    )
