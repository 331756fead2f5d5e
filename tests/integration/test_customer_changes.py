"""Correcting a customer's name or mobile (T/CSCA 120031 4.5.1.3; PIPL art. 46), withdrawing a
consent with a reason (art. 15), reassigning a customer (issue #17.13), and the history kept."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.core import keys, personal_data
from app.core.errors import Conflict, PermissionDenied, ValidationFailed
from app.reception import customer_changes, leads
from app.reception.customer_page import get_customer_page
from app.reception.customers import find_customer_by_mobile, withdraw_consent
from app.reception.notifications import ChangeFeed
from app.privacy import personal_key as privacy, retention
from app.reception.search import search_customers
from db.customer_history_models import CustomerChange
from db.models import Role
from tests.factories import (  # noqa: F401 - isolated_data_dir is a fixture
    RECEPTION_NOW,
    isolated_data_dir,
    make_user,
    make_consultants,
    make_customer,
    make_staff,
    reception_defaults,
)

NOW = RECEPTION_NOW
pytestmark = pytest.mark.usefixtures("isolated_data_dir")  # key files of this test only


@pytest.fixture()
def desk(uow):
    reception_defaults(uow)
    return make_staff(uow, Role.RECEPTION, full_name="前台小张")


@pytest.fixture()
def customer(uow, desk):
    return make_customer(uow, desk, name="周女士", mobile="13811112222")


def _fields(exc) -> set[tuple[str, str]]:
    return {(e.field, e.code) for e in exc.value.errors}


def test_4_5_1_3_a_mistyped_mobile_and_name_are_corrected_and_the_old_ones_kept_sealed(uow, desk, customer):
    fixed = customer_changes.correct_customer(
        uow(),
        actor=desk,
        customer_id=customer.id,
        expected_version=customer.version,
        name="周丽",
        mobile="138 1111 3333",
        reason="登记时手机号输错",
        now=NOW,
    )
    assert (fixed.name, fixed.mobile) == ("周丽", "13811113333")
    assert fixed.changes.reception and customer.id in fixed.changes.ids
    # The desk finds the customer by the corrected number, by its last digits too.
    assert find_customer_by_mobile(uow(), actor=desk, mobile="13811113333").customer.id == customer.id
    assert find_customer_by_mobile(uow(), actor=desk, mobile="13811112222") is None
    assert [h.id for h in search_customers(uow(), actor=desk, text="3333")] == [customer.id]
    page = get_customer_page(uow(), actor=desk, customer_id=customer.id)
    assert (page.name_masked, page.mobile_masked) == ("周*", "138****3333")
    history = {c.kind: c for c in page.changes_history}
    assert (history["mobile_corrected"].old_value_masked, history["mobile_corrected"].new_value_masked) == (
        "138****2222",
        "138****3333",
    )
    assert history["name_corrected"].old_value_masked == "周**"
    assert history["name_corrected"].reason == "登记时手机号输错" and history["name_corrected"].by_name == "前台小张"
    with uow() as u:  # the old values only sealed: never in clear in the database
        rows = {r.kind: r for r in u.session.scalars(select(CustomerChange))}
        blob = rows["mobile_corrected"].old_value_sealed
        assert b"13811112222" not in blob
        assert personal_data.unseal(blob, field="customer_change.old_value_sealed") == "13811112222"


def test_a_correction_is_validated_as_at_check_in_and_a_taken_mobile_refused(uow, desk, customer):
    make_customer(uow, desk, name="李先生", mobile="13900001111")
    call = dict(actor=desk, customer_id=customer.id, expected_version=customer.version, now=NOW)
    with pytest.raises(ValidationFailed) as e:
        customer_changes.correct_customer(uow(), mobile="12345", name="x" * 61, reason="", **call)
    assert _fields(e) == {("mobile", "mobile_format"), ("name", "too_long"), ("reason", "required")}
    with pytest.raises(ValidationFailed) as e:
        customer_changes.correct_customer(uow(), mobile="13900001111", reason="客户换号", **call)
    assert _fields(e) == {("mobile", "mobile_taken")}
    with pytest.raises(ValidationFailed) as e:
        customer_changes.correct_customer(uow(), name="周女士", reason="核对", **call)
    assert _fields(e) == {("name", "nothing_changed")}
    with pytest.raises(ValidationFailed) as e:
        customer_changes.correct_customer(uow(), name="110101199003074514", reason="核对", **call)
    assert _fields(e) == {("name", "id_number_not_allowed")}
    fixed = customer_changes.correct_customer(uow(), name="周丽", reason="核对", **call)
    with pytest.raises(Conflict):  # another terminal saw the old version
        customer_changes.correct_customer(uow(), name="周小丽", reason="核对", **call)
    assert fixed.name == "周丽"


def test_pipl_15_withdrawal_records_reason_and_time_and_erases_the_kept_values(uow, desk, customer):
    fixed = customer_changes.correct_customer(
        uow(),
        actor=desk,
        customer_id=customer.id,
        expected_version=customer.version,
        name="周丽",
        reason="改名",
        now=NOW,
    )
    later = NOW + dt.timedelta(days=3)
    gone = withdraw_consent(
        uow(), actor=desk, customer_id=customer.id, expected_version=fixed.version, reason="客户来电要求", now=later
    )
    assert gone.anonymised and gone.changes.reception
    page = get_customer_page(uow(), actor=desk, customer_id=customer.id)
    assert (page.name_masked, page.mobile_masked, page.has_consent) == ("", "", False)
    (consent,) = page.consents
    assert (consent.withdrawn_at, consent.withdraw_reason, consent.withdrawn_by_name) == (
        later,
        "客户来电要求",
        "前台小张",
    )
    kinds = [c.kind for c in page.changes_history]
    assert kinds == ["consent_withdrawn", "name_corrected"]
    assert page.changes_history[1].old_value_masked is None  # erased with the name (art. 47)
    with uow() as u:
        assert all(r.old_value_sealed is None for r in u.session.scalars(select(CustomerChange)))
    with pytest.raises(ValidationFailed) as e:
        customer_changes.correct_customer(
            uow(), actor=desk, customer_id=customer.id, expected_version=gone.version, name="周丽", reason="x"
        )
    assert _fields(e) == {("customer_id", "customer_anonymised")}


def test_only_a_manager_reassigns_a_customer_with_a_reason_and_the_new_consultant_hears(uow, database, desk, customer):
    manager = make_staff(uow, Role.SALES_MANAGER)
    first, second = make_consultants(uow, 2)
    for actor in (desk, first):
        with pytest.raises(PermissionDenied):
            customer_changes.reassign_customer(
                uow(),
                actor=actor,
                customer_id=customer.id,
                expected_version=customer.version,
                consultant_id=second.user_id,
                reason="离职交接",
            )
    with pytest.raises(ValidationFailed) as e:
        customer_changes.reassign_customer(
            uow(),
            actor=manager,
            customer_id=customer.id,
            expected_version=customer.version,
            consultant_id=second.user_id,
            reason=" ",
        )
    assert _fields(e) == {("reason", "required")}
    with ChangeFeed(database.url) as feed:
        feed.start()
        moved = customer_changes.reassign_customer(
            uow(),
            actor=manager,
            customer_id=customer.id,
            expected_version=customer.version,
            consultant_id=second.user_id,
            reason="离职交接",
            now=NOW,
        )
        events = feed.poll()
    assert (moved.consultant_id, moved.consultant_name) == (second.user_id, second.full_name)
    assert [(e.kind, e.consultant_id) for e in events] == [("customer_reassigned", second.user_id)]
    page = get_customer_page(uow(), actor=manager, customer_id=customer.id)
    (change,) = page.changes_history
    assert (change.kind, change.to_consultant_name, change.reason) == ("reassigned", second.full_name, "离职交接")
    # The leads page's reassign keeps the same history.
    leads.reassign_customer(
        uow(),
        actor=manager,
        customer_id=customer.id,
        expected_version=moved.version,
        consultant_id=first.user_id,
        reason="客户要求换顾问",
    )
    page = get_customer_page(uow(), actor=manager, customer_id=customer.id)
    assert [c.to_consultant_name for c in page.changes_history] == [first.full_name, second.full_name]


def test_kept_values_follow_key_rotation_unmask_with_a_purpose_and_go_with_a_deletion(uow, desk, customer):
    fixed = customer_changes.correct_customer(
        uow(),
        actor=desk,
        customer_id=customer.id,
        expected_version=customer.version,
        mobile="13811113333",
        reason="客户换号",
        now=NOW,
    )
    privacy.rotate_personal_key(uow(), actor=make_user(uow, Role.ADMIN))
    new_key = keys.load_key(personal_data.PERSONAL)
    with uow() as u:
        (change,) = u.session.scalars(select(CustomerChange))
        assert keys.blob_key_id(change.old_value_sealed) == keys.key_id(new_key)
        change_id = change.id
    manager = make_staff(uow, Role.SALES_MANAGER)
    old = privacy.unmask(
        uow(), actor=manager, table="customer_change", record_id=change_id, column="old_value", purpose="核对旧号码"
    )
    assert old == "13811112222"
    retention.delete_person(uow(), actor=manager, mobile=fixed.mobile, now=NOW)
    with uow() as u:
        (change,) = u.session.scalars(select(CustomerChange))
        assert (change.old_value_sealed, change.old_value_masked, change.note) == (None, None, "")


def test_a_new_name_given_at_check_in_is_kept_in_the_history(uow, desk, customer):
    from tests.factories import make_consultants as team_of, on_duty, walk_in

    on_duty(uow, desk, team_of(uow, 1))
    walk_in(uow, desk, now=NOW, name="周丽", mobile="13811112222")
    page = get_customer_page(uow(), actor=desk, customer_id=customer.id)
    (change,) = page.changes_history
    assert (change.kind, change.old_value_masked, change.new_value_masked, change.reason) == (
        "name_corrected",
        "周**",
        "周*",
        "at_check_in",
    )
