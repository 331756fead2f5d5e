"""Names and details pasted into the staff and store forms (issue #17.3): a member of staff's
full name (printed on signed records) and the store's legal name and address (printed on every
card and notice) are stored on one line; too long is refused beside its field, never cut, and
nothing is written."""

from __future__ import annotations

import pytest

from app.core.errors import ValidationFailed
from app.staff import auth
from app.store.store import MAX_LENGTHS, get_store, update_store
from db.models import Role
from tests.factories import PASSWORD, make_store, make_user


@pytest.fixture()
def admin(uow):
    make_store(uow)
    return make_user(uow, Role.ADMIN, username="root")


def _create(uow, admin, full_name: str, **kw):
    return auth.create_user(
        uow(), actor=admin, username="lina", full_name=full_name, password=PASSWORD, roles=["consultant"], **kw
    )


def _refused(exc) -> list[tuple[str, str, int]]:
    return [(e.field, e.code, e.params.get("max")) for e in exc.value.errors]


def test_a_pasted_full_name_is_stored_on_one_line(uow, admin):
    staff = _create(uow, admin, " 李\r\n娜\t\u3000", staff_no="PJ\n007")
    assert (staff.full_name, staff.staff_no) == ("李 娜", "PJ 007")


def test_a_500_character_full_name_is_refused_and_no_account_is_made(uow, admin):
    with pytest.raises(ValidationFailed) as exc:
        _create(uow, admin, ("李娜\r\n" * 200)[:500])
    assert _refused(exc) == [("full_name", "too_long", auth.MAX_FULL_NAME)]
    assert [s.username for s in auth.list_staff(uow(), actor=admin)] == ["root"]


def _update(uow, admin, **changes):
    store = get_store(uow())
    values = dict(
        legal_name=store.legal_name,
        address=store.address,
        sales_hotline=store.sales_hotline,
        complaint_phone=store.complaint_phone,
        website=store.website,
    )
    values.update(changes)
    return update_store(uow(), actor=admin, expected_version=store.version, **values)


def test_the_store_details_pasted_with_line_breaks_are_stored_on_one_line(uow, admin):
    store = _update(
        uow, admin, legal_name="上海测试汽车\r\n销售服务有限公司", address="上海市\u3000闵行区\t测试路1号\n"
    )
    assert (store.legal_name, store.address) == ("上海测试汽车 销售服务有限公司", "上海市 闵行区 测试路1号")


def test_a_store_address_too_long_is_refused_not_cut(uow, admin):
    with pytest.raises(ValidationFailed) as exc:
        _update(uow, admin, address="测" * 301)
    assert _refused(exc) == [("address", "too_long", MAX_LENGTHS["address"])]
    assert get_store(uow()).address == "上海市闵行区测试路1号"


def test_a_pasted_promotion_is_stored_clean(uow, tmp_path):
    """A promotion pasted from a brand's circular (4.3.2.1, issue #17.3): one-line title, rules
    with clean line breaks, nothing cut."""
    from app.inventory import vehicles
    from app.showroom.cards_floor import set_promotion
    from tests.factories import make_staff, vehicle_input

    make_store(uow)
    manager = make_staff(uow, Role.SALES_MANAGER)
    vehicle = vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(status="on_display"))
    p = set_promotion(
        uow(), actor=manager, vehicle_id=vehicle.id, title="年末\r\n特惠\t", rules="首付 3 成\r\n\r\n\r\n送保养　1 次"
    )
    assert (p.title, p.rules) == ("年末 特惠", "首付 3 成\n\n送保养 1 次")
