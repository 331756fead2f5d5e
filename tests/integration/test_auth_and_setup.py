"""Login with lock-out, first-run set-up, and role checks on user management."""

import datetime as dt

import pytest

from app.core.errors import AccountLocked, LoginFailed, PermissionDenied, ValidationFailed
from app.staff import auth
from app.store import store
from db.models import Role
from tests.factories import PASSWORD, make_store, make_user


def test_login_returns_actor_with_roles(uow):
    make_user(uow, Role.CONSULTANT, Role.RECEPTION, username="li.na")
    actor = auth.login(uow(), username="LI.NA", password=PASSWORD)
    assert actor.roles == {Role.CONSULTANT, Role.RECEPTION}


def test_wrong_password_refused_and_counted(uow):
    make_user(uow, Role.CONSULTANT, username="wang")
    with pytest.raises(LoginFailed) as e:
        auth.login(uow(), username="wang", password="nope")
    assert e.value.params["remaining"] == 4


def test_unknown_user_gets_same_error_as_wrong_password(uow):
    with pytest.raises(LoginFailed):
        auth.login(uow(), username="ghost", password="x")


def test_five_failures_lock_for_15_minutes_even_with_right_password(uow):
    make_user(uow, Role.CONSULTANT, username="zhao")
    t0 = dt.datetime(2026, 11, 23, 9, 0)
    for _ in range(4):
        with pytest.raises(LoginFailed):
            auth.login(uow(), username="zhao", password="bad", now=t0)
    with pytest.raises(AccountLocked):
        auth.login(uow(), username="zhao", password="bad", now=t0)
    with pytest.raises(AccountLocked):
        auth.login(uow(), username="zhao", password=PASSWORD, now=t0 + dt.timedelta(minutes=14))
    actor = auth.login(uow(), username="zhao", password=PASSWORD, now=t0 + dt.timedelta(minutes=16))
    assert actor.username == "zhao"


def test_first_run_creates_store_and_admin_then_refuses_a_second_time(uow):
    assert store.needs_setup(uow())
    admin = store.set_up_store(
        uow(),
        legal_name="上海示例汽车销售服务有限公司",
        address="上海市徐汇区漕溪北路1号",
        sales_hotline="021-64000000",
        complaint_phone="021-64000001",
        admin_username="admin",
        admin_full_name="管理员",
        admin_password="Admin-2026!",
    )
    assert Role.ADMIN in admin.roles
    assert not store.needs_setup(uow())
    assert store.get_store(uow()).sales_hotline == "021-64000000"
    assert auth.login(uow(), username="admin", password="Admin-2026!").user_id == admin.user_id
    with pytest.raises(ValidationFailed):
        store.set_up_store(
            uow(),
            legal_name="x",
            address="y",
            sales_hotline="021-1",
            complaint_phone="021-2",
            admin_username="admin2",
            admin_full_name="A",
            admin_password="Admin-2026!",
        )


def test_set_up_with_bad_fields_writes_nothing_and_names_each_field(uow):
    with pytest.raises(ValidationFailed) as e:
        store.set_up_store(
            uow(),
            legal_name="",
            address="addr",
            sales_hotline="abc",
            complaint_phone="021-64000001",
            admin_username="a b",
            admin_full_name="",
            admin_password="short",
        )
    assert {f.field for f in e.value.errors} == {"legal_name", "sales_hotline"}
    assert store.needs_setup(uow())
    with pytest.raises(ValidationFailed) as e:
        store.set_up_store(
            uow(),
            legal_name="S",
            address="addr",
            sales_hotline="021-64000000",
            complaint_phone="021-64000001",
            admin_username="a b",
            admin_full_name="",
            admin_password="short",
        )
    assert {f.field for f in e.value.errors} == {"admin_username", "admin_full_name", "admin_password"}
    assert store.needs_setup(uow())


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.ADMIN])
def test_only_admins_create_users(uow, role):
    actor = make_user(uow, role)
    with pytest.raises(PermissionDenied):
        auth.create_user(
            uow(), actor=actor, username="new", full_name="New", password="long-enough", roles=["consultant"]
        )


def test_admin_creates_user_and_duplicate_username_is_refused(uow):
    make_store(uow)
    admin = make_user(uow, Role.ADMIN)
    u = auth.create_user(
        uow(),
        actor=admin,
        username="chen",
        full_name="陈",
        password="long-enough",
        roles=["consultant", "pdi_technician"],
        pdi_certificate_no="PDI-1",
        pdi_certificate_expiry=dt.date(2027, 1, 1),
    )
    assert u.roles == {Role.CONSULTANT, Role.PDI_TECHNICIAN}
    with pytest.raises(ValidationFailed) as e:
        auth.create_user(
            uow(), actor=admin, username="Chen", full_name="陈2", password="long-enough", roles=["consultant"]
        )
    assert e.value.errors[0].code == "username_taken"
